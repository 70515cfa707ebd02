"""The embeddable widget: the script, the framed page and the snippet generator."""

import pytest

from guongsang.portal.sharing import canonical_path
from tests.portal.share_support import (
    SHARE_URLS,
    XSS,
    content_fixture,  # noqa: F401
    exemplar_create,
    plan_fixture,  # noqa: F401
    profile_create,
    query_count,
    story_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls(SHARE_URLS)]


def _frame(client, unit, **params):
    return client.get(f"/nhung/{unit.pk}/", params)


def test_script_inserts_a_sandboxed_titled_lazy_iframe(client, db):
    response = client.get("/nhung/guong-sang.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    script = response.content.decode()
    assert "document.currentScript" in script
    assert 'createElement("iframe")' in script
    assert 'setAttribute("sandbox"' in script and "allow\\u002Dpopups" in script
    assert "allow-scripts" not in script and "allow-same-origin" not in script
    assert 'setAttribute("loading", "lazy")' in script and "frame.title" in script
    assert '"/nhung/0/"' in script
    assert "Set-Cookie" not in response.headers


def test_frame_lists_public_profiles_and_stories_of_the_units_subtree(client, tree, content):
    response = _frame(client, tree["own"])

    html = response.content.decode()
    profiles, stories = content["profiles"], content["stories"]
    for shown in (profiles["collective"], profiles["person"]):  # person: in own_child
        assert f'href="http://testserver{canonical_path("profile", shown)}"' in html
    for hidden in ("unconsented", "draft", "withdrawn", "scheduled", "elsewhere"):
        assert canonical_path("profile", profiles[hidden]) not in html
        assert profiles[hidden].exemplar.subject_name not in html
    for shown in ("public", "child"):
        assert f'href="http://testserver{canonical_path("story", stories[shown])}"' in html
    for hidden in ("draft", "in_review", "scheduled", "archived", "elsewhere"):
        assert stories[hidden].title not in html


def test_frame_links_open_in_a_new_tab(client, tree, content):
    html = _frame(client, tree["own"]).content.decode()

    links = html.count("<a ")
    assert links == html.count('target="_blank" rel="noopener"') > 0


def test_frame_may_be_framed_by_other_sites_and_sets_no_cookie(client, tree, content):
    response = _frame(client, tree["own"])

    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert not response.cookies
    assert "<script" not in response.content.decode()


@pytest.mark.parametrize(
    "url", ["/cong-thong-tin/nhung/", "/du-lieu-mo/", "/sitemap.xml", "/cong-thong-tin/rss/"]
)
def test_other_pages_keep_x_frame_options_deny(client, db, url):
    assert client.get(url)["X-Frame-Options"] == "DENY"


def test_frame_escapes_names_and_titles(client, tree, plan):
    profile_create(exemplar_create(plan, tree["own"], kind="individual", name=XSS),
                   consent_given=True, headline=XSS)  # fmt: skip
    story_create(tree["own"], title=XSS)

    html = _frame(client, tree["own"]).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_frame_limits_each_list(client, tree, plan):
    for number in range(4):
        story_create(tree["own"], title=f"Bài số {number}")

    html = _frame(client, tree["own"], limit=2).content.decode()
    assert html.count("Bài số") == 2
    html = _frame(client, tree["own"], limit="nhiều").content.decode()
    assert html.count("Bài số") == 4


def test_frame_in_english_on_request(client, tree, content):
    html = _frame(client, tree["own"], lang="en").content.decode()

    assert '<html lang="en">' in html
    assert "Stories" in html


def test_frame_of_unknown_unit_is_404(client, db):
    assert client.get("/nhung/999999/").status_code == 404


def test_frame_queries_do_not_grow_with_the_content(client, tree, plan):
    profile_create(exemplar_create(plan, tree["own"]))
    story_create(tree["own"])
    one = query_count(client, f"/nhung/{tree['own'].pk}/")
    for _ in range(9):
        profile_create(exemplar_create(plan, tree["own_child"]))
        story_create(tree["own_child"])

    assert query_count(client, f"/nhung/{tree['own'].pk}/") == one


# The snippet generator --------------------------------------------------------------------


def test_builder_finds_units_by_name_without_accents(client, tree, english):
    response = client.get("/cong-thong-tin/nhung/", {"q": "so noi vu"})

    assert response.status_code == 200
    assert [unit.pk for unit in response.context["units"]] == [tree["own"].pk]


def test_builder_gives_the_snippet_for_the_chosen_unit(client, tree):
    own = tree["own"]

    response = client.get("/cong-thong-tin/nhung/", {"q": "Sở Nội vụ", "unit": own.pk, "limit": 7})

    snippet = response.context["snippet"]
    assert snippet == (
        f'<script src="http://testserver/nhung/guong-sang.js" data-unit="{own.pk}" '
        'data-limit="7" async></script>'
    )
    html = response.content.decode()
    assert "&lt;script src=&quot;http://testserver/nhung/guong-sang.js&quot;" in html
    assert f'src="/nhung/{own.pk}/?limit=7"' in html  # the preview


def test_builder_reports_bad_input_and_keeps_the_search(client, tree, english):
    response = client.get("/cong-thong-tin/nhung/", {"q": "Sở Nội vụ", "unit": "abc", "limit": 99})

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"unit", "limit"}
    assert response.context["snippet"] == ""
    assert 'value="Sở Nội vụ"' in response.content.decode()


def test_builder_without_a_search_shows_the_form(client, db):
    response = client.get("/cong-thong-tin/nhung/")

    assert response.status_code == 200
    assert response.context["units"] == [] and response.context["snippet"] == ""


def test_builder_queries_do_not_grow_with_the_matches(client, tree):
    from tests import factories

    factories.unit_create("Trường Tiểu học 1", parent=tree["own"])
    one = query_count(client, "/cong-thong-tin/nhung/", {"q": "truong", "unit": tree["own"].pk})
    for number in range(2, 11):
        factories.unit_create(f"Trường Tiểu học {number}", parent=tree["own"])

    assert (
        query_count(client, "/cong-thong-tin/nhung/", {"q": "truong", "unit": tree["own"].pk})
        == one
    )
