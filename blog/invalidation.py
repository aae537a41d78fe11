"""Receivers that drop exactly the cached pages a change makes wrong.

Which pages show what:

- the list, a tag page and an author page show each published post's title,
  author and tags;
- a post's page shows the post, its tags and its comments.

So a post change drops its own page, the list, its author's page and the
pages of its tags; a comment drops only its post's page; a draft shows on no
cached page, so a change that keeps a post a draft drops nothing but its own
(never cached) page. Receivers only *collect* keys here; pagecache drops them
after commit.

Caveat: `QuerySet.update()` and `bulk_create()` send no signals. Code that
uses them must call `pages_of(posts)` and drop the keys itself, as
`blog.services.set_published` does.
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from . import pagecache
from .models import Comment, Post, Tag


# --8<-- [start:pages_of]
def pages_of(posts):
    """The keys of every page showing one of `posts` (a queryset), drafts included."""
    keys = set()
    for slug, username in posts.values_list("slug", "author__username"):
        keys.update((pagecache.list_key(), pagecache.post_key(slug)))
        keys.add(pagecache.author_key(username))
    tags = Tag.objects.filter(posts__in=posts).values_list("slug", flat=True).distinct()
    keys.update(pagecache.tag_key(slug) for slug in tags)
    return keys


# --8<-- [end:pages_of]


# --8<-- [start:post_saved]
@receiver(post_save, sender=Post, dispatch_uid="blog.drop_pages_of_saved_post")
def drop_pages_of_saved_post(sender, instance, using, **kwargs):
    loaded = getattr(instance, "_loaded", {})
    if not (instance.published or loaded.get("published")):
        return  # a draft before and after: no cached page shows it
    keys = pages_of(sender._default_manager.using(using).filter(pk=instance.pk))
    # A new slug or author leaves the old pages behind: drop them too.
    if loaded.get("slug") not in (None, instance.slug):
        keys.add(pagecache.post_key(loaded["slug"]))
    if loaded.get("author_id") not in (None, instance.author_id):
        authors = get_user_model()._default_manager
        old_author = authors.filter(pk=loaded["author_id"]).first()
        if old_author is not None:
            keys.add(pagecache.author_key(old_author.get_username()))
    pagecache.drop_after_commit(keys, using)


# --8<-- [end:post_saved]


# --8<-- [start:post_deleted]
@receiver(pre_delete, sender=Post, dispatch_uid="blog.note_pages_of_deleted_post")
def note_pages_of_deleted_post(sender, instance, using, **kwargs):
    # By post_delete the post's tag links are already gone: look them up now.
    if instance.published:
        this_post = sender._default_manager.using(using).filter(pk=instance.pk)
        instance._pages = pages_of(this_post)


@receiver(post_delete, sender=Post, dispatch_uid="blog.drop_pages_of_deleted_post")
def drop_pages_of_deleted_post(sender, instance, using, **kwargs):
    pagecache.drop_after_commit(getattr(instance, "_pages", ()), using)


# --8<-- [end:post_deleted]


# --8<-- [start:tags_changed]
@receiver(
    m2m_changed,
    sender=Post.tags.through,
    dispatch_uid="blog.drop_pages_on_tags_change",
)
def drop_pages_on_tags_change(
    sender,
    instance,
    action,
    reverse,
    pk_set,
    using,
    **kwargs,
):
    # post.tags.add(tag) arrives with the post as instance; tag.posts.add(post)
    # with the tag. Either way, some posts gained or lost some tags.
    if action == "pre_clear":
        related = instance.posts if reverse else instance.tags
        instance._cleared_pks = set(related.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = instance._cleared_pks
    post_pks, tag_pks = (pk_set, {instance.pk}) if reverse else ({instance.pk}, pk_set)
    posts = Post.objects.using(using).filter(pk__in=post_pks, published=True)
    keys = pages_of(posts)
    if keys:  # a published post changed: the pages of the tags it lost or gained, too
        tags = Tag.objects.using(using).filter(pk__in=tag_pks)
        tags = tags.values_list("slug", flat=True)
        keys.update(pagecache.tag_key(slug) for slug in tags)
    pagecache.drop_after_commit(keys, using)


# --8<-- [end:tags_changed]


# --8<-- [start:comments]
@receiver(post_save, sender=Comment, dispatch_uid="blog.drop_page_of_commented_post")
@receiver(
    post_delete,
    sender=Comment,
    dispatch_uid="blog.drop_page_of_uncommented_post",
)
def drop_page_of_commented_post(sender, instance, using, **kwargs):
    post = Post.objects.using(using).filter(pk=instance.post_id)
    post = post.values("slug", "published").first()
    if post and post["published"]:
        pagecache.drop_after_commit([pagecache.post_key(post["slug"])], using)


# --8<-- [end:comments]


@receiver(post_save, sender=Tag, dispatch_uid="blog.drop_pages_of_renamed_tag")
def drop_pages_of_renamed_tag(sender, instance, created, using, **kwargs):
    if created:
        return  # no post has it yet
    keys = pages_of(instance.posts.using(using).filter(published=True))
    keys.add(pagecache.tag_key(instance.slug))
    if getattr(instance, "_loaded_slug", None):
        keys.add(pagecache.tag_key(instance._loaded_slug))
    pagecache.drop_after_commit(keys, using)


@receiver(pre_delete, sender=Tag, dispatch_uid="blog.drop_pages_of_deleted_tag")
def drop_pages_of_deleted_tag(sender, instance, using, **kwargs):
    # Deleting a tag removes its links without m2m_changed; the pages go after commit.
    keys = pages_of(instance.posts.using(using).filter(published=True))
    keys.add(pagecache.tag_key(instance.slug))
    pagecache.drop_after_commit(keys, using)


# A renamed user: the pages that print their name. last_login saves are skipped,
# since logging in changes nothing shown.
@receiver(pre_save, sender=get_user_model(), dispatch_uid="blog.note_author_name")
def note_author_name(sender, instance, update_fields=None, using=None, **kwargs):
    if instance._state.adding or (update_fields and "username" not in update_fields):
        return
    old = sender._default_manager.using(using).filter(pk=instance.pk)
    instance._blog_old_username = old.values_list("username", flat=True).first()


@receiver(post_save, sender=get_user_model(), dispatch_uid="blog.drop_pages_of_renamed_author")
def drop_pages_of_renamed_author(sender, instance, using, **kwargs):
    old = getattr(instance, "_blog_old_username", None)
    if old is None or old == instance.get_username():
        return
    keys = pages_of(Post.objects.using(using).filter(author=instance, published=True))
    keys.add(pagecache.author_key(old))
    pagecache.drop_after_commit(keys, using)
