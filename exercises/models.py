"""Models that exercises need and no app of the site has."""

from django.db import models


# --8<-- [start:article]
class Article(models.Model):
    """A bare blog article for the slug exercise.

    Unlike blog.Post, it ships with nothing that fills `slug`: the learner's
    pre_save receiver (exercises/fill_slug.py) is the only thing that does.
    The unique index is what guarantees two articles never share a slug.
    """

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True, blank=True)
    body = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title


# --8<-- [end:article]
