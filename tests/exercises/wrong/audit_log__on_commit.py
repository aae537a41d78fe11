"""WRONG (a known mistake, kept to prove the checks catch it): the entry is
written in transaction.on_commit(), after the change has committed. If the
process dies, or the write fails, in between, the change stays and its entry
is lost: an audit log with holes."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from blog.audit import current_actor
from blog.models import AuditEntry, Post


def _record(action, instance, pk):
    transaction.on_commit(
        partial(
            AuditEntry.objects.create,
            action=action,
            model=instance._meta.label_lower,
            object_pk=str(pk),
            object_repr=str(instance)[:200],
            actor=current_actor(),
        )
    )


@receiver(post_save, sender=Post, dispatch_uid="exercises.audit_post_saved")
def audit_post_saved(sender, instance, created, **kwargs):
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    _record(action, instance, instance.pk)


@receiver(post_delete, sender=Post, dispatch_uid="exercises.audit_post_deleted")
def audit_post_deleted(sender, instance, **kwargs):
    _record(AuditEntry.Action.DELETE, instance, instance.pk)
