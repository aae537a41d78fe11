"""WRONG (a known mistake, kept to prove the checks catch it): the key is dropped
on every save of any post or comment, whatever changed, so the page is rebuilt
far more often than it changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from blog import pagecache
from blog.models import Comment, Post, Tag


def _drop_tag_index(sender, **kwargs):
    pagecache.drop_after_commit([pagecache.tag_index_key()])


for model in (Post, Tag, Comment):
    post_save.connect(_drop_tag_index, sender=model, dispatch_uid=f"exercises.ti_{model}")
    post_delete.connect(_drop_tag_index, sender=model, dispatch_uid=f"exercises.td_{model}")
m2m_changed.connect(
    _drop_tag_index, sender=Post.tags.through, dispatch_uid="exercises.tag_index_tags"
)
