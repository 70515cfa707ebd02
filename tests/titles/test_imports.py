import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from guongsang.common import importing
from guongsang.common.importing import GUIDE_SHEET
from guongsang.common.models import ImportJob, ImportStatus
from guongsang.orgs.enums import HouseholdRelation, Role
from guongsang.orgs.models import Household, HouseholdMember, Membership, Person, Unit
from guongsang.titles.importers import TitleRecordImporter
from guongsang.titles.models import TitleRecord
from tests import factories
from tests.titles.conftest import login, xlsx_upload

RECORD_HEADERS = [
    "Loại đối tượng*",
    "Mã đối tượng*",
    "Mã danh hiệu",
    "Năm*",
    "Số quyết định",
    "Ngày quyết định",
    "Tính chất",
]
PEOPLE_HEADERS = [
    "Họ và tên*",
    "Giới tính",
    "Ngày sinh",
    "Số CCCD",
    "Tên đơn vị",
    "Chức vụ",
    "Là thủ trưởng",
    "Từ ngày",
]


def vi(message: str, **params) -> str:
    """The message as the import stores it (rendered in Vietnamese)."""
    with translation.override("vi"):
        text = gettext(message)
    return text % params if params else text


def upload(client, kind, file):
    return client.post(reverse("titles:import_start"), {"kind": kind, "file": file}, follow=True)


@pytest.fixture
def people(tree):
    own, child = tree["own"], tree["own_child"]
    return [
        factories.person_create("Trần Thị Bình", unit=own, id_number="001190000001"),
        factories.person_create("Lê Văn Cường", unit=child, id_number="001190000002"),
    ]


def test_import_title_records_saves_every_row_with_history(client, officer, people):
    login(client, officer)
    file = xlsx_upload(
        RECORD_HEADERS,
        [
            [
                "Cá nhân",
                "001190000001",
                "lao-dong-tien-tien",
                2024,
                "12/QĐ",
                "15/01/2025",
                "Thường xuyên",
            ],
            [
                "Cá nhân",
                "001190000002",
                "lao-dong-tien-tien",
                2024,
                "12/QĐ",
                datetime.date(2025, 1, 15),
                "",
            ],
            ["cá nhân", "001190000002", "cstd-co-so", "2024", "", "", "Dot xuat"],
        ],
    )

    response = upload(client, "title_records", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert (job.total_rows, job.processed_rows, job.created_rows) == (3, 3, 3)
    assert job.created_by == officer
    records = TitleRecord.objects.order_by("pk")
    assert [(r.person.full_name, r.title.code, r.year, r.nature) for r in records] == [
        ("Trần Thị Bình", "lao-dong-tien-tien", 2024, "regular"),
        ("Lê Văn Cường", "lao-dong-tien-tien", 2024, "regular"),
        ("Lê Văn Cường", "cstd-co-so", 2024, "ad_hoc"),
    ]
    assert records[0].decision_date == datetime.date(2025, 1, 15)
    assert records[1].scope_unit.name == "Phòng Thi đua - Khen thưởng"
    history = TitleRecord.history.filter(id=records[0].pk).get()
    assert history.history_user == officer
    assert history.history_type == "+"
    assert "du-lieu.xlsx" in history.history_change_reason
    assert response.redirect_chain[-1][0] == reverse("titles:import_status", args=[job.pk])
    assert reverse("titles:record_list") in response.content.decode()


def test_import_with_one_bad_row_saves_nothing_and_reports_the_row(client, officer, people):
    login(client, officer)
    file = xlsx_upload(
        RECORD_HEADERS,
        [
            ["Cá nhân", "001190000001", "lao-dong-tien-tien", 2024, "", "", ""],
            ["Cá nhân", "001190000002", "lao-dong-tien-tien", 2024, "", "31/02/2025", ""],
            ["Cá nhân", "001190000002", "cstd-co-so", 2024, "", "", ""],
        ],
    )

    response = upload(client, "title_records", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert TitleRecord.objects.count() == 0
    assert job.errors == [
        {
            "row": 3,
            "column": "Ngày quyết định",
            "message": vi("Enter a date as dd/mm/yyyy, for example 20/05/1985."),
        },
    ]
    page = response.content.decode()
    assert "Ngày quyết định" in page and "import-errors" in page


def test_import_reports_every_problem_of_every_row(client, officer, people, tree):
    login(client, officer)
    factories.title_record_create(people[0], "lao-dong-tien-tien", 2023)
    outsider = factories.person_create(
        "Người Ngoài", unit=tree["sibling"], id_number="001190000009"
    )
    file = xlsx_upload(
        RECORD_HEADERS,
        [
            ["Cá nhân", "001190000001", "lao-dong-tien-tien", 2023, "", "", ""],  # in the DB
            ["Cá nhân", "001190000002", "cstd-co-so", 2024, "", "", ""],
            ["Cá nhân", "001190000002", "cstd-co-so", 2024, "", "", ""],  # twice in the file
            ["Cá nhân", outsider.id_number, "lao-dong-tien-tien", 2024, "", "", ""],
            ["Tập thể", "001190000002", "tap-the-lao-dong-xuat-sac", 2024, "", "", ""],
            ["Cá nhân", "001190000001", "khong-co", 1900, "", "", "Hằng năm"],
        ],
    )

    upload(client, "title_records", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    problems = {(e["row"], e["column"]) for e in job.errors}
    assert problems == {
        (2, "Mã danh hiệu"),
        (4, "Mã danh hiệu"),
        (5, "Mã đối tượng*"),
        (6, "Mã đối tượng*"),
        (7, "Năm*"),
        (7, "Tính chất"),
        (7, "Mã danh hiệu"),
    }
    messages = {e["row"]: e["message"] for e in job.errors if e["column"] == "Mã đối tượng*"}
    assert messages[5] == vi("The unit “%(name)s” lies outside your scope.", name="Sở Y tế")
    assert TitleRecord.objects.count() == 1


def test_import_refuses_a_unit_outside_scope(client, officer, tree):
    login(client, officer)
    file = xlsx_upload(PEOPLE_HEADERS, [["Phạm Văn Dũng", "Nam", "", "", "Sở Y tế", "", "", ""]])

    upload(client, "people", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.errors == [
        {
            "row": 2,
            "column": "Tên đơn vị",
            "message": vi("The unit “%(name)s” lies outside your scope.", name="Sở Y tế"),
        }
    ]
    assert not Person.objects.filter(full_name="Phạm Văn Dũng").exists()


def test_import_people_creates_memberships_with_history(client, officer, tree):
    login(client, officer)
    Unit.objects.filter(pk=tree["own_child"].pk).update(code="TDKT")
    headers = PEOPLE_HEADERS + ["Mã đơn vị", "Email"]
    file = xlsx_upload(
        headers,
        [
            [
                "Phạm Văn Dũng",
                "Nam",
                "20/05/1985",
                1085012345,
                "sở nội vụ",
                "Chuyên viên",
                "Không",
                "01/03/2024",
                "",
                "dung@example.vn",
            ],
            [
                "Hoàng Thị Én",
                "nữ",
                datetime.date(1990, 1, 2),
                "",
                "",
                "Trưởng phòng",
                "Có",
                "",
                "TDKT",
                "",
            ],
        ],
    )

    upload(client, "people", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    dung = Person.objects.get(full_name="Phạm Văn Dũng")
    assert (dung.gender, dung.birth_date, dung.id_number) == (
        "male",
        datetime.date(1985, 5, 20),
        "001085012345",
    )
    assert (dung.unit, dung.position, dung.email) == (tree["own"], "Chuyên viên", "dung@example.vn")
    assert dung.search_text == "pham van dung | 001085012345"
    membership = Membership.objects.get(person=dung)
    assert (membership.start, membership.is_head) == (datetime.date(2024, 3, 1), False)
    en = Person.objects.get(full_name="Hoàng Thị Én")
    assert en.unit == tree["own_child"]
    assert Membership.objects.get(person=en).is_head is True
    assert Membership.objects.get(person=en).start == datetime.date.today()
    assert dung.history.get().history_user == officer
    assert membership.history.get().history_user == officer


def test_import_people_refuses_duplicate_id_numbers(client, officer, tree, people):
    login(client, officer)
    file = xlsx_upload(
        PEOPLE_HEADERS,
        [
            ["A", "", "", "001190000001", "Sở Nội vụ", "", "", ""],
            ["B", "", "", "001190000005", "Sở Nội vụ", "", "", ""],
            ["C", "", "", "001190000005", "Sở Nội vụ", "", "", ""],
        ],
    )

    upload(client, "people", file)

    job = ImportJob.objects.get()
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Số CCCD"), (4, "Số CCCD")]
    assert job.errors[1]["message"] == vi(
        "The citizen ID number %(number)s is also on row %(row)d.", number="001190000005", row=3
    )
    assert Person.objects.count() == 2


def test_import_households_creates_heads_and_members(client, officer, tree, people):
    login(client, officer)
    headers = [
        "Tên hộ*",
        "Số CCCD chủ hộ",
        "Họ tên chủ hộ",
        "Ngày sinh chủ hộ",
        "Tên đơn vị địa bàn",
        "Địa chỉ",
        "Thu nhập năm",
    ]
    file = xlsx_upload(
        headers,
        [
            ["Hộ bà Trần Thị Bình", "001190000001", "", "", "Sở Nội vụ", "Thôn 1", "150.000.000"],
            ["Hộ ông Vũ Văn Giang", "", "Vũ Văn Giang", "03/04/1960", "Sở Nội vụ", "", 90000000],
        ],
    )

    upload(client, "households", file)

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    binh = Household.objects.get(name="Hộ bà Trần Thị Bình")
    assert (binh.head, binh.locality, binh.annual_income) == (people[0], tree["own"], 150000000)
    giang = Household.objects.get(name="Hộ ông Vũ Văn Giang")
    assert (giang.head.full_name, giang.head.birth_date) == (
        "Vũ Văn Giang",
        datetime.date(1960, 4, 3),
    )
    assert set(
        HouseholdMember.objects.values_list("household__name", "person__full_name", "relation")
    ) == {
        ("Hộ bà Trần Thị Bình", "Trần Thị Bình", HouseholdRelation.HEAD),
        ("Hộ ông Vũ Văn Giang", "Vũ Văn Giang", HouseholdRelation.HEAD),
    }
    assert giang.history.get().history_user == officer
    assert giang.search_text == "ho ong vu van giang"


@pytest.mark.parametrize("kind", ["people", "households", "title_records"])
def test_template_downloads_with_headers_and_guide(client, officer, kind):
    login(client, officer)

    response = client.get(reverse("titles:import_template", args=[kind]))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[1] == GUIDE_SHEET
    headers = [cell.value for cell in workbook.worksheets[0][1]]
    assert all(headers) and any(header.endswith("*") for header in headers)
    guide_columns = [row[0].value for row in workbook[GUIDE_SHEET].iter_rows(min_row=2)]
    assert guide_columns[: len(headers)] == headers


def test_unchanged_template_imports_nothing(client, officer):
    login(client, officer)
    content = client.get(reverse("titles:import_template", args=["people"])).content

    upload(client, "people", _named(content))

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.errors[0]["message"] == vi("The file has no data rows.")
    assert not Person.objects.exists()


def test_filled_in_template_imports_cleanly(client, officer, tree, people):
    login(client, officer)
    Unit.objects.filter(pk=tree["own"].pk).update(code="SNV")
    content = client.get(reverse("titles:import_template", args=["title_records"])).content
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.worksheets[0]
    column = {cell.value.rstrip("*"): cell.column for cell in sheet[1]}
    sheet.cell(row=3, column=1, value="Tập thể")
    for header, value in {
        "Mã đối tượng": "SNV",
        "Mã danh hiệu": "tap-the-lao-dong-xuat-sac",
        "Năm": 2024,
        "Ngày quyết định": "20/01/2025",
    }.items():
        sheet.cell(row=3, column=column[header], value=value)
    sheet.cell(row=2, column=column["Mã đối tượng"], value="001190000001")  # the example, edited
    buffer = io.BytesIO()
    workbook.save(buffer)

    upload(client, "title_records", _named(buffer.getvalue()))

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.SUCCEEDED, job.errors
    assert sorted(TitleRecord.objects.values_list("title__code", "year")) == [
        ("lao-dong-tien-tien", 2024),
        ("tap-the-lao-dong-xuat-sac", 2024),
    ]


def _named(content: bytes):
    return SimpleUploadedFile("mau.xlsx", content)


def test_upload_refuses_a_file_that_is_not_xlsx(client, officer):
    login(client, officer)
    not_xlsx = ("This file is not an Excel workbook (.xlsx) that can be read. "
                "Save it as .xlsx and retry.")  # fmt: skip
    cases = [
        (SimpleUploadedFile("du-lieu.csv", b"a,b\n1,2\n"),
         "Upload an Excel file with the .xlsx extension."),
        (SimpleUploadedFile("gia-mao.xlsx", b"not a zip file at all"), not_xlsx),
    ]  # fmt: skip

    for file, message in cases:
        response = upload(client, "people", file)
        assert response.context["form"].errors["file"] == [vi(message)]

    assert not ImportJob.objects.exists()


def test_upload_refuses_a_file_that_is_too_large(client, officer, settings):
    login(client, officer)
    settings.IMPORT_MAX_BYTES = 1000
    file = xlsx_upload(
        PEOPLE_HEADERS, [["Nguyễn Văn " + str(i), "", "", "", "Sở Nội vụ"] for i in range(50)]
    )
    assert file.size > 1000

    response = upload(client, "people", file)

    assert "MB" in response.context["form"].errors["file"][0]
    assert not ImportJob.objects.exists()


def test_large_file_runs_in_the_task_queue_after_commit(
    client, officer, people, settings, django_capture_on_commit_callbacks
):
    login(client, officer)
    settings.IMPORT_SYNC_MAX_ROWS = 0
    file = xlsx_upload(RECORD_HEADERS, [["Cá nhân", "001190000001", "lao-dong-tien-tien", 2024]])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        upload(client, "title_records", file)

    assert len(callbacks) == 1
    assert ImportJob.objects.get().status == ImportStatus.SUCCEEDED
    assert TitleRecord.objects.count() == 1


def _job(user, status=ImportStatus.RUNNING, **fields):
    return ImportJob.objects.create(
        kind="people", original_name="ds.xlsx", created_by=user, status=status, **fields
    )


def test_progress_partial_polls_while_running(client, officer):
    login(client, officer)
    job = _job(officer, total_rows=1000, processed_rows=400)

    response = client.get(reverse("titles:import_progress", args=[job.pk]))

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="import-progress"')
    assert 'hx-trigger="every 1s"' in html
    assert f'hx-get="{reverse("titles:import_progress", args=[job.pk])}"' in html
    assert '<progress max="100" value="40"' in html
    assert "<html" not in html


def test_progress_partial_stops_polling_when_finished(client, officer):
    login(client, officer)
    job = _job(
        officer,
        status=ImportStatus.FAILED,
        total_rows=2,
        processed_rows=2,
        errors=[{"row": 2, "column": "Họ và tên*", "message": "Ô này là bắt buộc."}],
    )

    html = client.get(reverse("titles:import_progress", args=[job.pk])).content.decode()

    assert "hx-trigger" not in html
    assert "Ô này là bắt buộc." in html and '<progress max="100" value="100"' in html


def test_import_status_is_hidden_from_other_users(client, officer, tree):
    job = _job(officer)
    other = factories.user_with_role(Role.OFFICER, tree["own"])
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])

    login(client, other)
    assert client.get(reverse("titles:import_status", args=[job.pk])).status_code == 404
    assert client.get(reverse("titles:import_progress", args=[job.pk])).status_code == 404
    login(client, admin)
    response = client.get(reverse("titles:import_status", args=[job.pk]))
    assert response.status_code == 200 and "ds.xlsx" in response.content.decode()


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD, Role.EDITOR])
def test_import_needs_the_import_permission(client, tree, role):
    user = factories.user_with_role(role, tree["own"])
    login(client, user)
    file = xlsx_upload(PEOPLE_HEADERS, [["Phạm Văn Dũng", "", "", "", "Sở Nội vụ"]])

    assert client.get(reverse("titles:import_start")).status_code == 403
    assert client.get(reverse("titles:import_template", args=["people"])).status_code == 403
    assert upload(client, "people", file).status_code == 403
    assert not ImportJob.objects.exists() and not Person.objects.exists()


def test_import_start_lists_own_recent_jobs(client, officer, tree):
    _job(officer)
    other = factories.user_with_role(Role.OFFICER, tree["own"])
    ImportJob.objects.create(kind="people", original_name="cua-nguoi-khac.xlsx", created_by=other)
    login(client, officer)

    html = client.get(reverse("titles:import_start")).content.decode()

    assert "ds.xlsx" in html and "cua-nguoi-khac.xlsx" not in html
    assert reverse("titles:import_template", args=["households"]) in html


def test_admin_may_import_anywhere(client, admin_user, tree):
    login(client, admin_user)
    file = xlsx_upload(PEOPLE_HEADERS, [["Phạm Văn Dũng", "", "", "", "UBND tỉnh Lâm Đồng"]])

    upload(client, "people", file)

    assert ImportJob.objects.get().status == ImportStatus.SUCCEEDED
    assert Person.objects.get().unit == tree["outside"]


def _import_queries(officer, rows) -> int:
    importer = TitleRecordImporter(user=officer, source="ds.xlsx")
    with CaptureQueriesContext(connection) as queries:
        outcome = importing.import_rows(importer, xlsx_upload(RECORD_HEADERS, rows))
    assert outcome.ok, outcome.errors
    return len(queries)


def test_import_lookups_are_set_based(officer, tree):
    people = [factories.person_create(unit=tree["own"], id_number=f"0011900001{i:02d}")
              for i in range(6)]  # fmt: skip
    rows = [["Cá nhân", p.id_number, "lao-dong-tien-tien", 2024] for p in people]

    assert _import_queries(officer, rows[:1]) == _import_queries(officer, rows[1:])
    assert TitleRecord.objects.count() == 6
