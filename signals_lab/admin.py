from django.contrib import admin

from .models import Note, NoteEvent


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["text", "author", "archived", "created_at"]


@admin.register(NoteEvent)
class NoteEventAdmin(admin.ModelAdmin):
    list_display = ["note", "kind", "created_at"]
