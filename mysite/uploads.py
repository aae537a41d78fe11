"""What users may upload, checked by what the bytes are, never by their name.

A file's name and the Content-Type its browser sent are whatever the uploader
chose: `cat.png` can hold HTML. So an upload is accepted only when Pillow can
open and verify it as one of a few raster image formats (or, for documents,
when it starts as a PDF does), and it is stored under a random name whose
extension comes from the detected format. SVG is refused: it is an XML
document that can carry scripts, not a picture Pillow can verify.
"""

import uuid

from django import forms
from PIL import Image, UnidentifiedImageError

# Pillow's format name -> the extension a stored file gets.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
PDF_MAGIC = b"%PDF-"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# Pillow refuses images above this many pixels: a tiny file can decode to gigabytes.
Image.MAX_IMAGE_PIXELS = 40_000_000


def image_extension(file):
    """The extension for `file` if Pillow verifies it as an allowed image, else None."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            found = image.format
            image.verify()  # reads the whole file: a truncated or forged one raises
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ):
        return None
    finally:
        file.seek(0)
    return IMAGE_FORMATS.get(found)


def detected_extension(file, allow_pdf=True):
    """The safe extension for an uploaded file's real format, or None when it is not allowed."""
    extension = image_extension(file)
    if extension is None and allow_pdf:
        file.seek(0)
        if file.read(len(PDF_MAGIC)) == PDF_MAGIC:
            extension = "pdf"
        file.seek(0)
    return extension


# --8<-- [start:field]
class SafeUploadField(forms.FileField):
    """A file field that accepts only verified images (and PDFs if `allow_pdf`),
    renamed to a random name with the extension of what the file really is."""

    def __init__(self, *, allow_pdf=True, **kwargs):
        self.allow_pdf = allow_pdf
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if not uploaded or uploaded is initial:  # nothing new: empty, cleared or kept
            return uploaded
        if uploaded.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Attachments can be at most 5 MB.")
        extension = detected_extension(uploaded, self.allow_pdf)
        if extension is None:
            kinds = "a PNG, JPEG, GIF or WebP image"
            if self.allow_pdf:
                kinds += " or a PDF"
            raise forms.ValidationError(
                f"“{uploaded.name}” is not {kinds}. Other files (HTML, SVG, scripts) "
                "cannot be attached.",
                code="unsafe_upload",
            )
        uploaded.name = f"{uuid.uuid4().hex}.{extension}"
        return uploaded


# --8<-- [end:field]
