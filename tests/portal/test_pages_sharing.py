"""The public pages carry their sharing parts: short address with QR code, feed discovery."""

import pytest
from django.urls import reverse

from guongsang.portal.sharing import short_path
from tests.portal.pages_data import *  # noqa: F403

pytestmark = pytest.mark.django_db


def _html(client, name, **kwargs):
    response = client.get(reverse(f"portal:{name}", kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_profile_and_story_pages_show_their_short_address_and_qr_code(client, world):
    profile = world["profiles"]["public"]
    html = _html(client, "profile_detail", pk=profile.pk)
    assert short_path("profile", profile.pk) in html
    assert f'src="/qr{short_path("profile", profile.pk)}.svg"' in html and "qr-code" in html
    story = world["stories"]["public"]
    html = _html(client, "story_detail", pk=story.pk)
    assert short_path("story", story.pk) in html and "qr-code" in html


def test_pages_advertise_their_feeds(client, world):
    html = _html(client, "home")
    assert reverse("portal_share:feed_rss") in html
    assert reverse("portal_share:events_ics") in html
    section = world["section"]
    html = _html(client, "section_detail", slug=section.slug)
    assert reverse("portal_share:section_feed_rss", args=[section.slug]) in html
