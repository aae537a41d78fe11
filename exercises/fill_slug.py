"""Exercise 8 · Fill an article's slug, uniquely.

`exercises.models.Article` has a `title` and a `slug` (unique, may be left
blank), and nothing fills the slug yet. Connect a `pre_save` receiver here that
fills it from the title, as the chapter's `blog.fill_slug` does for posts:

- only when the slug is empty: an edit keeps the article's address, and a slug
  someone typed is kept as typed;
- `slugify(title, allow_unicode=True)`: "Café crème" becomes "café-crème", and a
  Japanese title is not reduced to nothing;
- when nothing is left ("!!!"), fall back to "article";
- the trap: two articles with the same title. The second must get "title-2",
  the third "title-3", never the first one's slug (the unique index would
  refuse it with IntegrityError). Look for a slug nobody has: counting the
  rows whose slug starts with the base is not it, since a deleted row leaves
  a gap.

Connect it for Article only, with a dispatch_uid.

Check it:  python manage.py exercises check 8
"""

# Write your receiver below.
