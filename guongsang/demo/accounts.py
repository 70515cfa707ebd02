"""The demo's accounts: one user per role, all with the same demo password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from guongsang.common.audit import audited_save
from guongsang.orgs import services
from guongsang.orgs.enums import Role
from guongsang.orgs.models import Person, RoleAssignment, Unit

DEMO_PASSWORD = "guongsang2026"
# username, role, unit (a name, or "root"), the unit (within it) of the person linked, if any
DEMO_USERS = [
    ("admin", Role.ADMIN, "root", None),
    ("tonghop", Role.SYNTHESIS, "Sở Nội vụ", "Phòng Công tác thi đua, khen thưởng"),
    ("canbo", Role.OFFICER, "Sở Nông nghiệp và Môi trường", "Văn phòng Sở"),
    ("thutruong", Role.HEAD, "Sở Nông nghiệp và Môi trường", "Sở Nông nghiệp và Môi trường"),
    ("hoidong", Role.COUNCIL, "root", None),
    ("bientap", Role.EDITOR, "root", None),
    ("nhanvien", Role.STAFF, "Chi cục Bảo vệ môi trường", "Chi cục Bảo vệ môi trường"),
]


_ROLE_LABELS = {
    Role.COUNCIL: "Thành viên Hội đồng Thi đua - Khen thưởng",
    Role.EDITOR: "Biên tập viên",
}


def demo_admin_create():
    """The superuser every demo record is attributed to."""
    return get_user_model().objects.create(
        username="admin",
        first_name="Quản trị hệ thống",
        is_staff=True,
        is_superuser=True,
        password=make_password(DEMO_PASSWORD),
    )


def demo_users_create(*, admin, root: Unit) -> list[dict]:
    """Give the admin its role and create the other demo users, linked to people."""
    password_hash = admin.password
    rows = []
    for username, role, unit_name, person_unit in DEMO_USERS:
        unit = root if unit_name == "root" else _active_unit(unit_name)
        person = _person_for(unit, person_unit, role) if person_unit else None
        if username == "admin":
            user = admin
        else:
            user = get_user_model().objects.create(
                username=username,
                password=password_hash,
                first_name=person.full_name if person else _ROLE_LABELS[role],
            )
        services.role_assign(user=user, role=role, unit=unit, actor=admin)
        if person is not None:
            # No service links a user to a person yet; audited_save keeps the audit entry.
            person.user = user
            audited_save(person, actor=admin, reason="Liên kết tài khoản demo")
        rows.append({"username": username, "role": role, "unit": unit.name})
    return rows


def _person_for(unit: Unit, unit_name: str, role: str) -> Person | None:
    people = Person.objects.filter(
        unit__path__startswith=unit.path,
        unit__name=unit_name,
        unit__status="active",
        user__isnull=True,
        memberships__end__isnull=True,
        memberships__is_head=role == Role.HEAD,
    ).order_by("pk")
    return people.filter(position__startswith="Chuyên viên").first() or people.first()


def _active_unit(name: str) -> Unit:
    return Unit.objects.filter(name=name, status="active").order_by("-pk").first()


def demo_logins() -> list[dict]:
    """The demo accounts as they are in the database now."""
    usernames = [row[0] for row in DEMO_USERS]
    assignments = RoleAssignment.objects.filter(user__username__in=usernames).select_related(
        "user", "unit"
    )
    order = {name: i for i, name in enumerate(usernames)}
    rows = [{"username": a.user.username, "role": a.role, "unit": a.unit.name} for a in assignments]
    return sorted(rows, key=lambda r: order[r["username"]])
