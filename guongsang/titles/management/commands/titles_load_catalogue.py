from django.core.management.base import BaseCommand

from guongsang.titles.catalogue import catalogue_load
from guongsang.titles.models import Title


class Command(BaseCommand):
    help = "Load the legal title catalogue entries that are missing (never overwrites)."

    def handle(self, *args, **options):
        created = catalogue_load(Title)
        self.stdout.write(f"{created} title(s) created.")
