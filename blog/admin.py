from django.contrib import admin

from . import services
from .models import AuditEntry, Comment, Post, Tag


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "author", "published", "word_count", "created_at"]
    list_filter = ["published", "tags"]
    search_fields = ["title", "slug"]
    readonly_fields = ["word_count", "reading_minutes", "thumbnail"]
    inlines = [CommentInline]
    actions = ["publish", "unpublish"]

    # One UPDATE each, through the service that drops the cached pages itself.
    @admin.action(description="Publish the selected posts")
    def publish(self, request, queryset):
        self.message_user(request, f"{services.set_published(queryset, True)} post(s) published.")

    @admin.action(description="Unpublish the selected posts")
    def unpublish(self, request, queryset):
        count = services.set_published(queryset, False)
        self.message_user(request, f"{count} post(s) unpublished.")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "action", "model", "object_pk", "object_repr", "actor"]
    list_filter = ["action", "model"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
