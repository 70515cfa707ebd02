"""Short addresses (/g/, /b/, /s/): a permanent redirect to the public page, 404 otherwise."""

import pytest
from django.urls import reverse

from guongsang.portal.sharing import pk_of, short_code, short_path
from tests.portal.share_support import (
    SHARE_URLS,
    content_fixture,  # noqa: F401
    plan_fixture,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]


@pytest.mark.parametrize(
    ("kind", "group", "key"),
    [
        ("profile", "profiles", "person"),
        ("story", "stories", "public"),
        ("event", "events", "public"),
    ],
)
def test_short_address_of_public_content_redirects_permanently(client, content, kind, group, key):
    obj = content[group][key]

    response = client.get(short_path(kind, obj.pk))

    assert response.status_code == 301
    assert response["Location"] == reverse(f"portal:{kind}_detail", kwargs={"pk": obj.pk})


@pytest.mark.parametrize(
    ("kind", "group", "key"),
    [
        ("profile", "profiles", "unconsented"),
        ("profile", "profiles", "draft"),
        ("story", "stories", "scheduled"),
        ("story", "stories", "archived"),
        ("event", "events", "private"),
    ],
)
def test_short_address_of_hidden_content_is_404(client, content, kind, group, key):
    assert client.get(short_path(kind, content[group][key].pk)).status_code == 404


def test_short_codes_round_trip():
    for pk in (1, 35, 36, 1295, 10**12):
        assert pk_of(short_code(pk)) == pk
    assert pk_of("0") is None
    assert pk_of("not-base36!") is None
