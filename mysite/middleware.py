"""Refuse requests carrying characters no page of this site can use.

A NUL byte is the sharp one: PostgreSQL cannot store it in a text column and
psycopg raises, so `GET /blog/tag/a%00b/` used to end in a 500 there (SQLite
stores it and shows it back raw). Other C0 control characters and U+FFFD (what
Django puts in place of bytes that are not valid UTF-8) are never typed by a
person either. One check here covers every URL and every form, so no view can
forget it; forms still validate their own fields (length, format) after it.
"""

import re

from django.http import HttpResponseBadRequest
from django.utils.html import escape

# C0 controls except tab, newline and carriage return (which textareas send),
# DEL, and the replacement character that stands for undecodable bytes.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_part(request):
    """Where the request carries a forbidden character, or None."""
    if FORBIDDEN.search(request.path):
        return "the address"
    for name, data in (("the query string", request.GET), ("the form", _form(request))):
        for key, values in data.lists():
            if FORBIDDEN.search(key) or any(
                isinstance(value, str) and FORBIDDEN.search(value) for value in values
            ):
                return f"{name} (field “{FORBIDDEN.sub('', key)}”)"
    return None


def _form(request):
    if request.method == "POST" and request.content_type in FORM_TYPES:
        return request.POST
    return request.GET.__class__()  # an empty QueryDict


def reject_control_characters(get_response):
    def middleware(request):
        where = _bad_part(request)
        if where is not None:
            return HttpResponseBadRequest(
                f"<h1>Bad request</h1><p>{escape(where).capitalize()} contains a NUL byte, "
                "another control character or bytes that are not valid UTF-8. Remove them "
                "and try again.</p>"
            )
        return get_response(request)

    return middleware
