from django.contrib.auth.backends import ModelBackend

from guongsang.orgs import scope


class PasswordBackend(ModelBackend):
    """Username/password sign-in and session users; permissions come only from `rules`.

    Django's model permissions are not used here (superusers pass every check anyway), so
    skipping them saves two queries on every request that checks a permission.
    """

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_user(self, user_id):
        """The session's user and their role assignments (with the grants) in one query.

        Every page reads the user's scope; loading it with the user saves a query per page.
        A user without any role falls back to the plain lookup.
        """
        from django.db.models import F

        from guongsang.orgs.models import RoleAssignment

        # One row per assignment and grant its unit received (granted is NULL without one).
        rows = list(
            RoleAssignment.objects.filter(user_id=user_id)
            .select_related("user", "unit")
            .annotate(granted=F("unit__grants_received__unit__path"))
            .order_by("pk")
        )
        if not rows:
            return super().get_user(user_id)
        user = rows[0].user
        if not self.user_can_authenticate(user):
            return None
        assignments: dict[int, tuple[str, str, list[str]]] = {}
        for row in rows:
            _, _, grants = assignments.setdefault(row.pk, (row.role, row.unit.path, []))
            if row.granted:
                grants.append(row.granted)
        scope.remember(user, list(assignments.values()))
        return user
