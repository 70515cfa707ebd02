"""The unit scope: a user's units' subtrees plus explicit grants, as paths of the tree.

One definition, used by the permission predicates (orgs/rules.py) and by every selector,
so a list can never show what a detail page hides.
"""

from django.db.models import Q

from guongsang.orgs.enums import Role

READ_ROLES = frozenset(
    {Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR, Role.ADMIN}
)
RECORD_WRITE_ROLES = frozenset({Role.OFFICER, Role.SYNTHESIS, Role.ADMIN})
STRUCTURE_WRITE_ROLES = frozenset({Role.SYNTHESIS, Role.ADMIN})
_CACHE_ATTR = "_guongsang_assignments"


def _assignments(user) -> list[tuple[str, str, list[str]]]:
    """(role, unit path, granted paths) for each role assignment; cached on the user object."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from guongsang.orgs.models import RoleAssignment

    # One query: each assignment joined to the grants its unit received (none: a NULL path).
    rows = RoleAssignment.objects.filter(user_id=user.pk).values_list(
        "pk", "role", "unit__path", "unit__grants_received__unit__path"
    )
    assignments: dict[int, tuple[str, str, list[str]]] = {}
    for pk, role, path, granted in rows.order_by("pk"):
        _, _, grants = assignments.setdefault(pk, (role, path, []))
        if granted:
            grants.append(granted)
    result = list(assignments.values())
    setattr(user, _CACHE_ATTR, result)
    return result


def remember(user, assignments: list[tuple[str, str, list[str]]]) -> None:
    """Cache assignments read together with the user (orgs/backends.py)."""
    setattr(user, _CACHE_ATTR, assignments)


def forget(user) -> None:
    """Drop the cached assignments (after a role or grant changes)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_admin(user) -> bool:
    if not user or not user.is_authenticated:
        return False
    return user.is_superuser or any(role == Role.ADMIN for role, _, _ in _assignments(user))


def roles_of(user) -> set[str]:
    if not user or not user.is_authenticated:
        return set()
    return {role for role, _, _ in _assignments(user)}


def scope_paths(user, roles=READ_ROLES) -> list[str]:
    """The minimal set of tree paths whose subtrees the user reaches through these roles."""
    if not user or not user.is_authenticated:
        return []
    paths = set()
    for role, path, granted in _assignments(user):
        if role in roles:
            paths.add(path)
            paths.update(granted)
    ordered = sorted(paths)
    minimal: list[str] = []
    for path in ordered:
        if not any(path.startswith(root) for root in minimal):
            minimal.append(path)
    return minimal


def path_in_scope(path: str, paths: list[str]) -> bool:
    return any(path.startswith(root) for root in paths)


def paths_q(paths: list[str], field: str = "path") -> Q:
    """A filter for rows whose `field` (a tree path) lies in one of the subtrees."""
    if not paths:
        return Q(pk__in=[])
    query = Q()
    for root in paths:
        query |= Q(**{f"{field}__startswith": root})
    return query
