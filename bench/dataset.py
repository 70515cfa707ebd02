"""Benchmark: generate a synthetic province and time it.

    .venv/bin/python bench/dataset.py [--scale small|province] [--seed 42]

Uses DATABASE_URL when set (it must point at an empty database), else a fresh temporary
SQLite file. Migrates, runs `generate_dataset`, and ends with one line:
    bench dataset: units=… people=… households=… title_records=… seconds=… db=sqlite|postgresql
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "province", "tiny"], default="province")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guongsang.settings")
    tmp = None
    if not os.environ.get("DATABASE_URL"):
        tmp = tempfile.TemporaryDirectory(prefix="gs-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp.name}/bench.sqlite3"

    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.monotonic() - started:.1f} s")

    from guongsang.demo.management.commands.generate_dataset import Command

    command = Command()
    call_command(command, seed=args.seed, scale=args.scale)
    figures, seconds = command.figures, command.seconds
    size = _database_size(connection)
    if size:
        print(f"database size: {size / 1_000_000:.0f} MB")
    connection.close()
    if tmp is not None:
        tmp.cleanup()
    print(
        f"bench dataset: units={figures.units} people={figures.people} "
        f"households={figures.households} title_records={figures.title_records} "
        f"seconds={seconds:.1f} db={connection.vendor}"
    )


def _database_size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return pages * cursor.fetchone()[0]
    return 0


if __name__ == "__main__":
    main()
