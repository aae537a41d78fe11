from mysite.cookbook import Card

NAV = ("Blog", "blog:list")

CARDS = [
    Card(
        title="Slugs and reading time on pre_save",
        summary="Write a post: pre_save receivers give it a unique slug (even when twenty "
        "saves race for one title) and count its words.",
        url_name="blog:create",
        chapter="blog/slugs/",
        signals=("pre_save",),
    ),
    Card(
        title="Cached pages, dropped on change",
        summary="List, post, tag and author pages come from a shared cache; receivers drop "
        "exactly the pages a change touches, after commit. A badge shows cache hits.",
        url_name="blog:list",
        chapter="blog/cache/",
        signals=("post_save", "post_delete", "m2m_changed"),
    ),
    Card(
        title="Files removed after commit",
        summary="Replace a post's attachment or delete the post: the old file leaves storage "
        "once the change commits, and stays if it rolls back.",
        url_name="blog:list",
        chapter="blog/files/",
        signals=("pre_save", "post_delete"),
    ),
]

# author, title, tags, body, comments as (author, text)
POSTS = [
    (
        "alice",
        "Why my slugs are unique",
        ["django", "signals"],
        "A pre_save receiver picks a free slug, and a unique index has the last word. "
        "When two saves race for the same title, one of them loses at the index, rolls back "
        "to its savepoint and asks for the next free slug.",
        [("bob", "So the database, not the receiver, is the source of truth?")],
    ),
    (
        "alice",
        "Café crème: unicode titles",
        ["django", "unicode"],
        "slugify(allow_unicode=True) keeps the accents, so this post's address reads like "
        "its title. A title with no letters at all falls back to 'post'.",
        [],
    ),
    (
        "bob",
        "Cache invalidation in three receivers",
        ["caching", "signals"],
        "post_save, post_delete and m2m_changed each drop the cached pages that show the "
        "changed post, once the transaction commits. Reload a page to see the badge turn "
        "from 'fresh' to 'served from the cache', then edit the post.",
        [("alice", "And update() sends none of them, so publish_post drops the keys itself.")],
    ),
]


def seed_demo(stdout):
    from django.contrib.auth import get_user_model

    from .models import Comment, Post
    from .services import tags_named

    users = {user.username: user for user in get_user_model().objects.all()}
    made = 0
    for author, title, tags, body, comments in POSTS:
        if author not in users or Post.objects.filter(title=title).exists():
            continue
        post = Post.objects.create(author=users[author], title=title, body=body)
        post.tags.set(tags_named(tags))
        for commenter, text in comments:
            Comment.objects.create(post=post, author=users[commenter], body=text)
        made += 1
    stdout.write(f"blog: {made} new posts ({len(POSTS)} in the demo)")
