"""Editors' pages for what the public sends — the comment moderation queue and the error-report
inbox — and for the portal's sections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.stories import forms, services
from guongsang.stories import selectors_editor as selectors
from guongsang.stories.enums import ReportStatus
from guongsang.stories.models import Section
from guongsang.stories.views_common import form_page, require

MAX_BULK = 200  # comments moderated in one go


@login_required
@require_http_methods(["GET", "POST"])
def moderation_queue(request):
    """Pending comments in the editor's scope. Ticking some and choosing publish or reject
    shows a confirmation listing them; confirming moderates them all at once."""
    require(request, "stories.moderate_any")
    if request.method == "POST":
        return _moderate(request)
    comments = selectors.comments_to_moderate(user=request.user)
    return render(
        request, "stories/moderation/queue.html", {"page_obj": paginate(request, comments)}
    )


def _moderate(request):
    publish = request.POST.get("action") == "publish"
    if request.POST.get("action") not in ("publish", "reject"):
        messages.error(request, _("Choose whether to publish or reject."))
        return redirect("stories:moderation_queue")
    ids = [int(pk) for pk in request.POST.getlist("comment") if pk.isdigit()][:MAX_BULK]
    comments = list(
        selectors.comments_to_moderate(user=request.user, status=None)
        .filter(pk__in=ids)
        .order_by("created_at", "pk")
    )
    if not comments:
        messages.error(request, _("Tick at least one comment."))
        return redirect("stories:moderation_queue")
    if request.POST.get("confirm") != "1":
        context = {"comments": comments, "publish": publish, "action": request.POST["action"]}
        return render(request, "stories/moderation/confirm.html", context)
    try:
        count = services.comments_moderate(comments=comments, publish=publish, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if publish:
            message = ngettext(
                "%(count)s comment published.", "%(count)s comments published.", count
            )
        else:
            message = ngettext("%(count)s comment rejected.", "%(count)s comments rejected.", count)
        messages.success(request, message % {"count": count})
    return redirect("stories:moderation_queue")


@login_required
@require_GET
def report_list(request):
    require(request, "stories.moderate_any")
    status = request.GET.get("status", ReportStatus.NEW)
    if status not in (ReportStatus.NEW, "answered", "all"):
        status = ReportStatus.NEW
    reports = selectors.reports_for(user=request.user, status=None if status == "all" else status)
    context = {"page_obj": paginate(request, reports), "status": status}
    return render(request, "stories/report/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk):
    require(request, "stories.moderate_any")
    report = selectors.reports_for(user=request.user).filter(pk=pk).first()
    if report is None:
        raise Http404
    initial = {"status": report.status if report.status != ReportStatus.NEW else "",
               "answer": report.answer}  # fmt: skip
    back = reverse("stories:report_list")
    return form_page(
        request,
        form=forms.ReportAnswerForm(request.POST or None, initial=initial),
        call=lambda data: services.report_answer(report=report, actor=request.user, **data),
        success=_("The answer is saved."),
        next_url=back,
        heading=_("Error report"),
        cancel_url=back,
        context={"report": report, "target_url": _target_url(report)},
        template="stories/report/detail.html",
    )


def _target_url(obj) -> str:
    if obj.story_id:
        return reverse("stories:story_detail", args=[obj.story_id])
    return reverse("stories:profile_detail", args=[obj.profile.exemplar_id])


# Sections ----------------------------------------------------------------------------------


@login_required
@require_GET
def section_list(request):
    require(request, "stories.browse")
    context = {
        "sections": list(selectors.sections_all()),
        "can_manage": request.user.has_perm("stories.manage_sections"),
    }
    return render(request, "stories/section/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_create(request):
    require(request, "stories.manage_sections")
    back = reverse("stories:section_list")
    return form_page(
        request,
        form=forms.SectionForm(request.POST or None),
        call=lambda data: services.section_create(actor=request.user, **data),
        success=_("The section is saved."),
        next_url=back,
        heading=_("New section"),
        cancel_url=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request, pk):
    require(request, "stories.manage_sections")
    section = Section.objects.filter(pk=pk).first()
    if section is None:
        raise Http404
    back = reverse("stories:section_list")
    fields = ("name", "slug", "description", "field", "movement", "position", "is_active")
    initial = {name: getattr(section, name) for name in fields}
    return form_page(
        request,
        form=forms.SectionForm(request.POST or None, initial=initial),
        call=lambda data: services.section_update(section=section, actor=request.user, **data),
        success=_("The section is saved."),
        next_url=back,
        heading=_("Section: %(name)s") % {"name": section.name},
        cancel_url=back,
    )
