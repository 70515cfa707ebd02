import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from guongsang.orgs.enums import Role
from tests import factories


def xlsx_upload(headers, rows, name="du-lieu.xlsx") -> SimpleUploadedFile:
    """An in-memory .xlsx upload with a header row and data rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def officer(tree):
    """An emulation officer of `own` (record-write scope: own and own_child)."""
    return factories.user_with_role(Role.OFFICER, tree["own"])


@pytest.fixture
def admin_user(tree):
    return factories.user_with_role(Role.ADMIN, tree["parent"])


def login(client, user) -> None:
    """Sign in as `user`."""
    client.force_login(user)
