import datetime
import decimal
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from guongsang.common import importing
from guongsang.common.importing import CellError, Column, Importer


class Example(Importer):
    kind = "example"
    sheet_title = "Ví dụ"
    columns = (
        Column("name", "Họ và tên", "Full name.", importing.text(10), required=True, example="An"),
        Column("born", "Ngày sinh", "Date.", importing.date, example=datetime.date(1990, 1, 2)),
    )

    def save(self, rows):
        self.saved = [row.values for row in rows]
        return len(rows)


def workbook_file(rows) -> io.BytesIO:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20/05/1985", datetime.date(1985, 5, 20)),
        ("1/2/2024", datetime.date(2024, 2, 1)),
        (datetime.datetime(2024, 2, 1, 0, 0), datetime.date(2024, 2, 1)),
        ("", None),
        (None, None),
    ],
)
def test_date_reads_dd_mm_yyyy(value, expected):
    assert importing.date(value) == expected


@pytest.mark.parametrize("value", ["2024-02-01", "31/02/2024", "hôm qua"])
def test_date_refuses_other_forms(value):
    with pytest.raises(CellError):
        importing.date(value)


def test_id_number_restores_the_zeros_excel_drops():
    assert importing.id_number(1085012345) == "001085012345"
    assert importing.id_number(" 001085012345 ") == "001085012345"
    assert importing.id_number(12345678) == "012345678"
    with pytest.raises(CellError):
        importing.id_number("12345")


def test_choice_boolean_amount_and_integer():
    nature = importing.choice({"Thường xuyên": "regular", "Đột xuất": "ad_hoc"})
    assert nature("DOT XUAT") == "ad_hoc"
    with pytest.raises(CellError):
        nature("Hằng năm")
    assert [importing.boolean(v) for v in ("Có", "không", "x", 1, None)] == [
        True,
        False,
        True,
        True,
        None,
    ]
    assert importing.amount("120.000.000") == decimal.Decimal(120000000)
    with pytest.raises(CellError):
        importing.amount(-5)
    assert importing.integer(1945, 2100)("2024") == 2024
    with pytest.raises(CellError):
        importing.integer(1945, 2100)(1900)


def test_import_rows_reports_errors_with_excel_row_and_header():
    file = workbook_file(
        [["Ngày sinh", "Họ và tên*"], ["02/01/1990", "Bình"], [None, None], ["xx", ""]]
    )

    outcome = importing.import_rows(Example(user=None), file)

    assert outcome.total == 2 and not outcome.ok
    assert [(e["row"], e["column"]) for e in outcome.errors] == [
        (4, "Ngày sinh"),
        (4, "Họ và tên*"),
    ]


@pytest.mark.django_db
def test_import_rows_saves_only_a_clean_file_and_skips_the_example():
    file = workbook_file([["họ và tên", "Ngày sinh"], ["An", "02/01/1990"], ["Bình", None]])
    importer = Example(user=None)

    outcome = importing.import_rows(importer, file)

    assert outcome.ok and outcome.created == 1
    assert importer.saved == [{"name": "Bình", "born": None}]


def test_import_rows_reports_a_missing_required_column():
    outcome = importing.import_rows(Example(user=None), workbook_file([["Ngày sinh"], ["x"]]))

    assert [(e["row"], e["column"]) for e in outcome.errors] == [(1, "Họ và tên*")]


def test_template_has_headers_example_and_guide():
    workbook = load_workbook(io.BytesIO(importing.template_bytes(Example)))

    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Họ và tên*", "Ngày sinh"]
    assert sheet["B2"].value.date() == datetime.date(1990, 1, 2)
    guide = workbook[importing.GUIDE_SHEET]
    assert [row[0] for row in guide.iter_rows(min_row=2, max_row=3, values_only=True)] == [
        "Họ và tên*",
        "Ngày sinh",
    ]


def test_upload_check_refuses_wrong_files(settings):
    good = SimpleUploadedFile("a.xlsx", workbook_file([["Họ và tên"], ["An"]]).getvalue())
    assert importing.upload_check(good) == 1
    with pytest.raises(importing.FileRefused):
        importing.upload_check(SimpleUploadedFile("a.xls", good.read()))
    with pytest.raises(importing.FileRefused):
        importing.upload_check(SimpleUploadedFile("a.xlsx", b"PK not really"))
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(importing.FileRefused):
        importing.upload_check(good)


@pytest.mark.django_db
def test_job_run_records_a_refused_file_as_failed(tmp_path):
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from guongsang.common.models import ImportJob, ImportStatus

    user = get_user_model().objects.create(username="nguoi-nhap")
    job = ImportJob.objects.create(kind="example", original_name="hong.xlsx", created_by=user)
    job.file.save("hong.xlsx", ContentFile(b"not a workbook"))

    importing.job_run(job=job, importer_class=Example)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and job.finished_at is not None
    assert [(e["row"], e["column"]) for e in job.errors] == [(1, "")]
    assert job.created_rows == 0
