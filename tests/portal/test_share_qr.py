"""QR codes of public pages: the download endpoint and the {% share_box %} tag."""

import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from guongsang.portal.sharing import PageMeta, short_code, short_path
from tests.portal.share_support import (
    SHARE_URLS,
    content_fixture,  # noqa: F401
    plan_fixture,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]
PNG = b"\x89PNG\r\n\x1a\n"


def _qr(client, prefix, obj, extension="svg"):
    return client.get(f"/qr/{prefix}/{short_code(obj.pk)}.{extension}")


@pytest.mark.parametrize(
    ("prefix", "group", "key"),
    [("g", "profiles", "person"), ("b", "stories", "public"), ("s", "events", "cancelled")],
)
def test_qr_of_public_content_encodes_its_short_address(client, content, prefix, group, key):
    obj = content[group][key]

    svg = _qr(client, prefix, obj)
    png = _qr(client, prefix, obj, "png")

    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert f"<title>http://testserver/{prefix}/{short_code(obj.pk)}</title>" in svg.content.decode()
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert png.content.startswith(PNG)


@pytest.mark.parametrize(
    ("prefix", "group", "key"),
    [
        ("g", "profiles", "draft"),
        ("g", "profiles", "withdrawn"),
        ("g", "profiles", "scheduled"),
        ("g", "profiles", "unconsented"),
        ("b", "stories", "draft"),
        ("b", "stories", "in_review"),
        ("b", "stories", "scheduled"),
        ("b", "stories", "archived"),
        ("s", "events", "private"),
    ],
)
def test_qr_of_unpublished_content_is_404(client, content, prefix, group, key):
    obj = content[group][key]

    assert _qr(client, prefix, obj).status_code == 404
    assert _qr(client, prefix, obj, "png").status_code == 404


def test_qr_of_unknown_code_or_format_is_404(client, db):
    assert client.get("/qr/g/zzzzzz.svg").status_code == 404
    assert client.get("/qr/x/1.svg").status_code == 404
    assert client.get("/qr/g/1.gif").status_code == 404


def test_share_box_shows_short_address_qr_and_downloads(content):
    profile = content["profiles"]["person"]
    meta = PageMeta(title="x", path="/", short=short_path("profile", profile.pk))
    request = RequestFactory().get("/")

    html = Template("{% load portal_share %}{% share_box meta %}").render(
        Context({"meta": meta, "request": request})
    )

    code = short_code(profile.pk)
    assert f'href="http://testserver/g/{code}"' in html
    assert f'href="/qr/g/{code}.svg"' in html and f'href="/qr/g/{code}.png"' in html
    assert f'<img class="qr-code" src="/qr/g/{code}.svg"' in html
    assert re.search(rf'<img class="qr-code"[^>]* alt="[^"]+ http://testserver/g/{code}"', html)


def test_qr_image_is_cached_by_browsers_and_proxies(client, content):
    response = _qr(client, "g", content["profiles"]["person"])

    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]


def test_share_box_without_a_short_address_renders_nothing(db):
    html = Template("{% load portal_share %}{% share_box meta %}").render(
        Context({"meta": PageMeta(title="x")})
    )

    assert html.strip() == ""
