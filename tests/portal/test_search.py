"""Portal search: diacritic-insensitive, ranked, public content only, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.portal import search as search_module
from guongsang.portal.search import search_public, search_terms
from tests.portal.pages_data import *  # noqa: F403
from tests.portal.pages_data import ago, exemplar_create, profile_create, story_create

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [result.title for result in results]


def test_search_terms_are_folded_words():
    assert search_terms("  Điển HÌNH, tiên-tiến điển ") == ["dien", "hinh", "tien"]
    assert search_terms("") == [] and search_terms(None) == []


def test_search_without_diacritics_finds_vietnamese_text(world):
    results, total = search_public("dien hinh khanh hoa", limit=10)
    assert titles(results) == ["Điển hình tiên tiến ở Khánh Hòa"]
    assert total == 1
    results, _total = search_public("NỮ HỘ SINH", limit=10)
    assert [r.kind for r in results] == ["profile"]
    assert results[0].title == "Nguyễn Thị Hoa"


def test_search_finds_only_public_stories_and_profiles(world):
    results, total = search_public("dien hinh", limit=50)
    found = set(titles(results))
    assert "Điển hình tiên tiến ở Khánh Hòa" in found
    assert world["exemplars"]["collective"].subject_name in found  # its headline matches
    hidden = [
        "Bản nháp điển hình",
        "Đang duyệt điển hình",
        "Lưu trữ điển hình",
        "Hẹn giờ điển hình",
        "Trần Văn Kín",
        "Tổ Nháp",
        "Tổ Đã Rút",
        "Tổ Hẹn Giờ",
    ]
    assert not found & set(hidden)
    assert total == len(results)


def test_every_word_must_begin_a_word(world):
    assert search_public("dien hinh xyzzy", limit=10) == ([], 0)
    # "inh" is inside "hinh" but begins no word
    assert search_public("inh", limit=10) == ([], 0)
    # a prefix of a word matches
    assert titles(search_public("khan", limit=10)[0]) == ["Điển hình tiên tiến ở Khánh Hòa"]


def test_title_matches_rank_above_body_matches(world):
    unit, author = world["tree"]["own"], world["author"]
    body = story_create(
        unit,
        author,
        title="Chuyện làng",
        lead="Một câu chuyện.",
        body="<p>Nông dân sản xuất giỏi.</p>",
        published_at=ago(0.1),
    )
    lead = story_create(
        unit, author, title="Chuyện xóm", lead="Nông dân sản xuất giỏi", published_at=ago(5)
    )
    title = story_create(unit, author, title="Nông dân sản xuất giỏi", published_at=ago(9))
    results, total = search_public("nong dan san xuat gioi", limit=10)
    assert [r.pk for r in results] == [title.pk, lead.pk, body.pk]
    assert total == 3


def test_phrase_ranks_above_scattered_words(world):
    unit, author = world["tree"]["own"], world["author"]
    scattered = story_create(unit, author, title="Nông dân chăm và giỏi", published_at=ago(0.1))
    phrase = story_create(unit, author, title="Nông dân giỏi trồng hoa", published_at=ago(9))
    results, _total = search_public("nong dan gioi", limit=10)
    assert [r.pk for r in results] == [phrase.pk, scattered.pk]


def test_search_pages_and_total(world):
    unit, author = world["tree"]["own"], world["author"]
    for number in range(7):
        story_create(unit, author, title=f"Mô hình hay số {number}", published_at=ago(number))
    first, total = search_public("mo hinh hay", limit=3, offset=0)
    second, _ = search_public("mo hinh hay", limit=3, offset=3)
    last, _ = search_public("mo hinh hay", limit=3, offset=6)
    assert total == 7
    assert len(first) == 3 and len(second) == 3 and len(last) == 1
    assert titles(first) == ["Mô hình hay số 0", "Mô hình hay số 1", "Mô hình hay số 2"]
    assert not set(titles(first)) & set(titles(second))
    assert search_public("mo hinh hay", limit=3, offset=30) == ([], 7)


def test_search_counts_each_kind_up_to_the_window(world, monkeypatch):
    monkeypatch.setattr(search_module, "SEARCH_WINDOW", 2)
    unit, author = world["tree"]["own"], world["author"]
    for number in range(4):
        story_create(unit, author, title=f"Gương sáng số {number}", published_at=ago(number))
    results, total = search_public("guong sang", limit=10)
    assert total == 2
    assert titles(results) == ["Gương sáng số 0", "Gương sáng số 1"]


def test_search_query_is_data_not_sql(world):
    for query in ("' OR 1=1 --", '"; DROP TABLE stories_story; --', "%", "_", "\\", "a:* | b"):
        results, total = search_public(query, limit=10)
        assert total == len(results)
    assert search_public("dien hinh", limit=10)[1] >= 1


def test_search_page_runs_a_fixed_number_of_queries(client, world):
    unit, author = world["tree"]["own"], world["author"]
    path = reverse("portal:search")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"q": "dien hinh"})
        assert response.status_code == 200
        return len(queries)

    count()  # the first search of a process asks once whether the search indexes exist
    first = count()
    for number in range(10):
        story_create(unit, author, title=f"Điển hình số {number}")
        profile_create(exemplar_create(world["plan"], unit, name=f"Tập thể điển hình {number}"))
    assert count() == first
    # the sections menu, and the results with their total in one query; on PostgreSQL also
    # the planner's estimate of the stories matching (search._pg_few_matches)
    assert first <= (3 if connection.vendor == "postgresql" else 2)


def test_search_page_shows_results_with_links(client, world):
    response = client.get(reverse("portal:search"), {"q": "dien hinh khanh hoa"})
    html = response.content.decode()
    story = world["stories"]["public"]
    assert reverse("portal:story_detail", kwargs={"pk": story.pk, "slug": story.slug}) in html
    assert 'data-testid="search-results"' in html


def test_search_page_without_query_and_bad_page(client, world):
    assert client.get(reverse("portal:search")).status_code == 200
    response = client.get(reverse("portal:search"), {"q": "dien hinh", "page": "x"})
    assert response.status_code == 200
    response = client.get(reverse("portal:search"), {"q": "dien hinh", "page": "99"})
    assert response.status_code == 200
    assert response.context["results"]  # the last page, not an empty one


def found(query: str, limit: int = 50) -> tuple[set, int]:
    results, total = search_public(query, limit=limit)
    return {(result.kind, result.pk) for result in results}, total


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 tables")
def test_search_with_the_fts5_tables(world):
    """With the FTS5 tables (stories migration 0002; re-running its SQL is harmless)."""
    before = found("dien hinh")
    with connection.cursor() as cursor:
        for kind in search_module._KINDS:
            for statement in search_module.sqlite_fts_sql(kind.table):
                cursor.execute(statement)
    search_module.forget_search_indexes()
    try:
        assert search_module._has_search_index()
        assert found("dien hinh") == before
        assert search_public("inh", limit=10) == ([], 0)
        story = story_create(world["tree"]["own"], world["author"], title="Mô hình mới")
        assert titles(search_public("mo hinh moi", limit=10)[0]) == ["Mô hình mới"]
        story.title = "Cách làm khác"
        story.search_text = "cach lam khac"
        story.save()
        assert search_public("mo hinh moi", limit=10) == ([], 0)
    finally:
        search_module.forget_search_indexes()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_search_with_the_proposed_search_vector(world):
    """With the stored search_vector (stories migration 0002), found and ranked."""
    search_module.forget_search_indexes()
    try:
        assert search_module._has_search_index()
        assert found("dien hinh")[1] >= 1
        assert search_public("inh", limit=10) == ([], 0)
        assert titles(search_public("khan", limit=10)[0]) == ["Điển hình tiên tiến ở Khánh Hòa"]
        results, _total = search_public("dien hinh khanh hoa", limit=10)
        assert 0 < results[0].rank - int(results[0].rank) < 1  # ts_rank breaks ties
    finally:
        search_module.forget_search_indexes()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
@pytest.mark.parametrize("query", ["dien hinh", "khanh hoa", "tap the"])
def test_search_finds_the_same_whichever_way_postgresql_reads(world, monkeypatch, query):
    """Few matches expected (sorted from the GIN index) or many (newest rows first): the same
    results in the same order."""
    unit, author = world["tree"]["own"], world["author"]
    for number in range(30):
        story_create(unit, author, title=f"Tập thể điển hình số {number}", published_at=ago(number))
    search_module.forget_search_indexes()
    try:
        monkeypatch.setattr(search_module, "PG_FEW_MATCHES", 10**9)
        from_the_index = search_public(query, limit=50)
        monkeypatch.setattr(search_module, "PG_FEW_MATCHES", 0)
        newest_first = search_public(query, limit=50)
    finally:
        search_module.forget_search_indexes()
    assert from_the_index == newest_first and from_the_index[1] > 0
