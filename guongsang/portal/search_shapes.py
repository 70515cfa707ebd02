"""The portal search's SQL, compiled once per shape and reused with each query's words.

Building the search (search.py) through the ORM costs more than running it: ~12 ms of Python
per search on the benchmark machine, for SQL that differs between two searches only by the
words and the time. The SQL depends on the database, on whether the search indexes exist,
on the number of words and on the PostgreSQL plan chosen (the key); so it is compiled once
per key with stand-in words and a stand-in time, and each search puts its own values in the
parameters:
- every text parameter has the stand-in words replaced by the query's (the words, " word",
  the phrase, the FTS5 and tsquery expressions are all built from them);
- a whole number equal to a stand-in word's length becomes the query word's length (the
  stand-ins are 901 to 908 characters long, a number no other parameter has);
- the stand-in time, as the database adapter gives it, becomes the query's time.
tests/portal/test_search_shapes.py checks that this gives exactly what compiling afresh
gives, for each shape.
"""

import datetime

from django.db import connection

_LENGTH_BASE = 901
_STAND_IN_TIME = datetime.datetime(2001, 2, 3, 4, 5, 6, 789012, tzinfo=datetime.UTC)
_compiled: dict[tuple, tuple[str, list]] = {}


def stand_in_words(count: int) -> list[str]:
    # Letters only ("\w+", as the query's words), none a part of another.
    return [f"qz{chr(97 + n)}".ljust(_LENGTH_BASE + n, "x") for n in range(count)]


def _adapted(moment: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(moment)


def compiled(key: tuple, build, terms: list[str], now: datetime.datetime) -> tuple[str, list]:
    """What build(terms, now) returns — (sql, params) — from the SQL of `key`'s shape."""
    key = (connection.alias, connection.vendor, len(terms), *key)
    if key not in _compiled:
        _compiled[key] = build(stand_in_words(len(terms)), _STAND_IN_TIME)
    sql, params = _compiled[key]
    return sql, _filled(params, terms, _adapted(now))


def _filled(params, terms: list[str], now) -> list:
    stand_ins = list(zip(stand_in_words(len(terms)), terms, strict=True))
    lengths = {len(stand_in): len(term) for stand_in, term in stand_ins}
    stand_in_time = _adapted(_STAND_IN_TIME)
    filled = []
    for param in params:
        if param == stand_in_time and isinstance(param, type(stand_in_time)):
            param = now
        elif isinstance(param, str):
            for stand_in, term in stand_ins:
                param = param.replace(stand_in, term)
        elif isinstance(param, int) and not isinstance(param, bool) and param in lengths:
            param = type(param)(lengths[param])  # psycopg's Int4 on PostgreSQL
        filled.append(param)
    return filled


def forget() -> None:
    _compiled.clear()
