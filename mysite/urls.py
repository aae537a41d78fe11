import re

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from profiles import views as profiles_views

from . import media, views

urlpatterns = [
    path("", views.home, name="home"),
    path("outbox/", views.outbox, name="outbox"),
    # The profiles app's login view adds the lock-out (HTTP 429) to this page.
    path("accounts/login/", profiles_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("polls/", include("polls.urls")),
    path("profiles/", include("profiles.urls")),
    path("blog/", include("blog.urls")),
    path("orders/", include("orders.urls")),
    path("signals/", include("signals_lab.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG_TOOLBAR:
    # Not debug_toolbar_urls(): it checks DEBUG when the URLconf is imported, and
    # the test runner has turned DEBUG off by then. The toolbar's own
    # SHOW_TOOLBAR_CALLBACK still hides it unless DEBUG and an INTERNAL_IPS client.
    urlpatterns.append(path("__debug__/", include("debug_toolbar.urls")))

# Uploaded files (blog attachments), in development and production alike, through a
# view that makes sure no browser runs one as a page (see mysite/media.py). Not
# static(), which serves them inline with a guessed type, and only while DEBUG is on.
urlpatterns.append(
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", media.serve, name="media"
    )
)
