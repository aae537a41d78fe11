"""The blog's pages. List, post, tag and author pages are cached (see pagecache).

A cached page is served with no SQL query for an anonymous visitor: the cache
key comes from the URL alone, and nothing outside the cached content touches
the database.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from mysite.cookbook import chapter_context

from . import pagecache, services
from .forms import CommentForm, PostForm
from .models import Post, Tag

LATEST = 30  # posts on the list, tag and author pages
CACHE_CHAPTER = chapter_context("blog/cache/", "Cache invalidation")
SLUG_CHAPTER = chapter_context("blog/slugs/", "Slugs and derived fields on pre_save")
FILES_CHAPTER = chapter_context("blog/files/", "Cleaning up files")


# --8<-- [start:listing]
def published_posts():
    # Two queries however many posts: the posts with their authors, then all their tags.
    return (
        Post.objects.filter(published=True)
        .select_related("author")
        .prefetch_related("tags")
        .order_by("-created_at", "-id")
    )


# --8<-- [end:listing]


def _render_cached(request, template, key, build, extra=None, status=200):
    content, from_cache = pagecache.get_or_build(key, build)
    if content is None:
        raise Http404("No such page.")
    context = {"content": content, "from_cache": from_cache, **CACHE_CHAPTER, **(extra or {})}
    return render(request, template, context, status=status)


def _listing(heading, posts, intro=""):
    posts = list(posts[:LATEST])
    html = render_to_string("blog/_post_list.html", {"posts": posts})
    return {"title": heading, "intro": intro, "html": html}


def post_list(request):
    drafts = []
    if request.user.is_authenticated:  # per visitor, so never cached
        drafts = Post.objects.filter(author=request.user, published=False).only("title", "slug")
    return _render_cached(
        request,
        "blog/listing.html",
        pagecache.list_key(),
        lambda: _listing("Blog", published_posts()),
        {"drafts": drafts, "show_new": True},
    )


def tag_posts(request, slug):
    def build():
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            return None
        return _listing(f"Posts tagged “{tag.name}”", published_posts().filter(tags=tag))

    return _render_cached(request, "blog/listing.html", pagecache.tag_key(slug), build)


def author_posts(request, username):
    def build():
        author = get_user_model()._default_manager.filter(username=username).first()
        if author is None:
            return None
        posts = published_posts().filter(author=author)
        return _listing(f"Posts by {author.get_username()}", posts)

    return _render_cached(request, "blog/listing.html", pagecache.author_key(username), build)


def tag_index(request):
    """Every tag with its number of published posts. Kept fresh by exercises/tag_index_cache.py."""

    def build():
        tags = Tag.objects.annotate(
            published_posts=Count("posts", filter=Q(posts__published=True))
        ).filter(published_posts__gt=0)
        return {"title": "Tags", "html": render_to_string("blog/_tag_index.html", {"tags": tags})}

    key = pagecache.tag_index_key()
    return _render_cached(request, "blog/listing.html", key, build, {"exercise_note": True})


# --8<-- [start:detail]
def _post_content(slug):
    post = get_object_or_404(published_posts().prefetch_related("comments__author"), slug=slug)
    html = render_to_string("blog/_post.html", {"post": post, "comments": post.comments.all()})
    return {"title": post.title, "html": html, "author_id": post.author_id, "slug": post.slug}


def post_detail(request, slug):
    content, from_cache = pagecache.get_or_build(
        pagecache.post_key(slug), lambda: _published_content_or_none(slug)
    )
    if content is None:  # not published: only its author sees it, never from the cache
        post = get_object_or_404(Post, slug=slug, published=False)
        if post.author_id != request.user.pk:
            raise Http404("No such post.")
        html = render_to_string("blog/_post.html", {"post": post, "comments": []})
        content = {"title": post.title, "html": html, "author_id": post.author_id, "slug": slug}
        content["draft"] = True
    return _detail_page(request, content, from_cache, CommentForm())


# --8<-- [end:detail]


def _published_content_or_none(slug):
    try:
        return _post_content(slug)
    except Http404:
        return None


def _detail_page(request, content, from_cache, form, status=200):
    context = {"content": content, "from_cache": from_cache, "form": form, **CACHE_CHAPTER}
    return render(request, "blog/detail.html", context, status=status)


@require_POST
def comment(request, slug):
    post = get_object_or_404(Post, slug=slug, published=True)
    if not request.user.is_authenticated:
        return redirect_to_login(post.get_absolute_url())
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, _post_content(slug), False, form, status=400)
    services.add_comment(post, request.user, form.cleaned_data["body"])
    return redirect(post)


def _own_post(request, slug):
    post = get_object_or_404(Post, slug=slug)
    if post.author_id != request.user.pk:
        raise PermissionDenied("Only the post's author can change it.")
    return post


@login_required
def post_create(request):
    return _edit(request, Post())


@login_required
def post_edit(request, slug):
    return _edit(request, _own_post(request, slug))


def _edit(request, post):
    if request.method == "POST":
        form = PostForm(request.POST, request.FILES, instance=post)
        if form.is_valid():
            post = services.save_post(form, request.user)
            return redirect(post)
        status = 400
    else:
        form = PostForm(instance=post)
        status = 200
    context = {"form": form, "post": post if post.pk else None, **SLUG_CHAPTER}
    return render(request, "blog/edit.html", context, status=status)


@login_required
def post_delete(request, slug):
    post = _own_post(request, slug)
    if request.method == "POST":
        services.delete_post(post, request.user)
        return redirect("blog:list")
    context = {"post": post, **FILES_CHAPTER}
    return render(request, "blog/delete.html", context)
