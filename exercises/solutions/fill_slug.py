"""The reference solution to the exercise “Fill an article's slug, uniquely”."""

from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.text import slugify

from exercises.models import Article

# --8<-- [start:solution]
FALLBACK = "article"


@receiver(pre_save, sender=Article, dispatch_uid="exercises.fill_article_slug")
def fill_article_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.slug:
        return  # a fixture's row, an edit, or a slug someone typed: keep it
    max_length = sender._meta.get_field("slug").max_length
    # 8 characters short, so a suffix such as "-17" always fits.
    base = slugify(instance.title, allow_unicode=True)[: max_length - 8].strip("-")
    base = base or FALLBACK
    taken = sender._default_manager.exclude(pk=instance.pk)
    slug, number = base, 1
    while taken.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    # A guess: another save can take it before our INSERT. The unique index
    # then refuses one of them; blog.Post.save() shows how to retry.
    instance.slug = slug


# --8<-- [end:solution]
