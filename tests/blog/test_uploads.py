"""Uploads: only verified images and PDFs get in, and nothing served from /media/
can run as a page, even a file that reached MEDIA_ROOT some other way."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.models import Post

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><script>fetch('/admin/').then(r => r.text())</script>"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script></svg>"
)
HOSTILE = {  # name, bytes, the Content-Type a browser (or an attacker) would send
    "an HTML page": ("page.html", HTML, "text/html"),
    "an SVG with a script": ("logo.svg", SVG, "image/svg+xml"),
    "HTML bytes named .png": ("photo.png", HTML, "image/png"),
}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def publish(client, upload):
    return client.post(
        reverse("blog:create"),
        {
            "title": "With a file",
            "body": "Some words.",
            "tags": "",
            "published": "on",
            "attachment": upload,
        },
    )


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_upload_is_refused_with_a_clear_message(client, alice, media, kind):
    name, content, content_type = HOSTILE[kind]
    client.force_login(alice)
    response = publish(client, SimpleUploadedFile(name, content, content_type))
    assert response.status_code == 400
    errors = response.context["form"].errors["attachment"]
    assert errors == [
        f"“{name}” is not a PNG, JPEG, GIF or WebP image or a PDF. Other files "
        "(HTML, SVG, scripts) cannot be attached."
    ]
    assert "Other files (HTML, SVG, scripts) cannot be attached." in response.content.decode()
    assert not Post.objects.exists()
    assert not any(media.rglob("*.*")), "nothing written to storage"


def test_an_image_is_kept_under_a_random_name_with_its_real_extension(client, alice):
    client.force_login(alice)
    # A real PNG, sent with a name that says HTML: the bytes decide, not the name.
    response = publish(client, SimpleUploadedFile("trick.html", png_bytes(), "text/html"))
    assert response.status_code == 302
    name = Post.objects.get().attachment.name
    assert re.fullmatch(r"blog/attachments/\d{4}/\d{2}/[0-9a-f]{32}\.png", name), name


def test_a_pdf_is_accepted_as_a_pdf(client, alice):
    client.force_login(alice)
    pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    response = publish(client, SimpleUploadedFile("report.pdf", pdf, "application/pdf"))
    assert response.status_code == 302
    assert Post.objects.get().attachment.name.endswith(".pdf")


def test_the_post_page_links_the_image_and_it_is_shown_inline(client, alice):
    client.force_login(alice)
    publish(client, SimpleUploadedFile("cat.png", png_bytes(), "image/png"))
    post = Post.objects.get()
    page = client.get(post.get_absolute_url())
    assert post.attachment.url in page.content.decode()
    response = client.get(post.attachment.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "Content-Disposition" not in response or "inline" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == png_bytes()


# Files that reached MEDIA_ROOT without the form (the admin, a shell, an old version):
@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_file_already_on_disk_is_served_as_a_download(client, media, kind):
    name, content, _ = HOSTILE[kind]
    (media / "old").mkdir()
    (media / "old" / name).write_bytes(content)
    response = client.get(f"/media/old/{name}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"


def test_a_real_png_named_html_on_disk_is_not_shown_inline_either(client, media):
    (media / "mixed.html").write_bytes(png_bytes())
    response = client.get("/media/mixed.html")
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("path", ["../secret.txt", "%2e%2e/secret.txt", "missing.png", "old/"])
def test_paths_outside_media_or_missing_are_404(client, media, path):
    (media.parent / "secret.txt").write_text("not yours")
    response = client.get(f"/media/{path}")
    assert response.status_code == 404


def test_media_is_served_with_debug_off_too(client, media, settings):
    settings.DEBUG = False
    (media / "page.html").write_bytes(HTML)
    response = client.get("/media/page.html")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
