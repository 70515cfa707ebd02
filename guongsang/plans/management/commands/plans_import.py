"""manage.py plans_import FILE [--issuer-code CODE] [--dry-run]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guongsang.orgs.models import Unit
from guongsang.plans.planfile import plan_file_import


class Command(BaseCommand):
    help = "Import a plan file (YAML, see docs/plan-format.md); nothing is saved on any error."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--issuer-code", help="Issue the plan for this unit (by its code).")
        parser.add_argument("--dry-run", action="store_true", help="Check, then save nothing.")

    def handle(self, *args, file: Path, issuer_code=None, dry_run=False, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: {error}") from error
        issuer = None
        if issuer_code:
            issuer = Unit.objects.filter(code=issuer_code).first()
            if issuer is None:
                raise CommandError(f"--issuer-code: no unit has the code {issuer_code!r}")
        result = plan_file_import(text, actor=None, issuer=issuer, dry_run=dry_run)
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error)
            raise CommandError(f"{file}: {len(result.errors)} error(s); nothing was saved.")
        for name in result.created_units:
            self.stdout.write(f"+ {name}")
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"{file}: valid (dry run, nothing saved)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{file}: plan #{result.plan.pk} {result.plan}"))
