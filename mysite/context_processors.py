from django.conf import settings

from .cookbook import nav_links


def cookbook(request):
    return {"DOCS_URL": settings.DOCS_URL.rstrip("/") + "/", "nav_links": nav_links}
