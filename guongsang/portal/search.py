"""Searching the portal: public stories and public profiles, diacritic-insensitive, ranked.

Both kinds carry `search_text`, the folded ("dien hinh" for "điển hình") text the editorial
services store: a story's title, lead and body; a profile's name, unit, headline and summary,
in that order. A query is folded the same way and split into words; every word must begin a
word of the text (a prefix, so "nguyen van a" finds "Nguyễn Văn An").

Matching, by what the database has:
- PostgreSQL with a stored `search_vector` column (to_tsvector('simple', search_text), GIN
  index; pg_vector_sql()): full-text search, search_vector @@ 'w1:* & w2:*' (SearchQuery,
  config "simple" since the text is already folded), and ts_rank (SearchRank) as a tie-break.
- SQLite with the FTS5 tables of sqlite_fts_sql(): their MATCH, newest rows first.
- Otherwise (today: the stories app has neither yet): each word at the start of the text or
  after a space (a string search), scanning newest first until the window is full — cheap for
  common words, one pass over the table for rare ones. Full-text search computed per row,
  without the stored column, costs seconds on 50,000 stories, so it is not used then.

Ranking (the same SQL everywhere): for each word, where it first occurs — in the title (8), the
lead or headline (3), the body (1) — plus a bonus when the whole query occurs as a phrase (4,
or 10 in the title); newer first among equals. Only the SEARCH_WINDOW newest matches of each
kind are ranked and counted: a query that matches most of the archive ("dien hinh") then costs
a bounded amount, and such a query is better narrowed than paged through. The page and its
total come from one query (COUNT(*) OVER () over the ranked union of both kinds).
"""

import datetime
import functools
import json
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Left, Length, StrIndex
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from guongsang.common.text import fold
from guongsang.portal import search_shapes
from guongsang.portal.sharing import slug_of
from guongsang.stories.models import ExemplarProfile, Story
from guongsang.stories.selectors import public_profiles, public_stories

# 500 cost a p95 of 55 ms per search on PostgreSQL with 50,000 stories (bench/portal.py: the
# newest-first scan reads on until the window is full); 200 keeps the page under 50 ms.
SEARCH_WINDOW = 200
# PostgreSQL: below this many matches expected, the matches come from the GIN index and are
# sorted; above, the newest rows are read first until the window is full (_pg_few_matches).
PG_FEW_MATCHES = 2_000
# With FTS5: how many of the newest matching rows (by id) the window is chosen from.
FTS_CANDIDATES = 4 * SEARCH_WINDOW
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")  # letters and digits: FTS5 splits on "_" too
_NOWHERE = 10**9


# --- the indexes a migration of the stories app may add (see the portal report) ---------------


def sqlite_fts_sql(table: str) -> list[str]:
    """SQLite: an FTS5 index of `table`.search_text, kept in step by triggers.

    Re-runnable: a later migration that remakes `table` on SQLite drops its triggers, and
    must run these again (the last statement rebuilds the index)."""
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0', detail='column', "
        "prefix='2 3')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        "END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def pg_vector_sql(table: str) -> list[str]:
    """PostgreSQL: a stored tsvector of `table`.search_text and its GIN index."""
    return [
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
    ]


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    kind: str  # "story" or "profile"
    pk: int
    title: str
    summary: str
    date: datetime.datetime | None
    slug: str
    rank: float

    @property
    def url(self) -> str:
        name = "portal:story_detail" if self.kind == "story" else "portal:profile_detail"
        return reverse(name, kwargs={"pk": self.pk, "slug": self.slug or slug_of(self.title)})


@dataclass(frozen=True)
class _Kind:
    name: str
    model: type
    title: str  # the field the text starts with
    after_title: tuple[str, ...]  # the fields that follow it before the body
    summary: str
    slug: str | None

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def public(self, now: datetime.datetime) -> QuerySet:
        return public_stories(now=now) if self.model is Story else public_profiles(now=now)


_KINDS = (
    _Kind("story", Story, "title", ("lead",), "lead", "slug"),
    _Kind(
        "profile",
        ExemplarProfile,
        "exemplar__subject_name",
        ("exemplar__unit_name", "headline"),
        "headline",
        None,
    ),  # fmt: skip
)


def search_terms(query: str | None) -> list[str]:
    """The folded words of the query, once each, at most MAX_TERMS."""
    terms = dict.fromkeys(_WORD.findall(fold(query)))
    return list(terms)[:MAX_TERMS]


# --- which way to match -----------------------------------------------------------------------

_indexed: dict[tuple, bool] = {}


def _has_search_index() -> bool:
    """Whether both tables have their search index: FTS5 tables (SQLite) or a search_vector
    column (PostgreSQL). Asked once per database and process."""
    key = (connection.alias, str(connection.settings_dict["NAME"]))
    if key not in _indexed:
        tables = [kind.table for kind in _KINDS]
        if connection.vendor == "sqlite":
            existing = set(connection.introspection.table_names(include_views=False))
            _indexed[key] = all(f"{table}_fts" in existing for table in tables)
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                _indexed[key] = all(
                    "search_vector"
                    in {c.name for c in connection.introspection.get_table_description(cursor, t)}
                    for t in tables
                )
        else:
            _indexed[key] = False
    return _indexed[key]


def forget_search_indexes() -> None:
    """Ask again whether the search indexes exist (after a migration; in tests)."""
    _indexed.clear()
    search_shapes.forget()


def _pg_vector(kind: _Kind):
    from django.contrib.postgres.search import SearchVectorField

    return RawSQL(f'"{kind.table}"."search_vector"', [], output_field=SearchVectorField())


def _pg_tsquery(terms: list[str]) -> str:
    # The words are \w+ only, so they cannot carry tsquery operators.
    return " & ".join(f"{t}:*" for t in terms)


def _pg_query(terms: list[str]):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(_pg_tsquery(terms), search_type="raw", config="simple")


def _pg_few_matches(kind: _Kind, terms: list[str]) -> bool:
    """Whether the planner expects fewer than PG_FEW_MATCHES rows to match (its estimate from
    the GIN index's statistics, close to the truth here: 1,235 for 1,238). Asked for stories
    only: the planner already takes the index for the far fewer profiles.

    Left to itself, PostgreSQL reads the newest rows first and tests each against the query
    until the window is full, judging the test cheap; it costs ~7 µs a row, so a word in 2 %
    of 50,000 stories made it test 8,000 rows (58 ms) where the index finds the 1,238 matches
    and sorts them in 15 ms. Words found in many rows are the other way round (8,500 matches:
    8 ms newest first, 230 ms through the index)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {kind.table} "
            "WHERE search_vector @@ to_tsquery('simple', %s)",
            [_pg_tsquery(terms)],
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Plan"]["Plan Rows"] < PG_FEW_MATCHES


def _match(kind: _Kind, terms: list[str]) -> Q:
    """Every word begins a word of search_text."""
    if _has_search_index() and connection.vendor == "postgresql":
        return Q(_vector=_pg_query(terms))
    if _has_search_index() and connection.vendor == "sqlite":
        fts = f"{kind.table}_fts"
        expression = " ".join(f'"{t}"*' for t in terms)
        # The newest matching rows, streamed from the index in id order: a word found in
        # most of the archive costs no more than a rare one.
        rows = RawSQL(
            f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rowid DESC LIMIT %s",
            [expression, FTS_CANDIDATES],
        )
        return Q(pk__in=rows)
    # No index: one condition for all the words (nested CASEs that stop at the first missing
    # word), which a planner cannot judge and takes to keep a third of the rows, so that
    # PostgreSQL keeps to the newest-first index scan and stops at the window; a LIKE '%…%'
    # per word, each judged very selective, made it read and sort the whole table.
    return Q(_all_words__gt=0)


def _word_aliases(terms: list[str]) -> dict:
    """Per word: the text's first letters (is it the first word?) and where " word" occurs;
    and whether every word is found."""
    aliases = {}
    for n, term in enumerate(terms):
        aliases[f"_s{n}"] = Left("search_text", len(term))
        aliases[f"_p{n}"] = StrIndex("search_text", Value(" " + term))
    all_words = Value(1)
    for n in reversed(range(len(terms))):
        found = Q(**{f"_s{n}": terms[n]}) | Q(**{f"_p{n}__gt": 0})
        all_words = Case(When(found, then=all_words), default=Value(0))
    aliases["_all_words"] = all_words
    return aliases


# --- ranking ----------------------------------------------------------------------------------


def _ingredients(kind: _Kind, terms: list[str]) -> dict:
    """What the rank is computed from, one string search per word: where the title and the
    lead end, whether the text starts with each word, where " word" first occurs, where the
    whole phrase occurs, and (PostgreSQL full-text search) ts_rank."""
    lead_end = Length(kind.title)
    for name in kind.after_title:
        lead_end = lead_end + Length(name) + Value(1)
    columns = {"r_title_end": Length(kind.title), "r_lead_end": lead_end}
    for n, term in enumerate(terms):
        columns[f"r_s{n}"] = Case(When(Q(**{f"_s{n}": term}), then=Value(1)), default=Value(0))
        columns[f"r_p{n}"] = F(f"_p{n}")
    columns["r_phrase"] = (
        StrIndex("search_text", Value(" ".join(terms))) if len(terms) > 1 else Value(0)
    )
    if _has_search_index() and connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchRank

        columns["r_text_rank"] = SearchRank(F("_vector"), _pg_query(terms))
    else:
        columns["r_text_rank"] = Value(0.0, output_field=FloatField())
    return columns


def _rank_sql(terms: list[str]) -> str:
    """The rank from the ingredients: per word 8 in the title, 3 in the lead, 1 in the body;
    the phrase adds 10 in the title, 4 elsewhere; ts_rank (below 1) breaks ties."""
    scores = []
    for n in range(len(terms)):
        position = (
            f"(CASE WHEN u.r_s{n} = 1 THEN 1 WHEN u.r_p{n} > 0 THEN u.r_p{n} + 1 "
            f"ELSE {_NOWHERE} END)"
        )
        scores.append(
            f"(CASE WHEN {position} <= u.r_title_end THEN 8 "
            f"WHEN {position} <= u.r_lead_end THEN 3 ELSE 1 END)"
        )
    scores.append(
        "(CASE WHEN u.r_phrase > 0 AND u.r_phrase <= u.r_title_end THEN 10 "
        "WHEN u.r_phrase > 0 THEN 4 ELSE 0 END)"
    )
    scores.append("u.r_text_rank")
    return " + ".join(scores)


def _window(kind: _Kind, terms: list[str], now: datetime.datetime, few: bool) -> QuerySet:
    """The kind's SEARCH_WINDOW newest matches with what ranks them.

    The window's ids are chosen first (newest first: the index scan or the sort stops at the
    window) and the rank computed for its rows alone. Computed in the same SELECT, the string
    searches and ts_rank ran on every row given to the sort: all 2,800 matches of a topic on
    PostgreSQL (115 ms), the 2,000 FTS5 candidates on SQLite. The ids' query is compiled on
    its own (RawSQL), so that the search_vector column it names is its own table's.
    few: PostgreSQL, stories: few matches are expected (_pg_few_matches).
    """
    pg_indexed = _has_search_index() and connection.vendor == "postgresql"
    matching = kind.public(now).alias(**_word_aliases(terms))
    if pg_indexed:
        matching = matching.alias(_vector=_pg_vector(kind))
    newest_first = F("published_at").desc()
    if few and kind.model is Story:
        # Sorting on an expression the date index cannot give makes the planner take the
        # matches from the GIN index and sort them.
        newest_first = Coalesce("published_at", "published_at").desc()
    newest = (
        matching.filter(_match(kind, terms))
        .order_by(newest_first, "-pk")
        .values("pk")[:SEARCH_WINDOW]
    )
    ranked = kind.public(now).filter(pk__in=RawSQL(*_sql(newest))).alias(**_word_aliases(terms))
    if pg_indexed:
        ranked = ranked.alias(_vector=_pg_vector(kind))
    return ranked.order_by().values(
        r_kind=Value(kind.name),
        r_pk=F("pk"),
        r_title=F(kind.title),
        r_summary=F(kind.summary),
        r_date=F("published_at"),
        r_slug=F(kind.slug) if kind.slug else Value(""),
        **_ingredients(kind, terms),
    )


# --- the query --------------------------------------------------------------------------------


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.get_compiler(connection=connection).as_sql()


def _as_datetime(value) -> datetime.datetime | None:
    if isinstance(value, str):  # SQLite returns the stored text of a raw query
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def _run(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def search_sql(terms: list[str], now: datetime.datetime, *, cached: bool = True):
    """The ranked union of both kinds' windows, best first, with the total on each row
    (SQL without LIMIT, and its parameters); from search_shapes unless `cached` is False."""
    indexed = _has_search_index()
    few = indexed and connection.vendor == "postgresql" and _pg_few_matches(_KINDS[0], terms)
    build = functools.partial(_union_sql, few=few)
    if not cached:
        return build(terms, now)
    shape = (indexed, few, SEARCH_WINDOW, FTS_CANDIDATES)
    return search_shapes.compiled(shape, build, terms, now)


def _union_sql(terms: list[str], now: datetime.datetime, *, few: bool):
    parts = [_sql(_window(kind, terms, now, few)) for kind in _KINDS]
    # Each kind's window is a subquery of its own: SQLite allows no LIMIT on a member of a
    # compound SELECT.
    union_sql = " UNION ALL ".join(
        f"SELECT * FROM ({sql}) w{n}" for n, (sql, _) in enumerate(parts)
    )
    params = [param for _, part_params in parts for param in part_params]
    sql = (
        "SELECT u.r_kind, u.r_pk, u.r_title, u.r_summary, u.r_date, u.r_slug, "
        f"{_rank_sql(terms)} AS r_rank, COUNT(*) OVER () FROM ({union_sql}) u "
        "ORDER BY r_rank DESC, u.r_date DESC, u.r_kind, u.r_pk DESC"
    )
    return sql, params


def search_public(query: str | None, *, limit: int, offset: int = 0):
    """(results, total): one page of public stories and profiles matching the query, best
    first, and how many matched (each kind counted up to SEARCH_WINDOW)."""
    terms = search_terms(query)
    if not terms:
        return [], 0
    sql, params = search_sql(terms, timezone.now())
    sql += " LIMIT %s OFFSET %s"
    rows = _run(sql, [*params, limit, offset])
    if not rows:
        # Past the last page: the total, from the first row.
        first = _run(sql, [*params, 1, 0]) if offset else []
        return [], first[0][-1] if first else 0
    results = [
        SearchResult(kind, pk, title, summary or "", _as_datetime(date), slug or "", float(rank))
        for kind, pk, title, summary, date, slug, rank, _count in rows
    ]
    return results, rows[0][-1]
