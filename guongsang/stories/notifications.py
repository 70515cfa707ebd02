"""Telling a unit's editors that the public sent something (an error report, a comment).

Editors whose role sits on the unit or above it are told, in the app and by e-mail; the
text is Vietnamese, as every stored notification is (exemplars/notifications.py).
"""

import functools

from django.db import transaction

from guongsang.exemplars.models import Notification
from guongsang.orgs.enums import Role
from guongsang.orgs.models import RoleAssignment, Unit


def editors_of(unit: Unit) -> list:
    """Active editors whose unit is this unit or one of its ancestors (nearest first)."""
    paths = [unit.path[:end] for end in range(Unit.steplen, len(unit.path) + 1, Unit.steplen)]
    assignments = (
        RoleAssignment.objects.filter(role=Role.EDITOR, unit__path__in=paths, user__is_active=True)
        .select_related("user", "unit")
        .order_by("-unit__depth")
    )
    users = {}
    for assignment in assignments:
        users.setdefault(assignment.user_id, assignment.user)
    return list(users.values())


def notify_editors(*, unit: Unit, message: str, url: str, exemplar=None) -> list[Notification]:
    from guongsang.exemplars import tasks

    notifications = [
        Notification.objects.create(user=user, exemplar=exemplar, message=message[:500], url=url)
        for user in editors_of(unit)
    ]
    for notification in notifications:
        if notification.user.email:
            transaction.on_commit(
                functools.partial(tasks.notification_email_send.enqueue, notification.pk)
            )
    return notifications
