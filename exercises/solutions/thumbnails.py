"""The reference solution to the exercise “A thumbnail for an uploaded image”."""

import logging
from functools import partial
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image, UnidentifiedImageError

from blog.models import Post

logger = logging.getLogger(__name__)


# --8<-- [start:solution]
THUMBNAIL_SIZE = (200, 200)


@receiver(post_save, sender=Post, dispatch_uid="exercises.queue_thumbnail")
def queue_thumbnail(sender, instance, raw=False, **kwargs):
    if raw or not instance.attachment or instance.thumbnail:
        # Nothing to do, or done already: this also stops the save below recursing.
        return
    transaction.on_commit(partial(make_thumbnail, instance.pk), robust=True)


def make_thumbnail(post_id):
    post = Post.objects.filter(pk=post_id).first()
    if post is None or not post.attachment or post.thumbnail:
        return
    try:
        with post.attachment.open("rb") as file, Image.open(file) as image:
            # In place; keeps proportions, never enlarges.
            image.thumbnail(THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "RGBA", "L", "LA"):
                image = image.convert("RGBA")
            buffer = BytesIO()
            image.save(buffer, format="PNG")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError):
        reason = "the attachment is not an image we can read"
        logger.info("post %s: %s; no thumbnail", post_id, reason)
        return
    name = PurePosixPath(post.attachment.name).stem + ".png"
    post.thumbnail.save(name, ContentFile(buffer.getvalue()), save=False)
    # save(), not update(): the cached pages of the post are dropped as for any edit.
    post.save(update_fields=["thumbnail"])


# --8<-- [end:solution]
