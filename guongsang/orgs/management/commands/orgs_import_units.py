import time

from django.core.management.base import BaseCommand, CommandError

from guongsang.common.errors import DomainError
from guongsang.orgs.divisions import divisions_import
from guongsang.orgs.models import Unit


class Command(BaseCommand):
    help = (
        "Create the 34 provinces and their communes/wards after the 2025 reform (two levels: "
        "province → commune) from the vietnam-provinces package. Units are keyed on their code: "
        "'P-56' for a province (the two-digit province code), 'W-22333' for a commune or ward "
        "(the five-digit code). Existing codes are skipped; communes missing under an existing "
        "province are attached to it. History rows are written for the created units."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            help="only this province: its code (56, P-56) or name (Khánh Hòa, khanh hoa)",
        )
        parser.add_argument(
            "--under",
            metavar="UNIT_CODE",
            help="place new provinces under the unit with this code (default: as roots)",
        )

    def handle(self, *args, province=None, under=None, **options):
        parent = None
        if under:
            parent = Unit.objects.filter(code=under).order_by("pk").first()
            if parent is None:
                raise CommandError(f"No unit has the code {under!r}.")
        started = time.monotonic()
        try:
            result = divisions_import(province=province, under=parent)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Provinces: {result.provinces_created} created, {result.provinces_existing} existing. "
            f"Communes/wards: {result.communes_created} created, "
            f"{result.communes_existing} existing. ({time.monotonic() - started:.1f} s)"
        )
