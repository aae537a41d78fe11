from django.contrib import admin

from .models import Choice, Greeting, Question, Vote


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 2
    readonly_fields = ["votes"]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["question_text", "pub_date"]
    inlines = [ChoiceInline]


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["choice", "voter", "cast_at"]
    list_select_related = ["choice", "voter"]


admin.site.register(Greeting)
