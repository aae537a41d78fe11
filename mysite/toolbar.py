"""The debug toolbar's History panel, without the passwords in it.

The stock History panel keeps the POST data of every request it sees, from
every client, and shows it in full: a login form's password included. This
one masks any key that looks secret (password, password1, new_password2,
csrfmiddlewaretoken, api_key, ...) the same way Django's error pages and the
toolbar's own Request panel do, before the data is stored at all.
"""

import re

from debug_toolbar.panels.history import HistoryPanel as StockHistoryPanel
from django.http import QueryDict
from django.views.debug import SafeExceptionReporterFilter


class SecretNames(SafeExceptionReporterFilter):
    """Django's rule for "this name looks secret" (API, AUTH, TOKEN, KEY, SECRET, PASS,
    ...), plus CSRF: a token another client could replay has no place on screen either."""

    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + "|CSRF", flags=re.IGNORECASE
    )


_filter = SecretNames()


def masked(data):
    """A copy of request data with the values of secret-looking keys replaced."""
    if isinstance(data, QueryDict):
        return {key: _masked_value(key, data.getlist(key)) for key in data}
    if isinstance(data, dict):
        return {key: _masked_value(key, value) for key, value in data.items()}
    return data


def _masked_value(key, value):
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return _filter.cleanse_setting(key, value)


# The class keeps the stock name: the toolbar finds this panel's stored data,
# its URLs and its JavaScript by the id "HistoryPanel".
class HistoryPanel(StockHistoryPanel):
    def record_stats(self, stats):
        if "data" in stats:
            stats = {**stats, "data": masked(stats["data"])}
        super().record_stats(stats)
