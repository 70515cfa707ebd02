"""An exemplar's public page: its lists stay bounded and show each item once."""

import pytest
from django.urls import reverse

from guongsang.portal import selectors_pages
from guongsang.stories.enums import StoryStatus
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
    assert page.more_stories


def _stories_about(collective, world, count):
    for number in range(count):
        story_create(world["tree"]["own"], world["author"], title=f"Bài về tập thể {number}",
                     exemplars=[collective], published_at=ago(40 - number))  # fmt: skip


def test_profile_page_links_to_all_its_stories_only_when_there_are_more(client, world, monkeypatch):
    monkeypatch.setattr(selectors_pages, "PROFILE_STORIES", 3)
    profile = world["profiles"]["public"]
    url = reverse("portal:profile_detail", kwargs={"pk": profile.pk})
    _stories_about(world["exemplars"]["collective"], world, 2)
    assert 'data-testid="profile-more-stories"' not in client.get(url).content.decode()

    _stories_about(world["exemplars"]["collective"], world, 1)
    html = client.get(url).content.decode()
    assert reverse("portal:profile_stories", kwargs={"pk": profile.pk}) in html


def test_profile_stories_lists_every_public_story_about_the_exemplar(client, world):
    collective = world["exemplars"]["collective"]
    _stories_about(collective, world, 25)
    story_create(world["tree"]["own"], world["author"], title="Bản nháp về tập thể",
                 exemplars=[collective], status=StoryStatus.DRAFT, published_at=None)  # fmt: skip
    url = reverse("portal:profile_stories", kwargs={"pk": world["profiles"]["public"].pk})

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    assert first.count('data-testid="story-card-') == 20
    assert "Điển hình tiên tiến ở Khánh Hòa" in first and "Bài về tập thể 24" in first
    assert second.count('data-testid="story-card-') == 6 and "Bài về tập thể 0<" in second
    assert "Bản nháp về tập thể" not in first + second


@pytest.mark.parametrize("key", ["unconsented", "draft", "withdrawn", "scheduled"])
def test_profile_stories_of_a_profile_that_is_not_public_is_404(client, world, key):
    url = reverse("portal:profile_stories", kwargs={"pk": world["profiles"][key].pk})
    assert client.get(url).status_code == 404


def test_profile_stories_page_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    url = reverse("portal:profile_stories", kwargs={"pk": world["profiles"]["public"].pk})
    client.get(url)
    with django_assert_max_num_queries(8):
        client.get(url)
    _stories_about(world["exemplars"]["collective"], world, 30)
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


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
