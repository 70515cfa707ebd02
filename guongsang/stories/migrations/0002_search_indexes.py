"""Full-text indexes for the portal's search (guongsang/portal/search.py reads them).

SQLite: an FTS5 table over search_text, kept in step by triggers. PostgreSQL: a stored
tsvector column ('simple' configuration over the folded text) with a GIN index. Neither is a
model field: the models keep search_text, the database keeps the index. On SQLite, a later
migration that rebuilds these tables drops the triggers: run these statements again there
(they are safe to re-run). The SQL is written out here, not imported, so that this migration
stays as it was when it ran.
"""

from django.db import migrations

TABLES = ("stories_story", "stories_exemplarprofile")


def _sqlite(table):
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 0', detail='column', "
        "prefix='2 3')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _postgresql(table):
    return [
        f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
        "(to_tsvector('simple'::regconfig, COALESCE(search_text, ''))) STORED",
        f"CREATE INDEX {table}_search_vector ON {table} USING gin (search_vector)",
    ]


def forwards(apps, schema_editor):
    build = {"sqlite": _sqlite, "postgresql": _postgresql}.get(schema_editor.connection.vendor)
    if build is None:
        return
    for table in TABLES:
        for sql in build(table):
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {table}_fts")
        elif vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("stories", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
