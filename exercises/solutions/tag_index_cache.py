"""The reference solution to the exercise “Keep the cached tag index fresh”."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from blog import pagecache
from blog.models import Post, Tag


# --8<-- [start:solution]
def _drop_tag_index(using=None):
    pagecache.drop_after_commit([pagecache.tag_index_key()], using)


TAG_LINKS = Post.tags.through


@receiver(m2m_changed, sender=TAG_LINKS, dispatch_uid="exercises.tag_index_tags")
def tag_links_changed(sender, action, using, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        _drop_tag_index(using)


@receiver(post_save, sender=Post, dispatch_uid="exercises.tag_index_post_saved")
@receiver(post_delete, sender=Post, dispatch_uid="exercises.tag_index_post_deleted")
def post_changed(sender, instance, using, **kwargs):
    # Published now, or published when loaded (an unpublish): the counts may move.
    if instance.published or getattr(instance, "_loaded", {}).get("published"):
        _drop_tag_index(using)


@receiver(post_save, sender=Tag, dispatch_uid="exercises.tag_index_tag_saved")
@receiver(post_delete, sender=Tag, dispatch_uid="exercises.tag_index_tag_deleted")
def tag_changed(sender, using, **kwargs):
    _drop_tag_index(using)


# --8<-- [end:solution]
