"""The reference solution to the exercise “An audit log of every post change”."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from blog.audit import current_actor
from blog.models import AuditEntry, Post


# --8<-- [start:solution]
def _record(action, instance, pk):
    AuditEntry.objects.create(
        action=action,
        model=instance._meta.label_lower,
        object_pk=str(pk),
        object_repr=str(instance)[:200],
        actor=current_actor(),
    )


@receiver(post_save, sender=Post, dispatch_uid="exercises.audit_post_saved")
def audit_post_saved(sender, instance, created, **kwargs):
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    _record(action, instance, instance.pk)


@receiver(post_delete, sender=Post, dispatch_uid="exercises.audit_post_deleted")
def audit_post_deleted(sender, instance, origin=None, **kwargs):
    # instance.pk is still set here; Django clears it only after the signal.
    _record(AuditEntry.Action.DELETE, instance, instance.pk)


# --8<-- [end:solution]
