from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse

# How many times a save may lose the race for a generated slug before it gives up.
SLUG_ATTEMPTS = 6
# Remembered from the database so receivers can tell what a save changed.
LOADED_FIELDS = ("slug", "author_id", "published")


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)
    slug = models.SlugField(max_length=60, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:tag", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        # **kwargs: Django 6.1 passes fetch_mode, and later versions may pass more.
        tag = super().from_db(db, field_names, values, **kwargs)
        # Remembered so the cache receivers can drop the page at the old address.
        tag._loaded_slug = tag.__dict__.get("slug")
        return tag


class Post(models.Model):
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_posts"
    )
    title = models.CharField(max_length=200)
    # Filled by the blog.fill_slug receiver; the unique index is what guarantees uniqueness.
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=True, blank=True)
    body = models.TextField()
    word_count = models.PositiveIntegerField(default=0, editable=False)
    reading_minutes = models.PositiveIntegerField(default=0, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    attachment = models.FileField(upload_to="blog/attachments/%Y/%m/", blank=True)
    # Made from an image attachment by the receiver of exercises/thumbnails.py.
    thumbnail = models.ImageField(upload_to="blog/thumbnails/", blank=True, editable=False)
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["published", "-created_at"])]

    def __str__(self):
        return self.title

    # --8<-- [start:save]
    def save(self, *args, **kwargs):
        """Save, retrying with another slug when a concurrent save took this one.

        Only a slug the receiver generated is retried: a slug someone typed that
        is taken still raises IntegrityError. Each attempt runs in a savepoint,
        so a lost race leaves the surrounding transaction usable.
        """
        generated = not self.slug
        self._slug_clashes = 0
        while True:
            try:
                with transaction.atomic(using=kwargs.get("using")):
                    super().save(*args, **kwargs)
                self._remember_loaded()
                return
            except IntegrityError:
                if not generated or self._slug_clashes + 1 >= SLUG_ATTEMPTS:
                    raise
                if not type(self)._default_manager.filter(slug=self.slug).exists():
                    raise  # some other constraint failed; not ours to retry
                self._slug_clashes += 1
                self.slug = ""  # the pre_save receiver picks again

    # --8<-- [end:save]

    def get_absolute_url(self):
        return reverse("blog:detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        post = super().from_db(db, field_names, values, **kwargs)
        # What the row said when loaded, so the cache receivers can also drop the
        # pages at an old slug, of a previous author, or of a post just unpublished.
        post._remember_loaded()
        return post

    def _remember_loaded(self):
        self._loaded = {name: self.__dict__.get(name) for name in LOADED_FIELDS}


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_comments"
    )
    body = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"comment by {self.author} on {self.post}"


# --8<-- [start:audit_entry]
class AuditEntry(models.Model):
    """One change to a row: who made it, what it was, when.

    Written by exercises/audit_log.py.

    Rows are never updated; `object_repr` keeps the name of a row that is gone.
    """

    class Action(models.TextChoices):
        CREATE = "create"
        UPDATE = "update"
        DELETE = "delete"

    action = models.CharField(max_length=6, choices=Action.choices)
    model = models.CharField(max_length=100, help_text="app_label.model_name")
    object_pk = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.action} {self.model} {self.object_pk}"


# --8<-- [end:audit_entry]
