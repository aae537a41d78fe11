from django.contrib import admin

from .models import LoginEvent, Profile


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "time_zone", "last_login_ip", "created_at"]
    search_fields = ["user__username"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["user"]


@admin.register(LoginEvent)
class LoginEventAdmin(admin.ModelAdmin):
    """The login history, read-only: it is a record, not something to edit."""

    list_display = ["at", "kind", "username", "ip", "user_agent"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
