"""WRONG (a known mistake, kept to prove the checks catch it): the tutorials'
version listens to post_save of every model and skips only User. Saving the
audit entry sends post_save too, so the entry audits itself, for ever."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.dispatch import receiver

from blog.audit import current_actor
from blog.models import AuditEntry


@receiver(post_save, dispatch_uid="exercises.audit_post_saved")
def audit_everything(sender, instance, created, **kwargs):
    if sender is get_user_model():
        return
    AuditEntry.objects.create(
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        model=instance._meta.label_lower,
        object_pk=str(instance.pk),
        object_repr=str(instance)[:200],
        actor=current_actor(),
    )
