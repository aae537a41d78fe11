"""The source articles' listings that go wrong, each shown failing here.

The docs include these sections; nothing outside this file uses them.
"""

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.utils.text import slugify

from blog.models import AuditEntry, Post

pytestmark = pytest.mark.django_db


# --8<-- [start:naive_slug]
def auto_slug(sender, instance, **kwargs):  # as in the article: slugify, and hope
    if not instance.slug:
        instance.slug = slugify(instance.title)


def test_a_slug_from_the_title_alone_clashes_on_the_second_post(alice):
    for attempt in range(2):
        post = Post(author=alice, title="Hello world", body="x")
        auto_slug(Post, post)  # the slug is set, so Post.save() treats it as chosen
        if attempt == 0:
            post.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        post.save()  # same slug: the unique index refuses it


def test_and_a_title_with_no_ascii_letters_gets_an_empty_slug(alice):
    post = Post(author=alice, title="日本語", body="x")
    auto_slug(Post, post)
    assert post.slug == ""  # without allow_unicode=True and a fallback, nothing is left


# --8<-- [end:naive_slug]


# --8<-- [start:recursing_audit]
def log_model_changes(sender, instance, created, **kwargs):  # as in the article
    if sender == User:  # it skips User... but not the audit model itself
        return
    AuditEntry.objects.create(
        action="create" if created else "update",
        model=instance._meta.label_lower,
        object_pk=str(instance.pk),
        object_repr=str(instance)[:200],
    )


def test_an_audit_receiver_for_every_model_audits_its_own_entries_forever(alice):
    post_save.connect(log_model_changes, dispatch_uid="wrong_ways.log_model_changes")
    try:
        with pytest.raises(RecursionError), transaction.atomic():
            Post.objects.create(author=alice, title="Audited", body="x")
    finally:
        post_save.disconnect(dispatch_uid="wrong_ways.log_model_changes")
    assert not Post.objects.exists()  # and the change it meant to record is lost


# --8<-- [end:recursing_audit]
