from django import forms
from django.utils.text import slugify

from mysite.uploads import SafeUploadField

from .models import Comment, Post

MAX_TAGS = 8


class TagListField(forms.CharField):
    """Tags typed as "django, signals"; cleaned to a list of distinct names."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 400)
        kwargs.setdefault("help_text", f"Comma-separated, up to {MAX_TAGS}.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(tag) for tag in value)
        return value

    def clean(self, value):
        value = super().clean(value)
        names, seen = [], set()
        for name in (part.strip() for part in value.split(",")):
            if not name:
                continue
            if len(name) > 50:
                raise forms.ValidationError(f"A tag can be at most 50 characters: {name[:50]}…")
            slug = slugify(name, allow_unicode=True)
            if not slug:
                raise forms.ValidationError(f"“{name}” has no letters or digits to make a tag.")
            if slug not in seen:
                seen.add(slug)
                names.append(name)
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(f"At most {MAX_TAGS} tags, please.")
        return names


class PostForm(forms.ModelForm):
    tags = TagListField()
    # Only verified images and PDFs, stored under a random name (mysite/uploads.py).
    attachment = SafeUploadField(
        required=False,
        help_text="Optional: an image (PNG, JPEG, GIF, WebP) or a PDF, at most 5 MB. "
        "An image gets a thumbnail once exercise 8 is solved.",
    )

    class Meta:
        model = Post
        fields = ["title", "body", "tags", "attachment", "published"]
        widgets = {"title": forms.TextInput(attrs={"size": 60})}
        help_texts = {
            "body": "Plain text; blank lines start new paragraphs.",
            "published": "Drafts are visible to you only.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = [tag.name for tag in self.instance.tags.all()]

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Give the post a title.")
        return title

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("The post needs some text.")
        return body


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": "Your comment"}
        widgets = {"body": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write something before you post.")
        return body
