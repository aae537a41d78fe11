from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import transaction
from django.shortcuts import redirect, render

from mysite.cookbook import chapter_context

from . import services
from .backends import LOCKED_UNTIL_ATTR
from .forms import LoginForm, ProfileForm, SignUpForm

PROFILE_CHAPTER = chapter_context("profiles/", "Creating a profile for every user")
LOGINS_CHAPTER = chapter_context("profiles/logins/", "Reacting to logins")
LOCKOUT_CHAPTER = chapter_context("profiles/lockout/", "Locking out failed sign-ins")


def signup(request):
    if request.user.is_authenticated:
        return redirect("profiles:me")
    if request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            with transaction.atomic():
                user = form.save()  # post_save makes the profile, in this transaction
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, "Welcome! A post_save receiver made your profile.")
            return redirect("profiles:me")
        return render(
            request, "profiles/signup.html", {"form": form, **PROFILE_CHAPTER}, status=400
        )
    return render(request, "profiles/signup.html", {"form": SignUpForm(), **PROFILE_CHAPTER})


@login_required
def me(request):
    context = {
        "profile": services.get_profile(request.user),
        "events": services.recent_events(request.user),
        "logins_chapter_url": LOGINS_CHAPTER["chapter_url"],
        **PROFILE_CHAPTER,
    }
    return render(request, "profiles/me.html", context)


@login_required
def edit(request):
    profile = services.get_profile(request.user)
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=profile)
        if form.is_valid():
            form.save()
            messages.success(request, "Profile saved.")
            return redirect("profiles:me")
        return render(request, "profiles/edit.html", {"form": form, **PROFILE_CHAPTER}, status=400)
    form = ProfileForm(instance=profile)
    return render(request, "profiles/edit.html", {"form": form, **PROFILE_CHAPTER})


# --8<-- [start:login_view]
class LoginView(auth_views.LoginView):
    """Django's login page, answering 429 while the lock-out holds.

    The gate, and the lock that makes attempts take turns, are in
    ``LockoutBackend``, which every ``authenticate()`` caller passes through;
    this view only words the refusal.
    """

    template_name = "profiles/login.html"
    authentication_form = LoginForm
    extra_context = LOGINS_CHAPTER

    def form_invalid(self, form):
        until = getattr(self.request, LOCKED_UNTIL_ATTR, None)
        if until is None:
            response = super().form_invalid(form)
            if form.errors.keys() - {NON_FIELD_ERRORS}:
                # Bad input (a username over 150 characters, say), not a wrong password.
                response.status_code = 400
            return response
        # The same words and status whether or not the username exists.
        seconds = services.seconds_until(until)
        context = {"minutes": -(-seconds // 60), **LOCKOUT_CHAPTER}
        response = render(self.request, "profiles/locked_out.html", context, status=429)
        response["Retry-After"] = str(seconds)
        return response


# --8<-- [end:login_view]
