from django.utils.functional import SimpleLazyObject

from guongsang.exemplars.selectors import unread_count


def notifications(request):
    """The signed-in user's unread notifications for the menu badge: one query, only if shown."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
