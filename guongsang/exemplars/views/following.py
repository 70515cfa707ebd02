"""Following one's exemplars: "my exemplars" and the notifications page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from guongsang.common.pagination import paginate
from guongsang.exemplars import selectors
from guongsang.exemplars.models import Notification
from guongsang.exemplars.notifications import notification_mark_read, notifications_mark_all_read


@login_required
@require_GET
def my_exemplars(request):
    exemplars = selectors.my_exemplars(user=request.user)
    context = {
        "page_obj": paginate(request, exemplars),
        "unread": selectors.unread_count(user=request.user),
    }
    return render(request, "exemplars/following/my_exemplars.html", context)


@login_required
@require_GET
def notification_list(request):
    notifications = selectors.notifications_of(user=request.user)
    context = {
        "page_obj": paginate(request, notifications),
        "unread": selectors.unread_count(user=request.user),
    }
    return render(request, "exemplars/following/notifications.html", context)


@login_required
@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification, pk=pk, user_id=request.user.pk)
    notification_mark_read(notification=notification, user=request.user)
    target = request.POST.get("next") or notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("exemplars:notification_list")


@login_required
@require_POST
def notifications_read_all(request):
    notifications_mark_all_read(user=request.user)
    return redirect("exemplars:notification_list")
