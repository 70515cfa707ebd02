import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from guongsang.demo.dataset import SCALES, DatasetGenerator
from guongsang.orgs.models import Unit

MAX_EXISTING_UNITS = 10


class Command(BaseCommand):
    help = (
        "Generate a synthetic province for benchmarks: at scale 'province' about 5,000 units, "
        "200,000 people (each with one membership), 20,000 households and 1,000,000 title "
        "records over 2021-2025; 'small' is about 1/50 of that. Rows are bulk-inserted without "
        "history, so generated data has no audit trail. Refuses a database that already has "
        f"more than {MAX_EXISTING_UNITS} units unless --force (then adds another province)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--scale", choices=list(SCALES), default="province",
                            help="province or small (tiny is for tests)")  # fmt: skip
        parser.add_argument("--force", action="store_true",
                            help="add a province tree even if the database has data")  # fmt: skip

    def handle(self, *args, seed=42, scale="province", force=False, **options):
        existing = Unit.objects.count()
        if existing > MAX_EXISTING_UNITS and not force:
            raise CommandError(
                f"The database already has {existing} units; use --force to add another province."
            )
        started = time.monotonic()
        figures = DatasetGenerator(seed=seed, scale=scale, log=self.stdout.write).run()
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Generated ({scale}, seed {seed}, {connection.vendor}): {figures.units} units, "
            f"{figures.people} people, {figures.households} households, "
            f"{figures.title_records} title records in {seconds:.1f} s"
        )
        self.figures, self.seconds = figures, seconds
