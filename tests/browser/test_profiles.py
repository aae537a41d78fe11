import pytest
from playwright.sync_api import expect

from profiles.models import LoginEvent, Profile

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_up_then_see_the_profile(page):
    page.goto("/profiles/signup/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Email").fill("erin@example.com")
    page.get_by_label("Password:", exact=True).fill("a-long-signals-pass")
    page.get_by_label("Password confirmation").fill("a-long-signals-pass")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="erin")).to_be_visible()
    expect(page.get_by_text("A post_save receiver made your profile.")).to_be_visible()
    expect(page.locator("#profile-created")).to_contain_text("create_profile")
    # Signing up logged erin in, and user_logged_in put that in the history.
    expect(page.locator(".events")).to_contain_text("signed in")
    assert Profile.objects.filter(user__username="erin").exists()
    expect(page.get_by_role("link", name="Creating a profile for every user")).to_be_visible()


def test_sign_up_with_mismatched_passwords_explains_itself(page):
    page.goto("/profiles/signup/")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password:", exact=True).fill("a-long-signals-pass")
    page.get_by_label("Password confirmation").fill("another-signals-pass")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()


def test_wrong_password_five_times_locks_the_login_out(page, log_in, django_user_model):
    django_user_model.objects.create_user("frank", password="frank-signals-pass")
    for _ in range(5):
        log_in("frank", "not-the-password")
        expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    log_in("frank", "frank-signals-pass")  # even the right one, now
    expect(page.get_by_role("heading", name="Too many failed sign-in attempts")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("try again in about 15 minutes")
    expect(page.get_by_role("link", name="Locking out failed sign-ins")).to_be_visible()
    assert LoginEvent.objects.filter(username="frank", kind="failed").count() == 5
