"""Business rules for the blog: plain functions the views (and commands) call."""

from django.db import transaction
from django.db.models.functions import Now
from django.utils.text import slugify

from . import pagecache
from .audit import acting_as
from .invalidation import pages_of
from .models import Comment, Post, Tag


def tags_named(names):
    """The Tag rows for `names`, made where missing (race-safe: get_or_create retries)."""
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(
            slug=slugify(name, allow_unicode=True), defaults={"name": name}
        )
        tags.append(tag)
    return tags


# --8<-- [start:save_post]
def save_post(form, author):
    """Save a valid PostForm for `author`, with its tags, in one transaction."""
    with transaction.atomic(), acting_as(author):
        post = form.save(commit=False)
        if post._state.adding:
            post.author = author
        if "attachment" in form.changed_data:
            post.thumbnail = ""  # belongs to the old attachment; removed after commit
        post.save()
        post.tags.set(tags_named(form.cleaned_data["tags"]))  # m2m_changed, not post_save
    return post


# --8<-- [end:save_post]


def delete_post(post, actor):
    with transaction.atomic(), acting_as(actor):
        post.delete()


def add_comment(post, author, body):
    with transaction.atomic(), acting_as(author):
        return Comment.objects.create(post=post, author=author, body=body)


# --8<-- [start:set_published]
def set_published(posts, published):
    """Publish or unpublish every post of the queryset `posts` in one UPDATE.

    `update()` sends no pre_save or post_save, so no receiver drops the cached
    pages: this function drops them itself, for the pages before and after.
    Returns how many posts changed.
    """
    with transaction.atomic():
        pks = list(posts.exclude(published=published).values_list("pk", flat=True))
        changing = Post.objects.filter(pk__in=pks)
        # Each of them appears, or disappears, on every page that lists it.
        keys = pages_of(changing)
        # Its counts change too (exercises/tag_index_cache.py).
        keys.add(pagecache.tag_index_key())
        count = changing.update(published=published, updated_at=Now())
        pagecache.drop_after_commit(keys)
    return count


# --8<-- [end:set_published]
