"""Checks for the exercise “A thumbnail for an uploaded image”."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from blog.models import Post

pytestmark = pytest.mark.django_db(transaction=True)


class Rollback(Exception):
    pass


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def post(db):
    alice = get_user_model().objects.create_user("alice", "alice@example.com", "pw-alice-1")
    return Post.objects.create(author=alice, title="Holiday", body="photos")


def image_file(size, format="PNG"):
    buffer = BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=format)
    return ContentFile(buffer.getvalue())


def thumbnails(media):
    folder = media / "blog" / "thumbnails"
    return sorted(folder.iterdir()) if folder.exists() else []


def fresh(post):
    return Post.objects.get(pk=post.pk)


def test_an_image_gets_a_thumbnail_that_keeps_its_proportions(post):
    post.attachment.save("beach.png", image_file((800, 400)))
    thumbnail = fresh(post).thumbnail
    assert thumbnail, "After saving an image attachment, post.thumbnail should be set."
    with thumbnail.open("rb") as file, Image.open(file) as image:
        assert image.size == (200, 100), (
            "An 800×400 image should make a 200×100 thumbnail, "
            f"not {image.size[0]}×{image.size[1]}."
        )


def test_a_jpeg_works_too(post):
    post.attachment.save("tall.jpg", image_file((300, 600), "JPEG"))
    thumbnail = fresh(post).thumbnail
    assert thumbnail, "A JPEG attachment should get a thumbnail too."
    with thumbnail.open("rb") as file, Image.open(file) as image:
        assert image.size == (100, 200)


def test_a_small_image_is_not_enlarged(post):
    post.attachment.save("icon.png", image_file((64, 32)))
    thumbnail = fresh(post).thumbnail
    assert thumbnail, "A small image still gets a thumbnail."
    with thumbnail.open("rb") as file, Image.open(file) as image:
        assert image.size == (64, 32), "Never enlarge: a 64×32 image stays 64×32."


def test_a_file_that_is_not_an_image_gets_none_and_saves_fine(post, media):
    post.attachment.save("notes.txt", ContentFile(b"just text"))
    post.title = "Still fine"
    post.save()
    assert fresh(post).title == "Still fine"
    assert not fresh(post).thumbnail and thumbnails(media) == [], (
        "A text attachment is not an image: no thumbnail, and no error."
    )


def test_no_thumbnail_is_left_behind_by_a_rolled_back_upload(post, media):
    with pytest.raises(Rollback), transaction.atomic():
        post.attachment.save("beach.png", image_file((800, 400)))
        assert thumbnails(media) == [], (
            "The thumbnail was made before the transaction committed; use transaction.on_commit."
        )
        raise Rollback
    assert thumbnails(media) == [], "A rolled-back upload must not leave a thumbnail file."


def test_saving_again_does_not_make_another_thumbnail(post, media):
    post.attachment.save("beach.png", image_file((800, 400)))
    assert len(thumbnails(media)) == 1, "One image, one thumbnail file."
    post = fresh(post)
    post.title = "Holiday, edited"
    post.save()
    assert len(thumbnails(media)) == 1, (
        "Saving the post again made another thumbnail; make one only when there is none."
    )
