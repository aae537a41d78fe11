from django.urls import path

from mysite import converters

from . import views

converters.register()

app_name = "blog"
urlpatterns = [
    path("", views.post_list, name="list"),
    path("new/", views.post_create, name="create"),
    path("tags/", views.tag_index, name="tag_index"),
    path("tag/<uslug:slug>/", views.tag_posts, name="tag"),
    path("author/<username:username>/", views.author_posts, name="author"),
    # uslug, not slug: unicode titles make slugs such as "café-crème" (mysite/converters.py).
    path("post/<uslug:slug>/", views.post_detail, name="detail"),
    path("post/<uslug:slug>/comment/", views.comment, name="comment"),
    path("post/<uslug:slug>/edit/", views.post_edit, name="edit"),
    path("post/<uslug:slug>/delete/", views.post_delete, name="delete"),
]
