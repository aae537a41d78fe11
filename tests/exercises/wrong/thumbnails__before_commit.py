"""WRONG (a known mistake, kept to prove the checks catch it): the thumbnail is
made inside post_save, before the upload's transaction commits. A rolled-back
upload leaves a thumbnail file in storage that no row points to."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db.models.signals import post_save
from django.dispatch import receiver
from PIL import Image, UnidentifiedImageError

from blog.models import Post


@receiver(post_save, sender=Post, dispatch_uid="exercises.queue_thumbnail")
def make_thumbnail(sender, instance, raw=False, **kwargs):
    if raw or not instance.attachment or instance.thumbnail:
        return
    try:
        with instance.attachment.open("rb") as file, Image.open(file) as image:
            image.thumbnail((200, 200))
            buffer = BytesIO()
            image.convert("RGBA").save(buffer, format="PNG")
    except (UnidentifiedImageError, OSError):
        return
    name = PurePosixPath(instance.attachment.name).stem + ".png"
    instance.thumbnail.save(name, ContentFile(buffer.getvalue()), save=False)
    instance.save(update_fields=["thumbnail"])
