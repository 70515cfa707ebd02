"""The public portal in Chromium, on a phone and on a desktop, in Vietnamese and English:
home, a section, an exemplar's page, a story, search results and the events, each checked by
axe-core (no serious or critical violation), and a comment sent from a story's page."""

import pytest
from django.urls import reverse

from guongsang.stories.models import Comment, Image
from tests.portal.pages_data import *  # noqa: F403

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}
BLOCKING = {"serious", "critical"}


@pytest.fixture
def pages(world):
    profile = world["profiles"]["public"]
    story = world["stories"]["public"]
    Image.objects.create(
        story=story,
        image="images/a.png",
        thumbnail="images/thumbs/a.png",
        width=10,
        height=10,
        alt="Tập thể nhận bằng khen",
    )
    return {
        "home": reverse("portal:home"),
        "section": reverse("portal:section_detail", kwargs={"slug": world["section"].slug}),
        "profile": reverse("portal:profile_detail", kwargs={"pk": profile.pk}),
        "profile_stories": reverse("portal:profile_stories", kwargs={"pk": profile.pk}),
        "story": reverse("portal:story_detail", kwargs={"pk": story.pk}),
        "search": reverse("portal:search") + "?q=dien+hinh",
        "events": reverse("portal:event_list"),
        "browse": reverse("portal:browse"),
    }


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def check_page(page, path: str) -> None:
    response = page.goto(path)
    assert response.status == 200, path
    assert page.locator("h1").count() == 1, path
    assert blocking_violations(page) == [], path
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_portal_pages_pass_axe_in_both_languages(browser, live_server, pages, viewport):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=VIEWPORTS[viewport]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        for path in pages.values():
            check_page(page, path)
        assert page.locator("html").get_attribute("lang") == "vi"

        page.goto(pages["home"])
        page.get_by_test_id("lang-en").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_role("heading", name="Featured exemplars").is_visible()
        for path in pages.values():
            check_page(page, path)
        page.get_by_test_id("lang-vi").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "vi"
    finally:
        context.close()


def test_search_and_comment_from_a_phone(browser, live_server, pages, world):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport=VIEWPORTS["phone"]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(pages["home"])
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.get_by_test_id("portal-search-input").fill("dien hinh khanh hoa")
        page.get_by_test_id("portal-search-input").press("Enter")
        page.get_by_test_id("search-results").wait_for()
        page.get_by_role("link", name="Điển hình tiên tiến ở Khánh Hòa").click()
        page.get_by_test_id("story").wait_for()

        form = page.get_by_test_id("comment-form")
        page.fill("#id_comment-author_name", "Lê Văn Đọc")
        page.fill("#id_comment-text", "Bài viết rất hay.")
        form.locator("button[type=submit]").click()
        page.locator(".message.success").wait_for()
        assert Comment.objects.filter(text="Bài viết rất hay.", status="pending").exists()
        assert "Bài viết rất hay." not in page.get_by_test_id("story").inner_text()
        assert blocking_violations(page) == []
    finally:
        context.close()
