from django.urls import path

from . import views

app_name = "profiles"
urlpatterns = [
    path("", views.me, name="me"),
    path("edit/", views.edit, name="edit"),
    path("signup/", views.signup, name="signup"),
]
