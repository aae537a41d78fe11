from django.urls import path

from . import views

app_name = "signals_lab"
urlpatterns = [
    path("", views.lab, name="lab"),
    path("notes/", views.add_note, name="add_note"),
    path("notes/<int:note_id>/share/", views.share, name="share"),
    path("receivers/", views.inventory, name="inventory"),
    path("trace/<str:trace_id>/worker/", views.trace_worker, name="trace_worker"),
]
