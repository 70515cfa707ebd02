"""Followers hear of status changes: in the app and by e-mail, never the one who acted."""

from django.urls import reverse

from guongsang.exemplars import services
from guongsang.exemplars.models import Notification
from guongsang.orgs.enums import Role
from tests import factories
from tests.exemplars.conftest import exemplar_register


def test_status_change_notifies_registrant_and_subject_not_actor(
    client, tree, plan, officer, head, django_capture_on_commit_callbacks, mailoutbox
):
    staff = factories.user_with_role(Role.STAFF, tree["own"], email="tam@example.vn")
    person = factories.person_create("Lê Văn Tâm", unit=tree["own"])
    person.user = staff
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        exemplar = exemplar_register(person, plan, officer)
    assert [n.user for n in Notification.objects.all()] == [staff]
    assert [m.to for m in mailoutbox] == [["tam@example.vn"]]
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.exemplar_start_nurturing(exemplar=exemplar, actor=officer)
        services.exemplar_propose(exemplar=exemplar, actor=head)
    to_officer = Notification.objects.filter(user=officer)
    assert to_officer.count() == 1  # the officer started nurturing: no notice to themselves
    assert "Lê Văn Tâm" in to_officer.get().message
    assert sorted(m.to[0] for m in mailoutbox) == [
        "canbo@example.vn",
        "tam@example.vn",
        "tam@example.vn",
    ]
    assert any("Lê Văn Tâm" in m.body for m in mailoutbox)
    assert all(
        reverse("exemplars:exemplar_detail", args=[exemplar.pk]) in m.body for m in mailoutbox
    )


def test_notifications_page_unread_count_and_mark_read(client, tree, plan, officer, head):
    exemplar = exemplar_register(tree["own"], plan, officer)
    services.exemplar_start_nurturing(exemplar=exemplar, actor=officer)
    services.exemplar_propose(exemplar=exemplar, actor=head)
    notification = Notification.objects.get(user=officer)
    client.force_login(officer)
    response = client.get(reverse("exemplars:notification_list"))
    assert response.context["unread"] == 1
    assert f'data-testid="notification-{notification.pk}"' in response.content.decode()
    response = client.post(reverse("exemplars:notification_read", args=[notification.pk]))
    assert response.url == reverse("exemplars:exemplar_detail", args=[exemplar.pk])
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("exemplars:notification_list")).context["unread"] == 0


def test_notification_of_another_user_is_404(client, tree, plan, officer, head):
    exemplar = exemplar_register(tree["own"], plan, officer)
    services.exemplar_start_nurturing(exemplar=exemplar, actor=officer)
    services.exemplar_propose(exemplar=exemplar, actor=head)
    notification = Notification.objects.get(user=officer)
    client.force_login(head)
    url = reverse("exemplars:notification_read", args=[notification.pk])
    assert client.post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
