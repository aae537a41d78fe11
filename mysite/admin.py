from django.contrib import admin

from .models import SentEmail


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients_display", "relayed", "sent_at"]
    search_fields = ["subject", "to", "body"]
    readonly_fields = [field.name for field in SentEmail._meta.fields]
