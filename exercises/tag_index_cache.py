"""Exercise 9 · Keep the cached tag index fresh.

The page /blog/tags/ lists every tag that has published posts, with how many.
It is cached under ``blog.pagecache.tag_index_key()``, but nothing drops that
key yet, so it goes stale (try it: add a tag to a post, then reload).

Write receivers that drop the key, after commit
(``blog.pagecache.drop_after_commit([...])``), whenever the page could change:
a published post gains or loses tags, is published, unpublished or deleted, or
a tag is renamed or deleted. And *only* then: a new comment, for one, must
leave the page cached.

(``blog.services.set_published`` uses ``update()``, which no receiver sees, so
it already drops this key itself.)

Check it:  python manage.py exercises check 9
"""

# Write your receivers below.
