"""Exercise 11 · Email the post's author about a comment.

When a new `blog.Comment` is saved, email the author of its post with the
subject

    New comment on “<the post's title>”

and the comment's text in the body. Rules:

- only for a *new* comment (not an edit) and never for a fixture load (`raw`);
- not when authors comment on their own post, nor when the author has no email;
- only once the comment's transaction commits: a rolled-back comment sends nothing.

Check it:  python manage.py exercises check 11
"""

# Write your receiver below.
