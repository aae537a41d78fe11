from django.urls import path

from . import views

app_name = "blog"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.post_create, name="create"),
    path("tags/", views.tag_index, name="tag_index"),
    path("tag/<str:slug>/", views.tag_posts, name="tag"),
    path("author/<str:username>/", views.author_posts, name="author"),
    # str, not slug: unicode titles make slugs such as "café-crème".
    path("post/<str:slug>/", views.post_detail, name="detail"),
    path("post/<str:slug>/comment/", views.comment, name="comment"),
    path("post/<str:slug>/edit/", views.post_edit, name="edit"),
    path("post/<str:slug>/delete/", views.post_delete, name="delete"),
]
