"""Replication (nhân rộng): recording adoptions of a recognised model, their history, the units
by region (chart and table), the ranking and the public selector."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from guongsang.common.errors import DomainError
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.enums import Role
from guongsang.plans.models import Field
from guongsang.propagation import selectors, services
from guongsang.propagation.models import Replication
from guongsang.propagation.selectors_figures import replication_ranking
from tests import factories
from tests.propagation.conftest import TODAY, exemplar_in, query_count, replication

pytestmark = pytest.mark.django_db


def test_officer_records_and_updates_a_replication_with_history(tree, officer):
    model = exemplar_in(tree["own_child"], "Mô hình Dân vận khéo")

    recorded = replication(
        model, tree["own"], actor=officer, beneficiaries=300,
        metric_name="Thu nhập bình quân (triệu đồng/năm)", metric_before=40, metric_after=52,
    )  # fmt: skip
    services.replication_update(
        replication=recorded, actor=officer, status="sustained", outcome="Duy trì 2 năm",
        reason="Báo cáo tổng kết",
    )  # fmt: skip

    recorded.refresh_from_db()
    assert (recorded.status, recorded.created_by, recorded.beneficiaries) == (
        "sustained", officer, 300,
    )  # fmt: skip
    history = list(recorded.history.order_by("history_date"))
    assert [h.status for h in history] == ["in_progress", "sustained"]
    assert history[-1].history_change_reason == "Báo cáo tổng kết"


@pytest.mark.usefixtures("english")
def test_replication_refusals(tree, officer):
    nurturing = exemplar_in(tree["own_child"], status=ExemplarStatus.NURTURING)
    model = exemplar_in(tree["own_child"], "Mô hình tốt")
    hidden = exemplar_in(tree["outside"], "Ở tỉnh khác", level="unit")
    tomorrow = TODAY + datetime.timedelta(days=1)

    with pytest.raises(DomainError, match="Only a recognised"):
        replication(nurturing, tree["own"], actor=officer)
    with pytest.raises(DomainError, match="outside your scope"):
        replication(hidden, tree["own"], actor=officer)
    with pytest.raises(PermissionDenied):
        replication(model, tree["sibling"], actor=officer)
    with pytest.raises(DomainError, match="record the replication as planned"):
        replication(model, tree["own"], actor=officer, start=tomorrow)
    with pytest.raises(DomainError, match="Say what the figures"):
        replication(model, tree["own"], actor=officer, metric_before=1)
    assert not Replication.objects.exists()
    replication(model, tree["own"], actor=officer, start=tomorrow, status="planned")
    with pytest.raises(DomainError, match="already replicates"):
        replication(model, tree["own"], actor=officer, start=tomorrow, status="planned")


def test_a_province_level_model_may_be_adopted_from_anywhere(tree, officer):
    famous = exemplar_in(tree["outside"], "Mô hình cấp tỉnh", level="province")
    recorded = replication(famous, tree["own_child"], actor=officer)
    assert recorded.exemplar == famous
    # The adopting unit's officer sees it; the exemplar's province sees it too.
    assert list(selectors.replications_visible_to(user=officer)) == [recorded]
    outside = factories.user_with_role(Role.OFFICER, tree["outside"])
    assert list(selectors.replications_visible_to(user=outside)) == [recorded]
    sibling = factories.user_with_role(Role.OFFICER, tree["sibling"])
    assert list(selectors.replications_visible_to(user=sibling)) == []


def test_replications_of_gives_every_adopter_for_the_public_pages(tree):
    model = exemplar_in(tree["own_child"], level="province")
    first = replication(model, tree["sibling"], start=datetime.date(2024, 1, 1))
    second = replication(model, tree["outside"], start=datetime.date(2025, 1, 1))
    replication(exemplar_in(tree["own"]), tree["sibling"])

    assert list(selectors.replications_of(model)) == [second, first]


# Pages ----------------------------------------------------------------------------------------


def test_create_page_picks_one_recognised_exemplar(tree, officer, client, english):
    model = exemplar_in(tree["own_child"], "Mô hình Dân vận khéo")
    exemplar_in(tree["own_child"], "Đang bồi dưỡng", status=ExemplarStatus.NURTURING)
    client.force_login(officer)
    url = reverse("propagation:replication_create")

    page = client.get(url, {"exemplar": model.pk})
    (picker,) = page.context["pickers"]
    assert [(row.obj.pk, row.choices) for row in picker.rows] == [(model.pk, [("exemplar", True)])]
    assert 'type="radio"' in page.content.decode()

    missing = client.post(
        url, {"unit": tree["own"].pk, "start": "01/02/2025", "status": "sustained"}
    )
    assert "Choose the recognised exemplar" in missing.content.decode()
    assert missing.context["form"]["start"].value() == "01/02/2025"

    response = client.post(
        url,
        {"unit": tree["own"].pk, "start": "01/02/2025", "status": "sustained",
         "exemplar": model.pk, "beneficiaries": "120"},
    )  # fmt: skip
    recorded = Replication.objects.get()
    assert response.url == reverse("propagation:replication_detail", args=[recorded.pk])
    assert (recorded.start, recorded.beneficiaries) == (datetime.date(2025, 2, 1), 120)


def test_edit_page_keeps_history_and_scope(tree, officer, client):
    model = exemplar_in(tree["own_child"])
    recorded = replication(model, tree["own"], actor=officer, start=datetime.date(2024, 5, 1))
    client.force_login(officer)
    url = reverse("propagation:replication_edit", args=[recorded.pk])

    form = client.get(url).context["form"]
    assert form["start"].value() == datetime.date(2024, 5, 1)
    client.post(url, {"unit": tree["own"].pk, "start": "01/05/2024", "status": "stopped",
                      "exemplar": model.pk, "reason": "Hết kinh phí"})  # fmt: skip
    recorded.refresh_from_db()
    assert recorded.status == "stopped"
    detail = client.get(reverse("propagation:replication_detail", args=[recorded.pk]))
    assert detail.context["history"][0]["reason"] == "Hết kinh phí"

    client.force_login(factories.user_with_role(Role.HEAD, tree["own"]))
    assert client.get(url).status_code == 403
    client.force_login(factories.user_with_role(Role.OFFICER, tree["sibling"]))
    assert client.get(url).status_code == 404


def test_units_by_region_chart_and_table(tree, admin, client):
    model = exemplar_in(tree["own_child"], "Mô hình Dân vận khéo", level="province")
    district = factories.unit_create("UBND huyện Cam Lâm", parent=tree["outside"])
    commune = factories.unit_create("UBND xã Cam Hải Đông", parent=district)
    replication(model, tree["own"], status="sustained", beneficiaries=100)
    replication(model, tree["own"], start=datetime.date(2020, 1, 1))  # the same unit again
    replication(model, tree["sibling"], beneficiaries=50)
    replication(model, commune, beneficiaries=10)
    client.force_login(admin)

    page = client.get(reverse("propagation:exemplar_replications", args=[model.pk]))

    regions = page.context["regions"]
    assert [(r.name, r.count, r.sustained_count, r.beneficiaries) for r in regions] == [
        ("UBND tỉnh Khánh Hòa", 2, 1, 150),
        ("UBND tỉnh Lâm Đồng", 1, 0, 10),
    ]
    assert [(p.name, p.count) for p in regions[0].sorted_parts()] == [
        ("Sở Nội vụ", 1),
        ("Sở Y tế", 1),
    ]
    assert [p.name for p in regions[1].sorted_parts()] == ["UBND huyện Cam Lâm"]
    chart = page.context["chart"]
    assert [(bar.name, bar.value, bar.level) for bar in chart.bars] == [
        ("UBND tỉnh Khánh Hòa", 2, 0), ("Sở Nội vụ", 1, 1), ("Sở Y tế", 1, 1),
        ("UBND tỉnh Lâm Đồng", 1, 0), ("UBND huyện Cam Lâm", 1, 1),
    ]  # fmt: skip
    html = page.content.decode()
    assert 'role="img"' in html and '<title id="region-chart-title">' in html
    main = html.split('<main id="main">')[1]
    assert 'data-testid="region-table"' in main and "<script" not in main


def test_region_page_scope(tree, client):
    hidden = exemplar_in(tree["outside"], level="unit")
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    assert (
        client.get(reverse("propagation:exemplar_replications", args=[hidden.pk])).status_code
        == 404
    )


def test_ranking_counts_units_sustained_and_people(tree, admin, client):
    first = exemplar_in(tree["own_child"], "Mô hình A", level="province")
    second = exemplar_in(tree["own_child"], "Mô hình B", level="province")
    third = exemplar_in(tree["own_child"], "Mô hình C", level="province")
    field = Field.objects.create(code="thu-nghiem", name="Thử nghiệm")
    third.fields.set([field])
    for unit in ("own", "sibling", "outside"):
        replication(first, tree[unit], status="sustained" if unit == "own" else "in_progress")
    replication(first, tree["own"], start=datetime.date(2020, 1, 1), beneficiaries=5)
    replication(second, tree["sibling"], beneficiaries=400, status="sustained")
    replication(third, tree["sibling"], start=datetime.date(2021, 6, 1), beneficiaries=9)

    ranking = replication_ranking(user=admin)

    assert [(r.exemplar.subject_name, r.units, r.sustained, r.beneficiaries, r.replications)
            for r in ranking] == [
        ("Mô hình A", 3, 1, 5, 4), ("Mô hình B", 1, 1, 400, 1), ("Mô hình C", 1, 0, 9, 1),
    ]  # fmt: skip
    assert [r.exemplar for r in replication_ranking(user=admin, year=2021)] == [third]
    assert [r.exemplar for r in replication_ranking(user=admin, field=field)] == [third]
    officer = factories.user_with_role(Role.OFFICER, tree["outside"])
    assert [(r.exemplar, r.units) for r in replication_ranking(user=officer)] == [(first, 1)]

    client.force_login(admin)
    url = reverse("propagation:replication_ranking")
    page = client.get(url, {"year": 2021})
    assert [r.exemplar for r in page.context["ranking"]] == [third]


def test_list_and_ranking_query_counts(tree, admin, client):
    client.force_login(admin)
    models = [exemplar_in(tree["own_child"], f"Mô hình {n}", level="province") for n in range(4)]
    replication(models[0], tree["own"])
    list_one = query_count(client, reverse("propagation:replication_list"), {"q": "mo hinh"})
    rank_one = query_count(client, reverse("propagation:replication_ranking"))
    region_one = query_count(
        client, reverse("propagation:exemplar_replications", args=[models[0].pk])
    )
    for n, model in enumerate(models[1:]):
        replication(model, tree["sibling"], beneficiaries=n)
        replication(models[0], factories.unit_create(f"Xã {n}", parent=tree["outside"]))
    assert (
        query_count(client, reverse("propagation:replication_list"), {"q": "mo hinh"}) <= list_one
    )
    assert query_count(client, reverse("propagation:replication_ranking")) <= rank_one
    regions = query_count(client, reverse("propagation:exemplar_replications", args=[models[0].pk]))
    assert regions <= region_one


def test_staff_member_cannot_record_or_browse(tree, client):
    client.force_login(factories.user_with_role(Role.STAFF, tree["own"]))
    assert client.get(reverse("propagation:replication_create")).status_code == 403
    assert client.get(reverse("propagation:replication_list")).status_code == 403
    assert client.get(reverse("propagation:replication_ranking")).status_code == 403
