from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from profiles import views as profiles_views

from . import views

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

# Uploaded files (blog attachments) while DEBUG is on; static() adds nothing otherwise,
# and in production the web server serves MEDIA_ROOT.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
