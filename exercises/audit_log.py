"""Exercise 1 · An audit log of every post change.

Record every change to a `blog.Post` as a `blog.AuditEntry` row (the model is
in blog/models.py, so this file needs no migration):

- ``action``: "create", "update" or "delete";
- ``model``: "blog.post"; ``object_pk``: the post's pk as a string;
  ``object_repr``: ``str(post)``, so a deleted post keeps its name;
- ``actor``: the user doing it. Signals carry no request: the blog's services
  say who acts with ``blog.audit.acting_as(user)``, and
  ``blog.audit.current_actor()`` reads it back (None when nobody said).

Write the entry in the same transaction as the change, so a change that rolls
back leaves no entry behind.

Check it:  python manage.py exercises check 1
"""

# Write your receivers below.
