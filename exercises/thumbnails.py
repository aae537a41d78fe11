"""Exercise 10 · A thumbnail for an uploaded image.

When a `blog.Post` is saved with an image as its ``attachment`` and no
``thumbnail`` yet, make a thumbnail with Pillow and store it in the post's
``thumbnail`` field (it uploads to MEDIA_ROOT/blog/thumbnails/):

- at most 200×200 pixels, keeping the image's proportions, never enlarged;
- an attachment that is not an image (a PDF, a text file) gets no thumbnail,
  and saving the post must not fail because of it;
- make it only after the post's transaction commits: a rolled-back upload must
  not leave a thumbnail file in storage.

When an author replaces the attachment, blog.services.save_post empties
``thumbnail`` (the old one is removed after commit), so your receiver makes a
new one.

Check it:  python manage.py exercises check 10
"""

# Write your receiver below.
