"""An exemplar's public page: its lists stay bounded and show each item once."""

import pytest
from django.urls import reverse

from guongsang.portal import selectors_pages
from tests.portal.pages_data import *  # noqa: F403
from tests.portal.pages_data import ago, event_create, story_create

pytestmark = pytest.mark.django_db


def test_profile_lists_only_the_newest_stories(client, world, monkeypatch):
    monkeypatch.setattr(selectors_pages, "PROFILE_STORIES", 3)
    collective = world["exemplars"]["collective"]
    for number in range(5):
        story_create(world["tree"]["own"], world["author"], title=f"Bài về tập thể {number}",
                     exemplars=[collective], published_at=ago(10 - number))  # fmt: skip
    page = selectors_pages.profile_page(world["profiles"]["public"])
    assert [story.title for story in page.stories] == [
        "Điển hình tiên tiến ở Khánh Hòa", "Bài về tập thể 4", "Bài về tập thể 3",
    ]  # fmt: skip


def test_profile_lists_an_event_once_when_honoured_and_presenting(client, world, tree):
    collective = world["exemplars"]["collective"]
    event = event_create(tree["parent"], title="Giao lưu điển hình")
    event.honoured.set([collective])
    event.presenting.set([collective])
    hidden = event_create(tree["parent"], title="Họp kín có điển hình", is_public=False)
    hidden.presenting.set([collective])
    html = client.get(
        reverse("portal:profile_detail", kwargs={"pk": world["profiles"]["public"].pk})
    ).content.decode()
    assert html.count("Giao lưu điển hình") == 1
    assert "Đại hội điển hình tiên tiến" in html  # honoured only (the world's public event)
    assert "Họp kín có điển hình" not in html
