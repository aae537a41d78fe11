"""WRONG (a known mistake, kept to prove the checks catch it): the key is deleted
at once, inside the transaction. A request in the gap before the commit reads
the old tags and caches the old page again, and it stays stale."""

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from blog import pagecache
from blog.models import Post, Tag


def _drop_tag_index():
    cache.delete(pagecache.tag_index_key())


@receiver(m2m_changed, sender=Post.tags.through, dispatch_uid="exercises.tag_index_tags")
def tag_links_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _drop_tag_index()


@receiver(post_save, sender=Post, dispatch_uid="exercises.tag_index_post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="exercises.tag_index_post_deleted")
def post_changed(sender, instance, **kwargs):
    if instance.published or getattr(instance, "_loaded", {}).get("published"):
        _drop_tag_index()


@receiver(post_save, sender=Tag, dispatch_uid="exercises.tag_index_tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="exercises.tag_index_tag_deleted")
def tag_changed(sender, **kwargs):
    _drop_tag_index()
