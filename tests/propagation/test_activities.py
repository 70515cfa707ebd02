"""Propagation activities: logging within scope, refusals with their reasons, the list with
its filters and diacritic-insensitive search, the pages and their query counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.enums import Role
from guongsang.propagation import selectors, services
from guongsang.propagation.models import PropagationActivity
from tests import factories
from tests.propagation.conftest import TODAY, activity, exemplar_in, query_count

pytestmark = pytest.mark.django_db


# Services -----------------------------------------------------------------------------------


def test_officer_logs_an_activity_in_own_subtree_with_exemplars(tree, officer):
    exemplar = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")

    logged = activity(
        tree["own_child"], "Gương sáng Nguyễn Thị Hoa trên Báo Khánh Hòa", actor=officer,
        reach=12000, outlet="Báo Khánh Hòa", exemplars=[exemplar],
    )  # fmt: skip

    logged.refresh_from_db()
    assert (logged.unit, logged.reach, logged.created_by) == (tree["own_child"], 12000, officer)
    assert list(logged.exemplars.all()) == [exemplar]
    assert logged.history.count() >= 1 and logged.history.first().history_user == officer


@pytest.mark.parametrize("place", ["sibling", "parent", "outside"])
def test_officer_cannot_log_for_a_unit_outside_the_subtree(tree, officer, place):
    with pytest.raises(PermissionDenied):
        activity(tree[place], actor=officer)
    assert not PropagationActivity.objects.exists()


@pytest.mark.parametrize("role", [Role.STAFF, Role.HEAD, Role.EDITOR, Role.COUNCIL])
def test_roles_that_do_not_record_cannot_log(tree, role):
    user = factories.user_with_role(role, tree["own"])
    with pytest.raises(PermissionDenied):
        activity(tree["own"], actor=user)


def test_future_date_negative_reach_and_foreign_exemplars_are_refused(tree, officer, english):
    elsewhere = exemplar_in(tree["sibling"], "Trần Văn Xa")
    tomorrow = TODAY + datetime.timedelta(days=1)

    with pytest.raises(DomainError, match="future"):
        activity(tree["own"], actor=officer, date=tomorrow)
    with pytest.raises(DomainError, match="negative"):
        activity(tree["own"], actor=officer, reach=-1)
    with pytest.raises(DomainError, match="outside your scope"):
        activity(tree["own"], actor=officer, exemplars=[elsewhere])
    assert not PropagationActivity.objects.exists()


def test_update_keeps_exemplars_unless_given_and_checks_the_new_unit(tree, officer):
    exemplar = exemplar_in(tree["own_child"])
    logged = activity(tree["own"], actor=officer, exemplars=[exemplar])

    services.activity_update(activity=logged, actor=officer, title="Tọa đàm", reach=40)
    assert list(logged.exemplars.all()) == [exemplar]
    with pytest.raises(PermissionDenied):
        services.activity_update(activity=logged, actor=officer, unit=tree["sibling"])
    logged.refresh_from_db()
    assert (logged.title, logged.reach, logged.unit) == ("Tọa đàm", 40, tree["own"])


# Reading --------------------------------------------------------------------------------------


def test_list_shows_only_the_scope_and_filters(tree, officer, client):
    mine = activity(tree["own_child"], "Phóng sự truyền hình", channel="radio_tv")
    activity(tree["own"], "Bài báo in", date=datetime.date(TODAY.year - 1, 2, 1))
    activity(tree["sibling"], "Bài của Sở Y tế")
    activity(tree["outside"], "Bài của tỉnh khác")
    client.force_login(officer)

    page = client.get(reverse("propagation:activity_list"))
    titles = [a.title for a in page.context["page_obj"]]
    assert sorted(titles) == ["Bài báo in", "Phóng sự truyền hình"]

    filtered = client.get(reverse("propagation:activity_list"), {"channel": "radio_tv"})
    assert [a.pk for a in filtered.context["page_obj"]] == [mine.pk]
    by_year = client.get(
        reverse("propagation:activity_list"), {"year": TODAY.year - 1, "quarter": 1}
    )
    assert [a.title for a in by_year.context["page_obj"]] == ["Bài báo in"]
    by_unit = client.get(reverse("propagation:activity_list"), {"unit": tree["own_child"].pk})
    assert [a.pk for a in by_unit.context["page_obj"]] == [mine.pk]
    assert (
        client.get(reverse("propagation:activity_list"), {"unit": tree["sibling"].pk}).status_code
        == 404
    )  # noqa: E501


def test_search_ignores_diacritics_in_title_outlet_unit_and_exemplars(tree, admin):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    by_title = activity(tree["own"], "Gương sáng ĐẠI HỘI thi đua")
    by_outlet = activity(tree["own"], "Bài 2", outlet="Đài Phát thanh Khánh Hòa")
    by_exemplar = activity(tree["own"], "Bài 3", exemplars=[hoa])
    activity(tree["sibling"], "Bài 4")

    def found(query):
        return {a.pk for a in selectors.activities_visible_to(user=admin, query=query)}

    assert found("dai hoi") == {by_title.pk}
    assert found("Đại hội thi đua") == {by_title.pk}
    assert found("khanh hoa") == {by_outlet.pk}
    assert found("nguyen thi hoa") == {by_exemplar.pk}
    assert found("so y te") == {a.pk for a in PropagationActivity.objects.filter(title="Bài 4")}
    assert found("khong co") == set()


def test_detail_is_404_outside_the_scope(tree, officer, client):
    inside, sibling = activity(tree["own_child"]), activity(tree["sibling"])
    client.force_login(officer)

    assert client.get(reverse("propagation:activity_detail", args=[inside.pk])).status_code == 200
    assert client.get(reverse("propagation:activity_detail", args=[sibling.pk])).status_code == 404
    assert client.get(reverse("propagation:activity_edit", args=[sibling.pk])).status_code == 404


def test_head_reads_but_cannot_change_and_staff_cannot_browse(tree, client):
    logged = activity(tree["own_child"])
    client.force_login(factories.user_with_role(Role.HEAD, tree["own"]))
    assert client.get(reverse("propagation:activity_detail", args=[logged.pk])).status_code == 200
    assert client.get(reverse("propagation:activity_edit", args=[logged.pk])).status_code == 403
    assert client.get(reverse("propagation:activity_create")).status_code == 403

    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(reverse("propagation:activity_list")).status_code == 403
    assert client.get(reverse("propagation:activity_create")).status_code == 403


# Pages ----------------------------------------------------------------------------------------


def _form(unit, **values):
    return {
        "unit": unit.pk,
        "date": TODAY.strftime("%d/%m/%Y"),
        "channel": "social",
        "title": "Lan tỏa gương sáng trên mạng xã hội",
        "reach": "3500",
        **values,
    }


def test_create_page_logs_with_ticked_exemplars(tree, officer, client):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    client.force_login(officer)
    url = reverse("propagation:activity_create")

    page = client.get(url, {"exemplar": hoa.pk})
    (picker,) = page.context["pickers"]
    assert [(row.obj.pk, row.choices) for row in picker.rows] == [(hoa.pk, [("exemplars", True)])]

    response = client.post(url, _form(tree["own_child"], exemplars=[hoa.pk]))

    logged = PropagationActivity.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("propagation:activity_detail", args=[logged.pk])
    assert (logged.reach, list(logged.exemplars.all())) == (3500, [hoa])


def test_picker_search_refresh_keeps_what_was_typed_and_saves_nothing(tree, officer, client):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    exemplar_in(tree["own_child"], "Lê Văn Bình")
    client.force_login(officer)

    response = client.post(
        reverse("propagation:activity_create"),
        _form(tree["own"], title="Đang gõ dở", exemplars_q="hoa", refresh="1"),
    )

    assert response.status_code == 200 and not PropagationActivity.objects.exists()
    (picker,) = response.context["pickers"]
    assert [row.obj.pk for row in picker.rows] == [hoa.pk]
    assert response.context["form"]["title"].value() == "Đang gõ dở"
    assert not response.context["form"].errors


def test_bad_input_shows_messages_and_keeps_what_was_typed(tree, officer, client, english):
    outside = exemplar_in(tree["outside"], "Người tỉnh khác")
    client.force_login(officer)
    url = reverse("propagation:activity_create")
    tomorrow = (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y")

    future = client.post(url, _form(tree["own"], date=tomorrow, title="Giữ lại tiêu đề"))
    assert "The date is in the future" in future.content.decode()
    assert future.context["form"]["title"].value() == "Giữ lại tiêu đề"

    bad = client.post(url, _form(tree["sibling"], reach="-5", exemplars=[outside.pk]))
    errors = bad.context["form"].errors
    assert set(errors) == {"unit", "reach", "exemplars"}
    assert "Something ticked is outside" in bad.content.decode()
    assert not PropagationActivity.objects.exists()


def test_edit_page_changes_and_keeps_history(tree, officer, client):
    logged = activity(tree["own"], "Bài cũ", actor=officer)
    client.force_login(officer)
    url = reverse("propagation:activity_edit", args=[logged.pk])

    form = client.get(url).context["form"]
    assert form["title"].value() == "Bài cũ" and form["date"].value() == TODAY
    response = client.post(url, _form(tree["own_child"], title="Bài mới"))

    assert response.status_code == 302
    logged.refresh_from_db()
    assert (logged.title, logged.unit) == ("Bài mới", tree["own_child"])
    detail = client.get(reverse("propagation:activity_detail", args=[logged.pk]))
    assert len(detail.context["history"]) == 2


def test_list_query_count_does_not_grow(tree, officer, client):
    client.force_login(officer)
    url = reverse("propagation:activity_list")
    exemplar = exemplar_in(tree["own_child"])
    activity(tree["own"], exemplars=[exemplar])
    one = query_count(client, url, {"q": "guong"})
    for n in range(3):
        activity(tree["own_child"], f"Bài {n}", exemplars=[exemplar], channel="portal")
    assert query_count(client, url, {"q": "guong"}) <= one
    assert query_count(client, url) <= one


def test_exemplar_filter_lists_activities_featuring_it(tree, officer, client):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa", status=ExemplarStatus.NURTURING)
    featuring = activity(tree["own"], exemplars=[hoa])
    activity(tree["own"], "Khác")
    client.force_login(officer)

    page = client.get(reverse("propagation:activity_list"), {"exemplar": hoa.pk})

    assert [a.pk for a in page.context["page_obj"]] == [featuring.pk]


def test_postgresql_folding_maps_each_marked_letter_to_its_base():
    from guongsang.common.text import fold
    from guongsang.propagation.search import _FROM, _TO

    assert len(_FROM) == len(_TO)
    assert all(fold(marked) == base for marked, base in zip(_FROM, _TO, strict=True))


def test_editing_keeps_an_exemplar_withdrawn_since(tree, officer, client):
    hoa = exemplar_in(tree["own_child"], "Nguyễn Thị Hoa")
    logged = activity(tree["own"], "Bài cũ", exemplars=[hoa])
    Exemplar.objects.filter(pk=hoa.pk).update(status=ExemplarStatus.WITHDRAWN)
    client.force_login(officer)
    url = reverse("propagation:activity_edit", args=[logged.pk])

    response = client.post(url, _form(tree["own"], title="Bài sửa", exemplars=[hoa.pk]))

    assert response.status_code == 302
    assert list(PropagationActivity.objects.get().exemplars.all()) == [hoa]
    create = client.get(reverse("propagation:activity_create"))
    assert [row.obj for row in create.context["pickers"][0].rows] == []
