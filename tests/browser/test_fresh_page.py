"""The page tests share one browser context (tests/browser/conftest.py): each must
still start signed out, with no page left open by the test before it."""

import pytest
from playwright.sync_api import expect

from .conftest import fresh_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_fresh_page_starts_signed_out_after_a_test_that_signed_in(
    site_context, django_user_model
):
    django_user_model.objects.create_user("grace", password="grace-signals-pass")
    with fresh_page(site_context) as earlier:
        earlier.goto("/accounts/login/")
        earlier.get_by_label("Username").fill("grace")
        earlier.get_by_label("Password").fill("grace-signals-pass")
        earlier.get_by_role("button", name="Log in").click()
        expect(earlier.get_by_role("button", name="Log out")).to_be_visible()
        earlier.context.new_page()  # a page the test opened and left open
    assert site_context.pages == []
    with fresh_page(site_context) as later:
        later.goto("/")
        expect(later.get_by_role("link", name="Log in")).to_be_visible()
        assert later.context.cookies() == []  # not the session, nor the trace's cookie
