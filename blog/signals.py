"""Receivers that keep a post's own fields right, and its files tidy.

- ``fill_slug`` and ``set_reading_stats`` (pre_save): fields derived from others.
- ``remember_replaced_files`` (pre_save) and ``remove_files_of_deleted_post``
  (post_delete): a file leaves storage only once the change that dropped it
  has committed.

Cache invalidation has its own module, blog/invalidation.py.
"""

import logging
import math
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import Post
from .slugs import free_slug

logger = logging.getLogger(__name__)

WORDS_PER_MINUTE = 200


# --8<-- [start:fill_slug]
@receiver(pre_save, sender=Post, dispatch_uid="blog.fill_slug")
def fill_slug(sender, instance, **kwargs):
    if not instance.slug:
        clashes = getattr(instance, "_slug_clashes", 0)  # set by Post.save() on a retry
        instance.slug = free_slug(sender, instance.title, clashes)


# --8<-- [end:fill_slug]


# --8<-- [start:set_reading_stats]
@receiver(pre_save, sender=Post, dispatch_uid="blog.set_reading_stats")
def set_reading_stats(sender, instance, **kwargs):
    instance.word_count = len(instance.body.split())
    instance.reading_minutes = math.ceil(instance.word_count / WORDS_PER_MINUTE)


# --8<-- [end:set_reading_stats]


# --8<-- [start:files]
def _file_fields(model):
    return [field for field in model._meta.concrete_fields if hasattr(field, "storage")]


def _delete_file(storage, name):
    try:
        storage.delete(name)
    except OSError:
        logger.exception("could not remove %s; it is left behind", name)
    else:
        logger.info("removed %s", name)


def _delete_after_commit(field, name, using):
    if name:
        transaction.on_commit(partial(_delete_file, field.storage, name), using=using)


@receiver(pre_save, sender=Post, dispatch_uid="blog.remember_replaced_files")
def remember_replaced_files(sender, instance, raw=False, using=None, **kwargs):
    if raw or instance._state.adding:
        return
    fields = _file_fields(sender)
    old = (
        sender._default_manager.using(using)
        .filter(pk=instance.pk)
        .values(*[field.attname for field in fields])
    )
    old = old.first() or {}
    for field in fields:
        old_name = old.get(field.attname)
        if old_name and old_name != getattr(instance, field.attname).name:
            _delete_after_commit(field, old_name, using)


@receiver(post_delete, sender=Post, dispatch_uid="blog.remove_files_of_deleted_post")
def remove_files_of_deleted_post(sender, instance, using=None, **kwargs):
    for field in _file_fields(sender):
        _delete_after_commit(field, getattr(instance, field.attname).name, using)


# --8<-- [end:files]
