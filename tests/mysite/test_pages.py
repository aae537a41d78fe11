import pytest
from django.core.mail import EmailMultiAlternatives, send_mail
from django.urls import reverse

from mysite.cookbook import all_cards

pytestmark = pytest.mark.django_db


def test_the_home_page_has_a_card_per_pattern(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    cards = all_cards()
    assert cards, "every app with a cookbook.py contributes at least one card"
    for card in cards:
        assert card.title.encode() in response.content
        assert f'href="{card.url}"'.encode() in response.content
        assert f'href="{card.docs_url}"'.encode() in response.content


def test_every_card_links_to_a_page_that_answers(client):
    for card in all_cards():
        response = client.get(card.url)
        if response.status_code == 302:  # a page for logged-in users sends others to log in
            assert response.url.startswith(reverse("login")), card.url
        else:
            assert response.status_code == 200, card.url


def test_the_outbox_lists_sent_email(client, outbox_backend):
    send_mail("Plain hello", "Body text", None, ["someone@example.com"])
    message = EmailMultiAlternatives("Fancy hello", "Text part", None, ["other@example.com"])
    message.attach_alternative("<p><strong>HTML</strong> part</p>", "text/html")
    message.send()
    page = client.get(reverse("outbox")).content.decode()
    assert "Plain hello" in page and "someone@example.com" in page and "Body text" in page
    assert "Fancy hello" in page and "HTML version" in page
    # The HTML part is shown in a sandboxed frame, escaped into its srcdoc attribute.
    assert 'srcdoc="&lt;p&gt;&lt;strong&gt;HTML' in page
    assert page.index("Fancy hello") < page.index("Plain hello")  # newest first


def test_an_empty_outbox_says_how_to_fill_it(client):
    assert b"No email yet" in client.get(reverse("outbox")).content


def test_the_outbox_pages_bad_page_numbers_safely(client):
    assert client.get(reverse("outbox"), {"page": "abc"}).status_code == 200
    assert client.get(reverse("outbox"), {"page": "99999"}).status_code == 200


def test_the_login_page_renders(client):
    assert client.get(reverse("login")).status_code == 200


def test_an_unknown_page_is_404(client):
    assert client.get("/no/such/page/").status_code == 404
