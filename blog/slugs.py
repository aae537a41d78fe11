"""Choosing a free slug for a post.

Caveat first: the choice is a guess. Between the query here and the INSERT,
another save can take the same slug; the unique index then refuses one of them
and `Post.save()` asks again. Never rely on this module alone for uniqueness.
"""

import re
import secrets

from django.utils.text import slugify

FALLBACK = "post"


def base_slug(title, max_length):
    """The title as a slug, short enough to take a suffix; "post" if nothing is left."""
    slug = slugify(title, allow_unicode=True)[: max_length - 8].strip("-")
    return slug or FALLBACK


# --8<-- [start:free_slug]
def free_slug(model, title, clashes=0):
    """A slug for `title` that no row of `model` has yet: "title", "title-2"...

    After two lost races in a row the number is replaced by a random suffix, so a
    burst of saves with one title does not queue up behind a single counter.
    """
    max_length = model._meta.get_field("slug").max_length
    base = base_slug(title, max_length)
    if clashes >= 2:
        return f"{base}-{secrets.token_hex(3)}"
    pattern = re.compile(rf"^{re.escape(base)}(?:-(\d+))?$")
    taken = model._default_manager.filter(slug__startswith=base)
    taken = taken.values_list("slug", flat=True)
    numbers = [int(m.group(1) or 1) for slug in taken if (m := pattern.match(slug))]
    if not numbers:
        return base
    return f"{base}-{max(numbers) + 1}"


# --8<-- [end:free_slug]
