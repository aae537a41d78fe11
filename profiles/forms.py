import datetime
import zoneinfo

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from .models import Profile


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional. The polls app sends a welcome email to it."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices, initial="UTC")

    class Meta:
        model = Profile
        fields = ["bio", "birth_date", "time_zone"]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"bio": "Up to 500 characters.", "birth_date": "Optional."}

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        if born is None:
            return born
        if born > timezone.localdate():
            raise forms.ValidationError("A birth date cannot be in the future.")
        if born < datetime.date(1900, 1, 1):
            raise forms.ValidationError("Please enter a birth date after 1900.")
        return born


class LoginForm(AuthenticationForm):
    """Django's login form, refusing a username longer than any user can have.

    AuthenticationForm sets ``max_length`` on its username field after the field
    is built, which sizes the input but adds no validator: a 10,000-character
    name went on to ``authenticate()`` and into the login history.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
