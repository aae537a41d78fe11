"""The reference solution to the exercise “Email the post's author about a comment”."""

from functools import partial

from django.core.mail import send_mail
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from blog.models import Comment


# --8<-- [start:solution]
@receiver(post_save, sender=Comment, dispatch_uid="exercises.notify_post_author")
def notify_post_author(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    author = instance.post.author
    if author.pk == instance.author_id or not author.email:
        return
    transaction.on_commit(
        partial(_send, author.email, instance.post.title, instance.body), robust=True
    )


def _send(to, title, comment):
    send_mail(
        subject=f"New comment on “{title}”",
        message=f"Someone commented on your post “{title}”:\n\n{comment}\n",
        from_email=None,
        recipient_list=[to],
    )


# --8<-- [end:solution]
