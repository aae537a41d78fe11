"""URL converters that match only what a real slug or username can be.

`str` matches anything but a slash, so `/blog/tag/<script>/` or a 300-character
segment reached the view and the database. These answer 404 for such segments
before any query runs.
"""

from django.urls import register_converter


class UnicodeSlugConverter:
    """Slugs made by slugify(allow_unicode=True): letters, digits, _ and -."""

    regex = r"[-\w]{1,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class UsernameConverter(UnicodeSlugConverter):
    """What Django's UnicodeUsernameValidator allows: letters, digits and @ . + - _."""

    regex = r"[\w.@+-]{1,150}"


def register():
    register_converter(UnicodeSlugConverter, "uslug")
    register_converter(UsernameConverter, "username")
