from django import forms

from .services import MAX_LENGTH


class NoteForm(forms.Form):
    """The lab's note box. A form, not request.POST: its CharField refuses NUL
    characters and over-long text with a message, before anything is saved."""

    text = forms.CharField(max_length=MAX_LENGTH, strip=True)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError("Write something first.")
        return text
