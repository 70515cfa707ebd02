"""Bulk writes that bypass the per-row services, for reference data and benchmark data.

Tree paths are computed here the way django-treebeard computes them (materialised path,
`Unit.steplen` characters per level from `Unit.alphabet`), so thousands of units go in with a
few INSERTs instead of one `add_child` (several queries) each.
"""

import datetime
from collections.abc import Iterable, Sequence

from django.core.management.color import no_style
from django.db import connection
from django.db.models import F
from treebeard.exceptions import PathOverflow

from guongsang.orgs.models import Unit


def child_path(parent_path: str, index: int) -> str:
    """The path of the `index`-th (1-based) child under `parent_path` ("" for roots)."""
    key = Unit._int2str(index)
    if len(key) > Unit.steplen:
        raise PathOverflow(f"too many children under {parent_path!r}")
    return f"{parent_path}{Unit.alphabet[0] * (Unit.steplen - len(key))}{key}"


def next_child_index(parent: Unit | None) -> int:
    """The step number the next child of `parent` (or the next root) gets."""
    if parent is None:
        siblings = Unit.objects.filter(depth=1)
    else:
        siblings = Unit.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    return Unit._str2int(last[-Unit.steplen :]) + 1 if last else 1


def add_numchild(unit: Unit, count: int) -> None:
    if count:
        Unit.objects.filter(pk=unit.pk).update(numchild=F("numchild") + count)


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def raw_insert(model, fields: Sequence[str], rows: Iterable[tuple], *, batch: int = 10_000) -> int:
    """Insert tuples (values in `fields` order, primary key included) without model objects.

    PostgreSQL gets COPY; other databases get executemany in batches. Fields the caller does
    not give take their model default. No history rows are written. Returns the row count.
    """
    meta = model._meta
    given = [meta.get_field(name) for name in fields]
    missing = [f for f in meta.concrete_fields if f.name not in fields and not f.primary_key]
    defaults = tuple(f.get_default() for f in missing)
    columns = [f.column for f in given + missing]
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row + defaults if defaults else row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
        chunk = []
        for row in rows:
            chunk.append(tuple(_plain(v) for v in row) + defaults)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _plain(value):
    """Dates as ISO text, the way Django stores them in SQLite."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def reset_sequences(*models) -> None:
    """After inserting explicit primary keys, move the id sequences past them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
