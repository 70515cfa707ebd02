"""The search SQL compiled once per shape gives exactly what compiling afresh gives."""

import datetime

import pytest
from django.utils import timezone

from guongsang.portal import search, search_shapes
from guongsang.portal.search import search_public, search_sql, search_terms
from tests.portal.pages_data import *  # noqa: F403

pytestmark = pytest.mark.django_db

QUERIES = [
    "điển hình", "dien", "Nguyễn Văn An", "tập thể lao động xuất sắc", "y te 2025",
    "khanh hoa dien hinh tien tien nam 2024 tap the",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_shapes():
    search.forget_search_indexes()
    yield
    search.forget_search_indexes()


@pytest.mark.parametrize("query", QUERIES)
def test_reused_sql_equals_sql_compiled_afresh(world, query):
    terms = search_terms(query)
    now = timezone.now()
    search_sql(search_terms("mot hai ba bon nam sau bay tam")[: len(terms)], now)  # the shape
    assert search_sql(terms, now) == search_sql(terms, now, cached=False)


def test_each_search_gets_its_own_time(world):
    terms = search_terms("dien hinh")
    earlier = timezone.now() - datetime.timedelta(days=3)
    search_sql(terms, earlier)
    now = timezone.now()
    assert search_sql(terms, now) == search_sql(terms, now, cached=False)


@pytest.mark.parametrize("few", [True, False])
def test_both_postgresql_plans_reuse_their_own_sql(world, monkeypatch, few):
    monkeypatch.setattr(search, "_pg_few_matches", lambda kind, terms: few)
    terms = search_terms("dien hinh khanh hoa")
    now = timezone.now()
    assert search_sql(terms, now) == search_sql(terms, now, cached=False)


def test_results_are_the_same_from_reused_sql(world):
    first = search_public("dien hinh", limit=10)
    again = search_public("dien hinh", limit=10)
    other = search_public("khanh hoa", limit=10)
    assert first == again and first[1] > 0
    assert [r.title for r in other[0]] == ["Điển hình tiên tiến ở Khánh Hòa"]


def test_stand_in_words_are_words_of_distinct_lengths():
    words = search_shapes.stand_in_words(search.MAX_TERMS)
    assert search_terms(" ".join(words)) == words
    assert len({len(word) for word in words}) == len(words)
    assert search.FTS_CANDIDATES not in {len(word) for word in words}
