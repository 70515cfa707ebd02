"""The base salary in force from 1 July 2024 (Nghị định 73/2024/NĐ-CP): 2,340,000 VND."""

import datetime
from decimal import Decimal

from django.db import migrations

AMOUNT = Decimal("2340000")
VALID_FROM = datetime.date(2024, 7, 1)
REFERENCE = "Nghị định số 73/2024/NĐ-CP ngày 30/6/2024 của Chính phủ"


def load(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BaseSalary.objects.get_or_create(
        valid_from=VALID_FROM, defaults={"amount": AMOUNT, "legal_reference": REFERENCE}
    )


def unload(apps, schema_editor):
    apps.get_model("awards", "BaseSalary").objects.filter(
        valid_from=VALID_FROM, amount=AMOUNT
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_initial")]

    operations = [migrations.RunPython(load, unload)]
