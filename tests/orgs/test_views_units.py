import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from guongsang.orgs import services
from guongsang.orgs.enums import Role, UnitKind, UnitStatus
from guongsang.orgs.models import Person, RoleAssignment, Unit, UnitName, UnitSuccession
from tests import factories

pytestmark = pytest.mark.django_db

READ_ROLES = [Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR]
STRUCTURE_ROLES = [Role.SYNTHESIS]
NON_STRUCTURE_ROLES = [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR, Role.STAFF]


def login(client, role, unit):
    user = factories.user_with_role(role, unit)
    # The factory sets the password without saving it: log in the stored user.
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    return user


def fresh(unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


# The tree --------------------------------------------------------------------------------


def test_unit_tree_anonymous_redirects_to_login(client, tree):
    response = client.get(reverse("orgs:unit_tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unit_tree_officer_sees_own_scope_root_only(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.get(reverse("orgs:unit_tree"))
    content = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="unit-node-{tree["own"].pk}"' in content
    assert f'data-testid="expand-{tree["own"].pk}"' in content
    assert "UBND tỉnh Khánh Hòa" not in content
    assert "Sở Y tế" not in content
    assert "UBND tỉnh Lâm Đồng" not in content


def test_unit_tree_admin_sees_every_root_in_vietnamese_order(client, tree):
    login(client, Role.ADMIN, tree["own"])
    content = client.get(reverse("orgs:unit_tree")).content.decode()
    assert content.index("UBND tỉnh Khánh Hòa") < content.index("UBND tỉnh Lâm Đồng")
    assert "Sở Nội vụ" not in content  # children load on demand


def test_unit_tree_staff_member_is_forbidden(client, tree):
    login(client, Role.STAFF, tree["own"])
    assert client.get(reverse("orgs:unit_tree")).status_code == 403


def test_unit_tree_hides_closed_roots_unless_asked(client, tree):
    login(client, Role.ADMIN, tree["own"])
    services.unit_dissolve(unit=tree["outside"], date=datetime.date(2025, 7, 1), actor=None)
    assert "UBND tỉnh Lâm Đồng" not in client.get(reverse("orgs:unit_tree")).content.decode()
    content = client.get(reverse("orgs:unit_tree"), {"closed": "1"}).content.decode()
    assert "UBND tỉnh Lâm Đồng" in content
    assert f'data-testid="status-{tree["outside"].pk}"' in content


def test_unit_children_returns_only_the_partial(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.get(
        reverse("orgs:unit_children", args=[tree["own"].pk]), HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert f'id="children-{tree["own"].pk}"' in content
    assert "Phòng Thi đua - Khen thưởng" in content
    assert f'data-testid="unit-node-{tree["own_child"].pk}"' in content


def test_unit_children_out_of_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.get(reverse("orgs:unit_children", args=[tree["parent"].pk]))
    assert response.status_code == 404


def test_unit_children_hides_closed_units_unless_asked(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    services.unit_dissolve(unit=tree["own_child"], date=datetime.date(2025, 7, 1), actor=None)
    url = reverse("orgs:unit_children", args=[tree["own"].pk])
    assert "Phòng Thi đua" not in client.get(url).content.decode()
    content = client.get(url, {"closed": "1"}).content.decode()
    assert "Phòng Thi đua - Khen thưởng" in content
    assert "badge-dissolved" in content


def test_unit_children_expand_button_links_to_children_of_a_parent_node(client, tree):
    login(client, Role.ADMIN, tree["own"])
    content = client.get(
        reverse("orgs:unit_children", args=[tree["parent"].pk]), {"closed": "1"}
    ).content.decode()
    # "own" has a child, so it gets a toggle that loads its children (closed ones too).
    assert reverse("orgs:unit_children", args=[tree["own"].pk]) + "?closed=1" in content
    assert 'hx-trigger="toggle once"' in content
    # "sibling" has none: a leaf without a toggle.
    assert f'data-testid="expand-{tree["sibling"].pk}"' not in content


def _query_count(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_unit_children_query_count_does_not_grow_with_children(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_children", args=[tree["own"].pk])
    one = _query_count(client, url)
    for i in range(2):
        child = factories.unit_create(f"Phòng {i}", parent=fresh(tree["own"]))
        factories.unit_create(f"Tổ {i}", parent=child)
    assert _query_count(client, url) == one


# Search ---------------------------------------------------------------------------------


def test_unit_search_ignores_diacritics(client, tree):
    login(client, Role.ADMIN, tree["own"])
    content = client.get(reverse("orgs:unit_search"), {"q": "khanh hoa"}).content.decode()
    assert "UBND tỉnh Khánh Hòa" in content
    assert "UBND tỉnh Lâm Đồng" not in content


def test_unit_search_finds_former_names(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    services.unit_rename(
        unit=tree["own_child"], new_name="Phòng Tổ chức", actor=None, date=datetime.date(2025, 1, 1)
    )
    content = client.get(reverse("orgs:unit_search"), {"q": "thi dua khen"}).content.decode()
    assert "Phòng Tổ chức" in content


def test_unit_search_never_shows_units_outside_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    content = client.get(reverse("orgs:unit_search"), {"q": "so"}).content.decode()
    assert "Sở Nội vụ" in content
    assert "Sở Y tế" not in content


def test_unit_search_htmx_returns_the_results_partial(client, tree):
    login(client, Role.OFFICER, tree["own"])
    response = client.get(reverse("orgs:unit_search"), {"q": "noi vu"}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "<html" not in content
    assert f'data-testid="unit-result-{tree["own"].pk}"' in content


def test_unit_search_orders_results_in_vietnamese_order(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    for name in ["Đội Bảo vệ", "Ban Dân vận", "Đoàn Thanh niên", "Ấp Chiến lược"]:
        factories.unit_create(name, parent=fresh(tree["own"]))
    content = client.get(reverse("orgs:unit_search"), {"q": ""}).content.decode()
    order = [
        content.index(n)
        for n in ["Ấp Chiến lược", "Ban Dân vận", "Đoàn Thanh niên", "Đội Bảo vệ", "Phòng Thi"]
    ]
    assert order == sorted(order)


def test_unit_search_is_paginated(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    own = fresh(tree["own"])
    for i in range(55):
        own = fresh(own)
        factories.unit_create(f"Tổ công tác {i:02d}", parent=own)
    first = client.get(reverse("orgs:unit_search"), {"q": "to cong tac"}).content.decode()
    second = client.get(reverse("orgs:unit_search"), {"q": "to cong tac", "page": 2}).content
    assert "Tổ công tác 00" in first
    assert "Tổ công tác 54" not in first
    assert "Tổ công tác 54" in second.decode()
    assert reverse("orgs:unit_search") + "?q=to+cong+tac&amp;page=2" in first


def test_unit_search_query_count_does_not_grow_with_results(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_search")
    one = _query_count(client, url, q="phong")
    factories.unit_create("Phòng Hai", parent=fresh(tree["own"]))
    factories.unit_create("Phòng Ba", parent=fresh(tree["own"]))
    assert _query_count(client, url, q="phong") == one


def test_unit_export_contains_all_matching_units_in_scope(client, tree):
    login(client, Role.OFFICER, tree["own"])
    services.unit_update(unit=tree["own"], actor=None, valid_from=datetime.date(2020, 1, 15))
    response = client.get(reverse("orgs:unit_export"), {"q": ""})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    names = [row[0] for row in rows[1:]]
    assert names == ["Phòng Thi đua - Khen thưởng", "Sở Nội vụ"]
    own_row = rows[1 + names.index("Sở Nội vụ")]
    assert own_row[5].date() == datetime.date(2020, 1, 15)
    assert len(rows[0]) == 9


# Detail ---------------------------------------------------------------------------------


def test_unit_detail_shows_facts_children_people_and_history(client, tree):
    login(client, Role.OFFICER, tree["own"])
    factories.person_create("Trần Thị Bình", unit=tree["own_child"], position="Chuyên viên")
    factories.household_create("Hộ bà Bình", locality=tree["own_child"])
    response = client.get(reverse("orgs:unit_detail", args=[tree["own"].pk]))
    content = response.content.decode()
    assert response.context["people_count"] == 1
    assert response.context["household_count"] == 1
    assert "Phòng Thi đua - Khen thưởng" in content
    assert "Trần Thị Bình" in content
    assert reverse("orgs:person_list") + f"?unit={tree['own'].pk}" in content
    # The ancestor outside the scope is named but not linked.
    assert "UBND tỉnh Khánh Hòa" in content
    assert reverse("orgs:unit_detail", args=[tree["parent"].pk]) not in content
    assert 'class="history"' in content


def test_unit_detail_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    for unit in ("parent", "sibling", "outside"):
        response = client.get(reverse("orgs:unit_detail", args=[tree[unit].pk]))
        assert response.status_code == 404, unit


@pytest.mark.parametrize("role", STRUCTURE_ROLES + [Role.ADMIN])
def test_unit_detail_shows_change_buttons_to_structure_writers(client, tree, role):
    login(client, role, tree["own"])
    content = client.get(reverse("orgs:unit_detail", args=[tree["own"].pk])).content.decode()
    assert 'data-testid="unit-actions"' in content
    assert reverse("orgs:unit_split", args=[tree["own"].pk]) in content


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR])
def test_unit_detail_hides_change_buttons_from_readers(client, tree, role):
    login(client, role, tree["own"])
    content = client.get(reverse("orgs:unit_detail", args=[tree["own"].pk])).content.decode()
    assert 'data-testid="unit-actions"' not in content
    assert reverse("orgs:unit_edit", args=[tree["own"].pk]) not in content


def test_unit_detail_of_merged_unit_points_to_current_successor(client, tree):
    user = login(client, Role.SYNTHESIS, tree["own"])
    first = factories.unit_create("Phòng A", parent=fresh(tree["own"]))
    second = factories.unit_create("Phòng B", parent=fresh(tree["own"]))
    merged = services.unit_merge(
        units=[first, second], name="Phòng AB", date=datetime.date(2025, 7, 1), actor=user
    )
    third = factories.unit_create("Phòng C", parent=fresh(tree["own"]))
    final = services.unit_merge(
        units=[merged, third], name="Phòng ABC", date=datetime.date(2025, 9, 1), actor=user
    )
    response = client.get(reverse("orgs:unit_detail", args=[first.pk]))
    content = response.content.decode()
    assert response.context["current_successors"] == [final]
    assert 'data-testid="successor-note"' in content
    assert reverse("orgs:unit_detail", args=[final.pk]) in content
    assert "01/07/2025" in content
    final_page = client.get(reverse("orgs:unit_detail", args=[final.pk])).content.decode()
    assert "Phòng AB" in final_page and "Phòng C" in final_page


def test_unit_detail_counts_roll_up_over_predecessors(client, tree):
    user = login(client, Role.SYNTHESIS, tree["own"])
    first = factories.unit_create("Phòng A", parent=fresh(tree["own"]))
    second = factories.unit_create("Phòng B", parent=fresh(tree["own"]))
    factories.person_create(unit=first)
    factories.person_create(unit=second)
    merged = services.unit_merge(
        units=[first, second], name="Phòng AB", date=datetime.date(2025, 7, 1), actor=user
    )
    response = client.get(reverse("orgs:unit_detail", args=[merged.pk]))
    assert response.context["people_count"] == 2


def test_unit_detail_query_count_is_bounded(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_detail", args=[tree["own"].pk])
    factories.person_create(unit=tree["own"])
    one = _query_count(client, url)
    for _ in range(2):
        factories.person_create(unit=tree["own_child"])
        factories.unit_create(parent=fresh(tree["own"]))
    assert _query_count(client, url) == one


# Create, edit, move, rename ---------------------------------------------------------------


def test_unit_create_adds_a_child_under_the_parent(client, tree):
    user = login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_create") + f"?parent={tree['own'].pk}"
    response = client.post(
        url,
        {
            "name": "Phòng Cải cách hành chính",
            "kind": UnitKind.DIVISION,
            "valid_from": "01/07/2025",
        },
    )
    unit = Unit.objects.get(name="Phòng Cải cách hành chính")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:unit_detail", args=[unit.pk])
    assert Unit.objects.get_parent(unit) == tree["own"]
    assert unit.valid_from == datetime.date(2025, 7, 1)
    assert unit.history.first().history_user == user


def test_unit_create_rejects_a_badly_written_date(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_create") + f"?parent={tree['own'].pk}"
    response = client.post(
        url, {"name": "Phòng Mới", "kind": UnitKind.OTHER, "valid_from": "2025/13/45"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_from"]
    assert 'value="Phòng Mới"' in response.content.decode()
    assert not Unit.objects.filter(name="Phòng Mới").exists()


def test_unit_create_under_closed_parent_shows_the_domain_error(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    services.unit_dissolve(unit=tree["own_child"], date=datetime.date(2025, 1, 1), actor=None)
    url = reverse("orgs:unit_create") + f"?parent={tree['own_child'].pk}"
    response = client.post(url, {"name": "Tổ Mới", "kind": UnitKind.TEAM})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Unit.objects.filter(name="Tổ Mới").exists()


@pytest.mark.parametrize("role", NON_STRUCTURE_ROLES)
def test_unit_create_forbidden_without_structure_role(client, tree, role):
    login(client, role, tree["own"])
    url = reverse("orgs:unit_create") + f"?parent={tree['own'].pk}"
    response = client.post(url, {"name": "Phòng Lén", "kind": UnitKind.OTHER})
    assert response.status_code in (403, 404)
    assert not Unit.objects.filter(name="Phòng Lén").exists()


def test_unit_create_under_parent_outside_scope_gives_404(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_create") + f"?parent={tree['sibling'].pk}"
    response = client.post(url, {"name": "Phòng Lén", "kind": UnitKind.OTHER})
    assert response.status_code == 404
    assert not Unit.objects.filter(name="Phòng Lén").exists()


def test_unit_create_root_only_for_admins(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    data = {"name": "Bộ Mới", "kind": UnitKind.MINISTRY}
    assert client.post(reverse("orgs:unit_create"), data).status_code == 403
    login(client, Role.ADMIN, tree["own"])
    assert client.post(reverse("orgs:unit_create"), data).status_code == 302
    assert Unit.objects.get(name="Bộ Mới").depth == 1


def test_unit_edit_saves_the_fields(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_edit", args=[tree["own_child"].pk])
    response = client.post(
        url,
        {
            "kind": UnitKind.DIVISION,
            "code": "TDKT",
            "short_name": "P.TĐKT",
            "valid_from": "02/01/2020",
        },
    )
    assert response.status_code == 302
    unit = fresh(tree["own_child"])
    assert (unit.code, unit.short_name, unit.valid_from) == (
        "TDKT",
        "P.TĐKT",
        datetime.date(2020, 1, 2),
    )


def test_unit_edit_rejects_end_before_start(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_edit", args=[tree["own_child"].pk])
    response = client.post(
        url, {"kind": UnitKind.DIVISION, "valid_from": "02/01/2020", "valid_to": "01/01/2020"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["valid_to"]
    assert fresh(tree["own_child"]).valid_to is None


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR])
def test_unit_edit_forbidden_to_readers(client, tree, role):
    login(client, role, tree["own"])
    url = reverse("orgs:unit_edit", args=[tree["own_child"].pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": UnitKind.TEAM}).status_code == 403
    assert fresh(tree["own_child"]).kind == UnitKind.DIVISION


def test_unit_edit_outside_scope_gives_404(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_edit", args=[tree["sibling"].pk])
    assert client.post(url, {"kind": UnitKind.TEAM}).status_code == 404
    assert fresh(tree["sibling"]).kind == UnitKind.DEPARTMENT


def test_unit_move_places_the_unit_under_the_new_parent(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    target = factories.unit_create("Văn phòng Sở", parent=fresh(tree["own"]))
    response = client.post(
        reverse("orgs:unit_move", args=[tree["own_child"].pk]), {"new_parent": target.pk}
    )
    assert response.status_code == 302
    assert Unit.objects.get_parent(fresh(tree["own_child"])) == target


def test_unit_move_into_own_subtree_shows_the_cycle_error(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_move", args=[tree["own"].pk]), {"new_parent": tree["own_child"].pk}
    )
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors and "Phòng Thi đua - Khen thưởng" in errors[0]
    assert Unit.objects.get_parent(fresh(tree["own"])) == tree["parent"]


def test_unit_move_refuses_a_parent_outside_scope(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_move", args=[tree["own_child"].pk]), {"new_parent": tree["sibling"].pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_parent"]
    assert Unit.objects.get_parent(fresh(tree["own_child"])) == tree["own"]


def test_unit_rename_keeps_the_former_name(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_rename", args=[tree["own_child"].pk]),
        {"new_name": "Phòng Tổ chức - Thi đua", "date": "30/06/2025"},
    )
    assert response.status_code == 302
    assert fresh(tree["own_child"]).name == "Phòng Tổ chức - Thi đua"
    former = UnitName.objects.get(unit=tree["own_child"])
    assert (former.name, former.valid_to) == (
        "Phòng Thi đua - Khen thưởng",
        datetime.date(2025, 6, 30),
    )
    page = client.get(reverse("orgs:unit_detail", args=[tree["own_child"].pk])).content.decode()
    former_names = page[page.index('data-testid="former-names"') :]
    assert "Phòng Thi đua - Khen thưởng" in former_names
    assert "30/06/2025" in former_names


def test_unit_rename_to_the_same_name_shows_error(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_rename", args=[tree["own_child"].pk]),
        {"new_name": "Phòng Thi đua - Khen thưởng", "date": "30/06/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not UnitName.objects.exists()


# Merge, split, dissolve -------------------------------------------------------------------


def test_unit_merge_creates_the_successor_and_closes_the_units(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    first = factories.unit_create("Phòng A", parent=fresh(tree["own"]))
    second = factories.unit_create("Phòng B", parent=fresh(tree["own"]))
    person = factories.person_create(unit=first)
    response = client.post(
        reverse("orgs:unit_merge"),
        {"units": [first.pk, second.pk], "name": "Phòng AB", "date": "01/07/2025"},
    )
    new = Unit.objects.get(name="Phòng AB")
    assert response["Location"] == reverse("orgs:unit_detail", args=[new.pk])
    assert Unit.objects.get_parent(new) == tree["own"]
    assert {fresh(first).status, fresh(second).status} == {UnitStatus.MERGED}
    assert set(
        UnitSuccession.objects.filter(successor=new).values_list("predecessor", flat=True)
    ) == {
        first.pk,
        second.pk,
    }
    assert Person.objects.get(pk=person.pk).unit == new


def test_unit_merge_needs_two_units(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_merge"),
        {"units": [tree["own_child"].pk], "name": "Phòng X", "date": "01/07/2025"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert not Unit.objects.filter(name="Phòng X").exists()


def test_unit_merge_refuses_units_outside_scope(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_merge"),
        {
            "units": [tree["own_child"].pk, tree["sibling"].pk],
            "name": "Phòng X",
            "date": "01/07/2025",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert fresh(tree["sibling"]).status == UnitStatus.ACTIVE


def test_unit_merge_refuses_a_parent_the_user_cannot_write(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    first = factories.unit_create("Phòng A", parent=fresh(tree["own"]))
    response = client.post(
        reverse("orgs:unit_merge"),
        {"units": [tree["own"].pk, first.pk], "name": "Sở Mới", "date": "01/07/2025"},
    )
    # The parent of "own" is the province, outside the user's structure scope.
    assert response.status_code == 200
    assert response.context["form"].errors
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.STAFF])
def test_unit_merge_forbidden_without_structure_role(client, tree, role):
    login(client, role, tree["own"])
    assert client.get(reverse("orgs:unit_merge")).status_code == 403


def test_unit_split_creates_the_parts_and_hands_over_to_the_chosen_one(client, tree):
    user = login(client, Role.SYNTHESIS, tree["own"])
    officer = factories.user_with_role(Role.OFFICER, tree["own_child"])
    person = factories.person_create(unit=tree["own_child"])
    response = client.post(
        reverse("orgs:unit_split", args=[tree["own_child"].pk]),
        {"names": "Phòng Thi đua\n\nPhòng Khen thưởng\n", "receiver": "2", "date": "01/07/2025"},
    )
    assert response.status_code == 302
    old = fresh(tree["own_child"])
    assert old.status == UnitStatus.SPLIT
    receiver = Unit.objects.get(name="Phòng Khen thưởng")
    assert Unit.objects.get_parent(Unit.objects.get(name="Phòng Thi đua")) == tree["own"]
    assert Person.objects.get(pk=person.pk).unit == receiver
    assert RoleAssignment.objects.get(user=officer).unit == receiver
    assert old.history.first().history_user == user


def test_unit_split_needs_two_names_and_a_valid_line(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    url = reverse("orgs:unit_split", args=[tree["own_child"].pk])
    one = client.post(url, {"names": "Phòng Một", "receiver": "1", "date": "01/07/2025"})
    assert one.context["form"].errors["names"]
    line = client.post(
        url, {"names": "Phòng Một\nPhòng Hai", "receiver": "3", "date": "01/07/2025"}
    )
    assert line.context["form"].errors["receiver"]
    assert fresh(tree["own_child"]).status == UnitStatus.ACTIVE


def test_unit_dissolve_with_active_children_shows_the_domain_error(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_dissolve", args=[tree["own"].pk]), {"date": "01/07/2025", "reason": "x"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert fresh(tree["own"]).status == UnitStatus.ACTIVE


def test_unit_dissolve_closes_the_unit(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:unit_dissolve", args=[tree["own_child"].pk]),
        {"date": "01/07/2025", "reason": "Sắp xếp bộ máy"},
    )
    assert response.status_code == 302
    unit = fresh(tree["own_child"])
    assert (unit.status, unit.valid_to) == (UnitStatus.DISSOLVED, datetime.date(2025, 7, 1))
    assert unit.history.first().history_change_reason == "Sắp xếp bộ máy"
    page = client.get(reverse("orgs:unit_detail", args=[unit.pk])).content.decode()
    assert 'data-testid="unit-actions"' not in page
    assert 'data-testid="successor-note"' in page


# Each role and its scope ------------------------------------------------------------------


@pytest.mark.parametrize("role", READ_ROLES + [Role.ADMIN])
def test_unit_views_readers_see_own_subtree(client, tree, role):
    login(client, role, tree["own"])
    for unit in ("own", "own_child"):
        response = client.get(reverse("orgs:unit_detail", args=[tree[unit].pk]))
        assert response.status_code == 200
        assert tree[unit].name in response.content.decode()


@pytest.mark.parametrize("role", READ_ROLES)
def test_unit_views_readers_do_not_see_other_subtrees(client, tree, role):
    login(client, role, tree["own"])
    for unit in ("parent", "sibling", "outside"):
        assert client.get(reverse("orgs:unit_detail", args=[tree[unit].pk])).status_code == 404


def test_unit_views_admin_sees_everything(client, tree):
    login(client, Role.ADMIN, tree["own_child"])
    for unit in ("parent", "sibling", "outside"):
        assert client.get(reverse("orgs:unit_detail", args=[tree[unit].pk])).status_code == 200


def test_unit_views_staff_member_sees_no_unit(client, tree):
    login(client, Role.STAFF, tree["own"])
    assert client.get(reverse("orgs:unit_detail", args=[tree["own"].pk])).status_code == 404
    assert client.get(reverse("orgs:unit_search"), {"q": "so"}).status_code == 403


@pytest.mark.parametrize(
    "name", ["unit_edit", "unit_move", "unit_rename", "unit_split", "unit_dissolve"]
)
def test_unit_forms_render_with_date_placeholder(client, tree, name):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.get(reverse(f"orgs:{name}", args=[tree["own_child"].pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Phòng Thi đua - Khen thưởng" in content
    assert 'method="post"' in content
    if name != "unit_move":
        assert 'placeholder="dd/mm/yyyy"' in content


def test_unit_merge_form_offers_active_units_in_scope_only(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    services.unit_dissolve(unit=tree["own_child"], date=datetime.date(2025, 1, 1), actor=None)
    response = client.get(reverse("orgs:unit_merge"), {"unit": tree["own"].pk})
    offered = set(response.context["form"].fields["units"].queryset)
    assert offered == {tree["own"]}
    assert response.context["form"]["units"].initial == [tree["own"].pk]


def test_unit_create_form_renders_for_a_parent(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.get(reverse("orgs:unit_create"), {"parent": tree["own"].pk})
    assert "Sở Nội vụ" in response.content.decode()
    assert 'data-testid="unit-create-form"' in response.content.decode()
