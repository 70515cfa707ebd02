import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from guongsang.demo.accounts import DEMO_PASSWORD, demo_logins
from guongsang.demo.builder import DemoBuilder
from guongsang.orgs.enums import Role
from guongsang.orgs.models import Unit


class Command(BaseCommand):
    help = (
        "Load the Khánh Hòa demo (units, the 2025 merges, communes, people, households, "
        "emulation groups, five years of title records, one user per role) through the "
        f"services, so everything has an audit trail. Every demo user's password is "
        f"{DEMO_PASSWORD!r}."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing (but list the demo logins) when any unit exists",
        )

    def handle(self, *args, if_empty=False, **options):
        if Unit.objects.exists():
            if if_empty:
                self.stdout.write("Dữ liệu đã có; không nạp lại dữ liệu demo.")
                self._print_logins(demo_logins())
                return
            self.stderr.write("Warning: the database already has units; adding the demo anyway.")
        started = time.monotonic()
        with transaction.atomic():
            logins = DemoBuilder().build()
        self.stdout.write(self._summary() + f" ({time.monotonic() - started:.1f} s)")
        self._print_logins(logins)

    def _summary(self) -> str:
        from guongsang.orgs.models import EmulationGroup, Household, Person
        from guongsang.propagation.models import Event, PropagationActivity
        from guongsang.stories.models import Story
        from guongsang.titles.models import TitleRecord

        return (
            f"Demo Khánh Hòa: {Unit.objects.count()} đơn vị, {Person.objects.count()} cá nhân, "
            f"{Household.objects.count()} hộ gia đình, {EmulationGroup.objects.count()} "
            f"cụm/khối thi đua, {TitleRecord.objects.count()} danh hiệu, "
            f"{Story.objects.count()} bài viết, {PropagationActivity.objects.count()} hoạt động "
            f"tuyên truyền, {Event.objects.count()} sự kiện."
        )

    def _print_logins(self, rows) -> None:
        if not rows:
            return
        with translation.override(settings.LANGUAGE_CODE):
            labels = {value: str(label) for value, label in Role.choices}
        table = [("Tài khoản", "Vai trò", "Đơn vị", "Mật khẩu")] + [
            (r["username"], str(labels.get(r["role"], r["role"])), r["unit"], DEMO_PASSWORD)
            for r in rows
        ]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        self.stdout.write("Tài khoản demo (mật khẩu chung, nếu chưa đổi):")
        for i, row in enumerate(table):
            self.stdout.write(
                "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))
            )
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
