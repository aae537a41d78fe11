"""WRONG (a known mistake, kept to prove the checks catch it): the slug is the
title slugified, with no check that it is free. The second article with the same
title fails on the unique index, and every edit changes the address."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from exercises.models import Article


@receiver(pre_save, sender=Article, dispatch_uid="exercises.fill_article_slug")
def fill_article_slug(sender, instance, **kwargs):
    instance.slug = slugify(instance.title, allow_unicode=True)
