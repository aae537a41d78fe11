"""Sign-up, profile and edit pages: the happy path and every kind of bad input."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from mysite.cookbook import docs_url
from profiles.models import Profile

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()
GOOD = {"username": "dora", "email": "dora@example.com"}


def signup(client, **fields):
    data = {**GOOD, "password1": "a-long-signals-pass", "password2": "a-long-signals-pass"}
    return client.post(reverse("profiles:signup"), {**data, **fields})


def test_signup_makes_the_user_and_shows_the_profile_at_once(client):
    response = signup(client)
    assert response.status_code == 302 and response.url == reverse("profiles:me")
    user = User.objects.get(username="dora")
    assert Profile.objects.filter(user=user).exists()
    page = client.get(response.url)
    assert page.status_code == 200
    assert b"Profile created" in page.content
    assert b"made your profile" in page.content  # the welcome message


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": ""}, "This field is required."),
        ({"username": "x" * 151}, "at most 150 characters"),
        ({"username": "no spaces!"}, "Enter a valid username"),
        ({"username": "nul\x00byte"}, "contains a NUL byte"),  # mysite/middleware.py
        ({"password2": "something-else-entirely"}, "The two password fields"),
        ({"password1": "", "password2": ""}, "This field is required."),
        ({"password1": "123", "password2": "123"}, "too short"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
    ],
)
def test_bad_signups_show_the_form_with_a_message(client, fields, message):
    response = signup(client, **fields)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_an_empty_signup_post_is_a_form_error(client):
    response = client.post(reverse("profiles:signup"), {})
    assert response.status_code == 400
    assert b"This field is required." in response.content


def test_a_taken_username_is_refused_and_nothing_changes(client, alice):
    response = signup(client, username="alice")
    assert response.status_code == 400
    assert b"already exists" in response.content
    assert User.objects.filter(username="alice").count() == 1


def test_a_unicode_username_is_welcome(client):
    response = signup(client, username="zoë_名前")
    assert response.status_code == 302
    assert Profile.objects.filter(user__username="zoë_名前").exists()


def test_signup_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = signup(client)
    assert response.status_code == 403
    assert not User.objects.filter(username="dora").exists()


def test_the_profile_page_needs_a_login(client):
    response = client.get(reverse("profiles:me"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_profile_page_links_to_both_chapters(client, alice):
    client.force_login(alice)
    content = client.get(reverse("profiles:me")).content.decode()
    assert f'href="{docs_url("profiles/")}"' in content
    assert f'href="{docs_url("profiles/logins/")}"' in content


def test_the_profile_page_works_for_a_user_made_without_a_profile(client):
    (user,) = User.objects.bulk_create([User(username="bulk")])
    client.force_login(User.objects.get(username="bulk"))
    assert client.get(reverse("profiles:me")).status_code == 200
    assert Profile.objects.filter(user__username="bulk").exists()


def test_editing_the_profile_saves_it(client, alice):
    client.force_login(alice)
    data = {"bio": "Hi ✨", "birth_date": "1990-05-17", "time_zone": "Europe/Paris"}
    response = client.post(reverse("profiles:edit"), data)
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert profile.bio == "Hi ✨"
    assert profile.birth_date == datetime.date(1990, 5, 17)
    assert profile.time_zone == "Europe/Paris"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"bio": "x" * 501}, "at most 500 characters"),
        ({"birth_date": "not a date"}, "Enter a valid date."),
        ({"birth_date": "2999-01-01"}, "cannot be in the future"),
        ({"birth_date": "1850-01-01"}, "after 1900"),
        ({"time_zone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"time_zone": ""}, "This field is required."),
    ],
)
def test_bad_profile_edits_change_nothing(client, alice, fields, message):
    Profile.objects.filter(user=alice).update(bio="kept")
    client.force_login(alice)
    data = {"bio": "new", "birth_date": "", "time_zone": "UTC", **fields}
    response = client.post(reverse("profiles:edit"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert b"Nothing was saved" in response.content
    assert Profile.objects.get(user=alice).bio == "kept"


def test_the_edit_form_needs_the_csrf_token(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("profiles:edit"), {"bio": "x", "time_zone": "UTC"})
    assert response.status_code == 403
    assert Profile.objects.get(user=alice).bio == ""


def test_signing_up_when_logged_in_goes_to_the_profile(client, alice):
    client.force_login(alice)
    assert client.get(reverse("profiles:signup")).url == reverse("profiles:me")


def test_login_with_the_right_password_works(attempt, alice):
    response = attempt("alice", PASSWORD)
    assert response.status_code == 302
