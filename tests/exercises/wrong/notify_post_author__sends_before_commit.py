"""WRONG (a known mistake, kept to prove the checks catch it): the email is sent
from inside post_save, before the comment's transaction commits. A comment that
rolls back has already emailed the author about something that does not exist."""

from django.core.mail import send_mail
from django.db.models.signals import post_save
from django.dispatch import receiver

from blog.models import Comment


@receiver(post_save, sender=Comment, dispatch_uid="exercises.notify_post_author")
def notify_post_author(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    author = instance.post.author
    if author.pk == instance.author_id or not author.email:
        return
    send_mail(
        subject=f"New comment on “{instance.post.title}”",
        message=instance.body,
        from_email=None,
        recipient_list=[author.email],
    )
