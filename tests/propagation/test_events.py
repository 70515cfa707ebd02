"""Events: planning within scope, holding and cancelling, the plan milestone, the pages and the
calendar, and materials (type and size checks, scoped and public downloads)."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.plans.models import Milestone
from guongsang.propagation import selectors, services
from guongsang.propagation.models import Event, EventMaterial
from guongsang.propagation.services.materials import MAX_MATERIAL_BYTES
from tests import factories
from tests.propagation.conftest import PDF, PNG, event, exemplar_in, plan_for, query_count, upload

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _milestone(plan, title="Hội nghị biểu dương điển hình tiên tiến", days=30):
    return Milestone.objects.create(
        plan=plan, kind="honouring_conference", title=title,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )  # fmt: skip


def _office(name: str, part: str, content: bytes = b"<xml/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, content)
    return buffer.getvalue()


# Services -----------------------------------------------------------------------------------


def test_officer_plans_an_event_with_units_exemplars_and_milestone(tree, officer):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    milestone = _milestone(plan_for(tree["parent"]))

    planned = event(
        tree["own"], actor=officer, start=NOW + datetime.timedelta(days=10),
        participant_units=[tree["own_child"]], honoured=[hoa], presenting=[hoa],
        milestone=milestone, participant_count=120,
    )  # fmt: skip

    planned.refresh_from_db()
    assert (planned.status, planned.plan, planned.created_by) == (
        "planned",
        milestone.plan,
        officer,
    )
    assert list(planned.participant_units.all()) == [tree["own_child"]]
    assert list(planned.honoured.all()) == list(planned.presenting.all()) == [hoa]


@pytest.mark.usefixtures("english")
def test_event_refusals(tree, officer):
    outside_unit = tree["outside"]
    elsewhere = exemplar_in(tree["sibling"])
    other_plan = plan_for(tree["outside"])
    hidden = _milestone(other_plan)

    with pytest.raises(PermissionDenied):
        event(tree["sibling"], actor=officer)
    with pytest.raises(DomainError, match="ends before it starts"):
        event(tree["own"], actor=officer, start=NOW, end=NOW - datetime.timedelta(hours=1))
    with pytest.raises(DomainError, match="unit chosen is outside"):
        event(tree["own"], actor=officer, participant_units=[outside_unit])
    with pytest.raises(DomainError, match="exemplar chosen is outside"):
        event(tree["own"], actor=officer, honoured=[elsewhere])
    with pytest.raises(DomainError, match="milestone chosen is outside"):
        event(tree["own"], actor=officer, milestone=hidden)
    mine = _milestone(plan_for(tree["parent"]))
    with pytest.raises(DomainError, match="another plan"):
        event(tree["own"], actor=officer, milestone=mine, plan=plan_for(tree["outside"]))
    assert not Event.objects.exists()


@pytest.mark.usefixtures("english")
def test_status_planned_to_held_marks_the_milestone_then_no_more_changes(tree, officer):
    milestone = _milestone(plan_for(tree["parent"]))
    started = event(tree["own"], actor=officer, milestone=milestone)
    future = event(tree["own"], actor=officer, start=NOW + datetime.timedelta(days=3))

    with pytest.raises(DomainError, match="only once it has started"):
        services.event_status_set(event=future, status="held", actor=officer)
    services.event_status_set(event=started, status="held", actor=officer)

    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate(started.start)
    with pytest.raises(DomainError, match="cannot become"):
        services.event_status_set(event=started, status="cancelled", actor=officer)
    services.event_status_set(event=future, status="cancelled", actor=officer)
    assert Event.objects.get(pk=future.pk).status == "cancelled"


def test_holding_keeps_a_milestone_already_done(tree, officer):
    milestone = _milestone(plan_for(tree["parent"]))
    Milestone.objects.filter(pk=milestone.pk).update(done_on=datetime.date(2020, 1, 1))
    held = event(tree["own"], actor=officer, milestone=milestone)
    services.event_status_set(event=held, status="held", actor=officer)
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2020, 1, 1)


def test_head_cannot_change_status(tree):
    planned = event(tree["own"])
    head = factories.user_with_role(Role.HEAD, tree["own"])
    with pytest.raises(PermissionDenied):
        services.event_status_set(event=planned, status="held", actor=head)


def test_participating_units_see_the_event(tree):
    province_event = event(tree["parent"], participant_units=[tree["own"]])
    event(tree["parent"], "Không mời Sở Nội vụ")
    officer = factories.user_with_role(Role.OFFICER, tree["own_child"])
    sibling_officer = factories.user_with_role(Role.OFFICER, tree["sibling"])

    assert [e.pk for e in selectors.events_visible_to(user=officer)] == []
    own_officer = factories.user_with_role(Role.OFFICER, tree["own"])
    assert [e.pk for e in selectors.events_visible_to(user=own_officer)] == [province_event.pk]
    assert list(selectors.events_visible_to(user=sibling_officer)) == []


# Pages ----------------------------------------------------------------------------------------


def _form(organiser, **values):
    return {
        "kind": "congress",
        "title": "Đại hội thi đua yêu nước",
        "organiser": organiser.pk,
        "start": "20/05/2025 08:00",
        "end": "20/05/2025 11:30",
        "location": "Hội trường UBND tỉnh",
        "is_public": "on",
        "participant_count": "200",
        **values,
    }


def test_create_page_with_pickers_then_detail(tree, officer, client):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    milestone = _milestone(plan_for(tree["parent"]))
    client.force_login(officer)
    url = reverse("propagation:event_create")

    page = client.get(url, {"exemplar": hoa.pk, "milestone": milestone.pk})
    units, exemplars = page.context["pickers"]
    assert {row.obj.pk for row in units.rows} == {tree["own"].pk, tree["own_child"].pk}
    assert [row.choices for row in exemplars.rows] == [[("honoured", True), ("presenting", False)]]
    assert page.context["form"]["milestone"].value() == milestone.pk

    response = client.post(url, _form(
        tree["own"], participant_units=[tree["own_child"].pk], honoured=[hoa.pk],
        presenting=[hoa.pk], milestone=milestone.pk,
    ))  # fmt: skip

    created = Event.objects.get()
    assert response.url == reverse("propagation:event_detail", args=[created.pk])
    assert timezone.localtime(created.start).strftime("%d/%m/%Y %H:%M") == "20/05/2025 08:00"
    assert (created.plan, created.participant_count) == (milestone.plan, 200)
    detail = client.get(response.url)
    assert detail.context["can_set_status"] is True
    assert milestone.title in detail.content.decode()


def test_bad_input_keeps_what_was_typed(tree, officer, client, english):
    client.force_login(officer)
    response = client.post(
        reverse("propagation:event_create"),
        _form(tree["own"], end="19/05/2025 08:00", title="Giữ tiêu đề", start="32/13/2025"),
    )
    form = response.context["form"]
    assert set(form.errors) == {"start"}
    assert form["title"].value() == "Giữ tiêu đề" and not Event.objects.exists()

    response = client.post(
        reverse("propagation:event_create"), _form(tree["own"], end="19/05/2025 08:00")
    )
    assert "The event ends before it starts." in response.content.decode()


def test_edit_and_status_pages(tree, officer, client):
    planned = event(tree["own"], actor=officer)
    client.force_login(officer)
    edit = reverse("propagation:event_edit", args=[planned.pk])

    form = client.get(edit).context["form"]
    assert form["title"].value() == planned.title
    client.post(edit, _form(tree["own_child"], title="Hội nghị đã đổi tên"))
    planned.refresh_from_db()
    assert (planned.title, planned.organiser) == ("Hội nghị đã đổi tên", tree["own_child"])

    client.post(reverse("propagation:event_status", args=[planned.pk]), {"status": "held"})
    assert Event.objects.get(pk=planned.pk).status == "held"


def test_event_pages_scope(tree, client):
    sibling_event = event(tree["sibling"])
    mine = event(tree["own_child"])
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    assert (
        client.get(reverse("propagation:event_detail", args=[sibling_event.pk])).status_code == 404
    )
    assert client.get(reverse("propagation:event_edit", args=[sibling_event.pk])).status_code == 404
    client.force_login(factories.user_with_role(Role.HEAD, tree["own"]))
    assert client.get(reverse("propagation:event_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("propagation:event_edit", args=[mine.pk])).status_code == 403
    status = client.post(reverse("propagation:event_status", args=[mine.pk]), {"status": "held"})
    assert status.status_code == 403
    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(reverse("propagation:event_list")).status_code == 403
    assert client.get(reverse("propagation:event_month")).status_code == 403


def test_month_calendar_places_events_on_their_day(tree, officer, client):
    start = timezone.make_aware(datetime.datetime(2025, 3, 8, 9, 0))
    march = event(tree["own"], "Giao lưu ngày 8/3", start=start)
    event(tree["own"], "Tháng 4", start=start + datetime.timedelta(days=30))
    event(tree["sibling"], "Của Sở Y tế", start=start)
    client.force_login(officer)

    page = client.get(reverse("propagation:event_month"), {"year": 2025, "month": 3})

    assert [e.pk for e in page.context["events"]] == [march.pk]
    days = {day: events for week in page.context["weeks"] for day, _, events in week}
    assert days[datetime.date(2025, 3, 8)] == [march]
    assert page.context["weeks"][0][0][0] == datetime.date(2025, 2, 24)  # weeks start on Monday
    assert client.get(reverse("propagation:event_month"), {"month": "13"}).status_code == 200


def test_event_list_filters_and_query_count(tree, officer, client):
    client.force_login(officer)
    url = reverse("propagation:event_list")
    event(tree["own"], "Hội nghị tổng kết", kind="final_review", location="Nha Trang")
    one = query_count(client, url, {"q": "nha trang"})
    for n in range(3):
        event(tree["own_child"], f"Giao lưu {n}", kind="experience_exchange", location="Cam Ranh")
    assert query_count(client, url, {"q": "nha trang"}) <= one
    assert query_count(client, url) <= one
    found = client.get(url, {"kind": "final_review"}).context["page_obj"]
    assert [e.title for e in found] == ["Hội nghị tổng kết"]
    assert len(client.get(url, {"q": "CAM RANH"}).context["page_obj"]) == 3


# Materials ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bao-cao.pdf", PDF),
        ("anh.png", PNG),
        ("anh.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 20),
        ("chuong-trinh.docx", _office("x", "word/document.xml")),
        ("danh-sach.xlsx", _office("x", "xl/workbook.xml")),
        ("trinh-chieu.pptx", _office("x", "ppt/presentation.xml")),
    ],
)
def test_material_files_of_each_accepted_type(tree, officer, name, content):
    planned = event(tree["own"])
    material = services.event_material_add(
        event=planned, upload=upload(name, content), actor=officer
    )
    assert material.title == name and material.file.name.endswith(name)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ", "only PDF"),
        ("trang.html", b"<html>", "only PDF"),
        ("gia.pdf", b"<html>not a pdf", "not really a PDF"),
        ("gia.docx", _office("x", "xl/workbook.xml"), "not really a DOCX"),
        ("gia.pptx", b"PK\x03\x04 broken", "not really a PPTX"),
        ("rong.png", b"", "not really a PNG"),
    ],
)
def test_material_wrong_type_is_refused(tree, officer, name, content, message):
    planned = event(tree["own"])
    with pytest.raises(DomainError, match=message):
        services.event_material_add(event=planned, upload=upload(name, content), actor=officer)
    assert not EventMaterial.objects.exists()


def test_material_too_large_is_refused_and_nothing_else_lost(tree, officer, client, english):
    planned = event(tree["own"])
    services.event_material_add(event=planned, url="https://baokhanhhoa.vn/bai", actor=officer)
    client.force_login(officer)
    big = upload("lon.pdf", PDF + b"0" * MAX_MATERIAL_BYTES)

    response = client.post(
        reverse("propagation:material_add", args=[planned.pk]),
        {"title": "Tài liệu lớn", "file": big, "is_public": "on"},
    )

    assert "larger than 20 MB" in response.content.decode()
    assert response.context["material_form"]["title"].value() == "Tài liệu lớn"
    assert [m.url for m in EventMaterial.objects.all()] == ["https://baokhanhhoa.vn/bai"]


def test_material_needs_a_file_or_a_link(tree, officer, client, english):
    planned = event(tree["own"])
    client.force_login(officer)
    url = reverse("propagation:material_add", args=[planned.pk])
    response = client.post(url, {"title": "Trống"})
    assert "Attach a file or give a link" in response.content.decode()
    both = client.post(url, {"file": upload("a.pdf", PDF), "url": "https://example.vn"})
    assert "Attach a file or give a link" in both.content.decode()
    assert not EventMaterial.objects.exists()


def test_downloads_public_to_anyone_private_in_scope_only(tree, officer, client):
    public = event(tree["own"], is_public=True)
    private = event(tree["own"], is_public=False)
    shown = services.event_material_add(event=public, upload=upload("a.pdf", PDF), actor=officer)
    kept = services.event_material_add(
        event=public, upload=upload("b.pdf", PDF), is_public=False, actor=officer
    )
    of_private = services.event_material_add(
        event=private, upload=upload("c.pdf", PDF), actor=officer
    )
    link = services.event_material_add(event=public, url="https://example.vn/v", actor=officer)

    def get(material):
        return client.get(reverse("propagation:material_download", args=[material.pk]))

    response = get(shown)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert (get(kept).status_code, get(of_private).status_code) == (404, 404)
    assert get(link)["Location"] == "https://example.vn/v"

    client.force_login(factories.user_with_role(Role.OFFICER, tree["sibling"]))
    assert (get(kept).status_code, get(of_private).status_code) == (404, 404)
    client.force_login(officer)
    assert (get(kept).status_code, get(of_private).status_code) == (200, 200)


def test_material_remove_is_scoped(tree, officer, client):
    planned = event(tree["own"])
    material = services.event_material_add(
        event=planned, upload=upload("a.pdf", PDF), actor=officer
    )
    url = reverse("propagation:material_remove", args=[material.pk])
    client.force_login(factories.user_with_role(Role.OFFICER, tree["sibling"]))
    assert client.post(url).status_code == 404
    client.force_login(factories.user_with_role(Role.HEAD, tree["own"]))
    assert client.post(url).status_code == 403
    client.force_login(officer)
    assert client.post(url).status_code == 302
    assert not EventMaterial.objects.exists()
