import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guongsang.orgs import services
from guongsang.orgs.enums import GroupKind, Role
from guongsang.orgs.models import EmulationGroup, Unit
from tests import factories

pytestmark = pytest.mark.django_db


def login(client, role, unit):
    user = factories.user_with_role(role, unit)
    user = get_user_model().objects.get(pk=user.pk)
    client.force_login(user)
    return user


def group_create(name, organiser, members=()):
    return services.group_create(
        name=name, kind=GroupKind.CLUSTER, organiser=organiser, members=members, actor=None
    )


def test_group_list_shows_groups_in_scope_only(client, tree):
    login(client, Role.OFFICER, tree["own"])
    mine = group_create("Cụm thi đua số 1", tree["own"], [tree["own_child"]])
    group_create("Cụm thi đua Y tế", tree["sibling"])
    content = client.get(reverse("orgs:group_list")).content.decode()
    assert f'data-testid="group-row-{mine.pk}"' in content
    assert "Cụm thi đua Y tế" not in content


def test_group_list_search_ignores_diacritics(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    group_create("Khối thi đua các Sở", tree["own"])
    group_create("Cụm thi đua số 2", tree["own"])
    content = client.get(reverse("orgs:group_list"), {"q": "khoi cac so"}).content.decode()
    assert "Khối thi đua các Sở" in content
    assert "Cụm thi đua số 2" not in content


def test_group_list_staff_member_is_forbidden(client, tree):
    login(client, Role.STAFF, tree["own"])
    assert client.get(reverse("orgs:group_list")).status_code == 403


def test_group_list_anonymous_redirects_to_login(client, tree):
    response = client.get(reverse("orgs:group_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_group_list_query_count_does_not_grow_with_rows(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    group_create("Cụm 1", tree["own"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("orgs:group_list")).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    group_create("Cụm 2", tree["own_child"])
    group_create("Cụm 3", tree["own"])
    assert count() == one


def test_group_detail_lists_members_in_vietnamese_order(client, tree):
    login(client, Role.OFFICER, tree["own"])
    own = Unit.objects.get(pk=tree["own"].pk)
    names = ["Đội B", "Ban A", "Ấp C"]
    members = []
    for name in names:
        members.append(factories.unit_create(name, parent=own))
        own = Unit.objects.get(pk=own.pk)
    group = group_create("Cụm 1", tree["own"], members)
    content = client.get(reverse("orgs:group_detail", args=[group.pk])).content.decode()
    positions = [content.index(n) for n in ["Ấp C", "Ban A", "Đội B"]]
    assert positions == sorted(positions)


def test_group_detail_outside_scope_gives_404(client, tree):
    login(client, Role.OFFICER, tree["own"])
    group = group_create("Cụm Y tế", tree["sibling"])
    assert client.get(reverse("orgs:group_detail", args=[group.pk])).status_code == 404


def test_group_create_saves_members_from_scope(client, tree):
    user = login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:group_create"),
        {
            "name": "Cụm thi đua số 3",
            "kind": GroupKind.BLOCK,
            "organiser": tree["own"].pk,
            "members": [tree["own_child"].pk, tree["own"].pk],
            "year": "2025",
        },
    )
    group = EmulationGroup.objects.get(name="Cụm thi đua số 3")
    assert response["Location"] == reverse("orgs:group_detail", args=[group.pk])
    assert set(group.members.all()) == {tree["own"], tree["own_child"]}
    assert (group.kind, group.year) == (GroupKind.BLOCK, 2025)
    assert group.history.first().history_user == user


def test_group_create_refuses_members_outside_scope(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:group_create"),
        {
            "name": "Cụm lén",
            "kind": GroupKind.CLUSTER,
            "organiser": tree["own"].pk,
            "members": [tree["sibling"].pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["members"]
    assert 'value="Cụm lén"' in response.content.decode()
    assert not EmulationGroup.objects.filter(name="Cụm lén").exists()


def test_group_create_refuses_organiser_outside_scope(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.post(
        reverse("orgs:group_create"),
        {"name": "Cụm lén", "kind": GroupKind.CLUSTER, "organiser": tree["parent"].pk},
    )
    assert response.context["form"].errors["organiser"]
    assert not EmulationGroup.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR, Role.STAFF])
def test_group_create_forbidden_without_structure_role(client, tree, role):
    login(client, role, tree["own"])
    response = client.post(
        reverse("orgs:group_create"),
        {"name": "Cụm lén", "kind": GroupKind.CLUSTER, "organiser": tree["own"].pk},
    )
    assert response.status_code == 403
    assert not EmulationGroup.objects.exists()


def test_group_edit_changes_name_and_members(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    group = group_create("Cụm 1", tree["own"], [tree["own"]])
    url = reverse("orgs:group_edit", args=[group.pk])
    page = client.get(url).content.decode()
    assert 'value="Cụm 1"' in page
    response = client.post(
        url,
        {
            "name": "Cụm 1 (mới)",
            "kind": GroupKind.CLUSTER,
            "organiser": tree["own"].pk,
            "members": [tree["own_child"].pk],
        },
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Cụm 1 (mới)"
    assert list(group.members.all()) == [tree["own_child"]]


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.COUNCIL, Role.EDITOR])
def test_group_edit_forbidden_to_readers(client, tree, role):
    login(client, role, tree["own"])
    group = group_create("Cụm 1", tree["own"])
    url = reverse("orgs:group_edit", args=[group.pk])
    assert client.get(url).status_code == 403
    content = client.get(reverse("orgs:group_detail", args=[group.pk])).content.decode()
    assert url not in content


def test_group_edit_outside_scope_gives_404(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    group = group_create("Cụm Y tế", tree["sibling"])
    response = client.post(
        reverse("orgs:group_edit", args=[group.pk]),
        {"name": "Đổi", "kind": GroupKind.CLUSTER, "organiser": tree["own"].pk},
    )
    assert response.status_code == 404
    group.refresh_from_db()
    assert group.name == "Cụm Y tế"


def test_group_views_admin_sees_and_changes_every_group(client, tree):
    login(client, Role.ADMIN, tree["own_child"])
    group = group_create("Cụm Lâm Đồng", tree["outside"])
    assert "Cụm Lâm Đồng" in client.get(reverse("orgs:group_list")).content.decode()
    assert client.get(reverse("orgs:group_edit", args=[group.pk])).status_code == 200


def test_group_create_form_renders_units_in_scope(client, tree):
    login(client, Role.SYNTHESIS, tree["own"])
    response = client.get(reverse("orgs:group_create"))
    content = response.content.decode()
    assert "Phòng Thi đua - Khen thưởng" in content
    assert "Sở Y tế" not in content
