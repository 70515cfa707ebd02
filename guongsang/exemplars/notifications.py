"""Telling the people who follow an exemplar that its status changed: in the app and by e-mail.

The texts are rendered in Vietnamese when they are made: they outlive the request that made
them and are read in the app and in a mailbox, whatever language the actor was using.
"""

import functools

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar, Notification, StatusChange


def recipients_of(exemplar: Exemplar, *, actor) -> list:
    """Who registered or nominated it, and the person it is about (if they have an account)."""
    users = {exemplar.registered_by_id: exemplar.registered_by}
    if exemplar.person_id and exemplar.person.user_id:
        users[exemplar.person.user_id] = exemplar.person.user
    users.pop(getattr(actor, "pk", None), None)
    return [user for user in users.values() if user is not None and user.is_active]


def status_message(exemplar: Exemplar, change: StatusChange) -> str:
    with translation.override("vi"):
        if not change.from_status:
            message = _("“%(name)s” was registered as an exemplar under %(plan)s (%(year)s).") % {
                "name": exemplar.subject_name,
                "plan": exemplar.plan.number or exemplar.plan.title,
                "year": exemplar.year,
            }
        else:
            message = _("The exemplar “%(name)s” is now “%(status)s”.") % {
                "name": exemplar.subject_name,
                "status": ExemplarStatus(change.to_status).label,
            }
        if change.reason:
            message += " " + _("Reason: %(reason)s") % {"reason": change.reason}
    return message[:500]


def notify_status_change(*, exemplar: Exemplar, change: StatusChange) -> list[Notification]:
    """One in-app notification per follower; the e-mails leave once the transaction commits."""
    from guongsang.exemplars import tasks

    message = status_message(exemplar, change)
    url = reverse("exemplars:exemplar_detail", args=[exemplar.pk])
    notifications = [
        Notification.objects.create(user=user, exemplar=exemplar, message=message, url=url)
        for user in recipients_of(exemplar, actor=change.actor)
    ]
    for notification in notifications:
        if notification.user.email:
            transaction.on_commit(
                functools.partial(tasks.notification_email_send.enqueue, notification.pk)
            )
    return notifications


def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Only the addressee marks a notification read; marking twice keeps the first time."""
    if notification.user_id != user.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
