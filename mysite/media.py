"""Serve user uploads (MEDIA_ROOT) so that a browser can never run one as a page.

Uploads are checked when they arrive (mysite/uploads.py), but files can reach
MEDIA_ROOT in other ways (the admin, a shell, an older version of the site), so
serving does not trust them either. Every response gets:

- ``X-Content-Type-Options: nosniff``: the browser uses the Content-Type we send
  and never guesses "this looks like HTML";
- ``Content-Security-Policy: sandbox``: even if a file were rendered as a page,
  it would run no script and have an origin of its own, so it could not read
  this site's pages or cookies;
- and, unless Pillow verifies the file as an allowed image right now,
  ``Content-Disposition: attachment`` with a generic Content-Type: the browser
  downloads it instead of displaying it.

Why not a separate origin (a media domain)? It is the strongest answer, but it
needs a second host name and TLS certificate that a cookbook running on
127.0.0.1 does not have. These headers give the same "cannot run here" with one
origin; a site that can have a media domain should use both.
"""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

from .uploads import IMAGE_FORMATS, image_extension

# The type each verified image is served as, and the file suffixes that may claim it.
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif", "webp": "image/webp"}
SUFFIXES = {"png": {".png"}, "jpg": {".jpg", ".jpeg"}, "gif": {".gif"}, "webp": {".webp"}}
assert set(IMAGE_TYPES) == set(SUFFIXES) == set(IMAGE_FORMATS.values())


# --8<-- [start:serve]
@require_safe
def serve(request, path):
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except (SuspiciousFileOperation, ValueError):  # a path out of MEDIA_ROOT, or NUL
        raise Http404("No such file.") from None
    if not full_path.is_file():
        raise Http404("No such file.")
    handle = full_path.open("rb")
    extension = image_extension(handle)
    # Inline only when the bytes are an image and the name says the same type.
    inline = extension is not None and full_path.suffix.lower() in SUFFIXES[extension]
    response = FileResponse(
        handle,
        as_attachment=not inline,
        filename=full_path.name,
        content_type=IMAGE_TYPES[extension] if inline else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


# --8<-- [end:serve]
