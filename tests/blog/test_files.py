"""A post's files leave storage only once the change that dropped them commits."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from blog.models import Post

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def post_with_file(make_post):
    post = make_post("With a file")
    post.attachment.save("notes.txt", ContentFile(b"first"))
    return Post.objects.get(pk=post.pk)


def exists(name):
    return default_storage.exists(name)


def test_deleting_the_post_removes_its_file(post_with_file):
    name = post_with_file.attachment.name
    assert exists(name)
    post_with_file.delete()
    assert not exists(name)


# --8<-- [start:after_commit]
def test_the_file_stays_until_the_deletion_commits(post_with_file):
    name = post_with_file.attachment.name
    with transaction.atomic():
        post_with_file.delete()
        assert exists(name), "removed before the commit"
    assert not exists(name)


def test_a_rolled_back_deletion_keeps_the_file(post_with_file):
    name, pk = post_with_file.attachment.name, post_with_file.pk
    with pytest.raises(Rollback), transaction.atomic():
        post_with_file.delete()
        raise Rollback
    assert Post.objects.filter(pk=pk).exists()
    assert exists(name)


# --8<-- [end:after_commit]


def test_replacing_the_file_removes_the_old_one(post_with_file):
    old = post_with_file.attachment.name
    post_with_file.attachment.save("notes.txt", ContentFile(b"second"))
    assert post_with_file.attachment.name != old
    assert not exists(old)
    assert exists(post_with_file.attachment.name)


def test_a_rolled_back_replacement_keeps_the_old_file(post_with_file):
    old = post_with_file.attachment.name
    with pytest.raises(Rollback), transaction.atomic():
        post_with_file.attachment.save("notes.txt", ContentFile(b"second"))
        raise Rollback
    assert Post.objects.get(pk=post_with_file.pk).attachment.name == old
    assert exists(old)


def test_clearing_the_file_removes_it(post_with_file):
    old = post_with_file.attachment.name
    post_with_file.attachment = ""
    post_with_file.save()
    assert not exists(old)


def test_saving_without_touching_the_file_keeps_it(post_with_file):
    post_with_file.title = "Renamed"
    post_with_file.save()
    assert exists(post_with_file.attachment.name)


def test_a_storage_error_is_logged_and_the_deletion_stands(post_with_file, monkeypatch, caplog):
    pk = post_with_file.pk

    def broken_delete(name):
        raise PermissionError(f"cannot remove {name}")

    monkeypatch.setattr(default_storage, "delete", broken_delete)
    post_with_file.delete()  # the callback fails after commit; the row is still gone
    assert not Post.objects.filter(pk=pk).exists()
    assert any("left behind" in record.getMessage() for record in caplog.records)
