"""Background work of the exemplars app: e-mailing notifications."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from guongsang.exemplars.models import Notification


@task()
def notification_email_send(notification_id: int) -> bool:
    """E-mail one in-app notification to its addressee (in Vietnamese, like the notice)."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or not notification.user.email:
        return False
    with translation.override("vi"):
        subject = _("Gương Sáng: an exemplar you follow has changed")
        body = notification.message
        if notification.url:
            base = settings.SITE_URL.rstrip("/")
            body += "\n\n" + _("See it at: %(url)s") % {"url": base + notification.url}
    send_mail(subject, body, None, [notification.user.email])
    return True
