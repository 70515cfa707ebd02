"""Nurturing an exemplar: its plan of support, checkpoints, follow-up notes and evaluations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.exemplars import forms, selectors, services
from guongsang.exemplars.models import NurturingPlan
from guongsang.exemplars.views._common import exemplar_form_page, require_perm, visible_exemplar

NURTURE = "exemplars.nurture"


def _plan_initial(exemplar) -> dict:
    plan = NurturingPlan.objects.filter(exemplar=exemplar).first()
    if plan is None:
        return {}
    return {
        "support_kinds": plan.support_kinds,
        "support_detail": plan.support_detail,
        "weaknesses": plan.weaknesses,
        "mentor": plan.mentor_id,
        "start": plan.start,
        "end": plan.end,
    }


@login_required
@require_http_methods(["GET", "POST"])
def nurturing_plan_edit(request, pk):
    exemplar = visible_exemplar(request, pk)
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.NurturingPlanForm,
        form_kwargs={
            "user": request.user,
            "person_q": request.GET.get("person_q", ""),
            "initial": _plan_initial(exemplar),
        },
        perm=NURTURE,
        call=lambda exemplar, data: services.nurturing_plan_save(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("Nurturing plan"),
        success=_("The nurturing plan was saved."),
        testid="nurturing-plan-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def checkpoint_add(request, pk):
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.CheckpointForm,
        perm=NURTURE,
        call=lambda exemplar, data: services.checkpoint_add(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("New checkpoint"),
        success=_("The checkpoint was added."),
        testid="checkpoint-form",
    )


@login_required
@require_POST
def checkpoint_done(request, pk, checkpoint_pk):
    exemplar = visible_exemplar(request, pk)
    require_perm(request, NURTURE, exemplar)
    checkpoint = selectors.checkpoints_of(exemplar=exemplar).filter(pk=checkpoint_pk).first()
    if checkpoint is None:
        raise Http404
    try:
        services.checkpoint_done(checkpoint=checkpoint, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("exemplars:exemplar_detail", pk=exemplar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def progress_note_add(request, pk):
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.ProgressNoteForm,
        perm=NURTURE,
        call=lambda exemplar, data: services.progress_note_add(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("New progress note"),
        success=_("The note was added."),
        testid="progress-note-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_add(request, pk):
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.EvaluationForm,
        perm=NURTURE,
        call=lambda exemplar, data: services.evaluation_add(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("New evaluation"),
        success=_("The evaluation was recorded."),
        testid="evaluation-form",
    )
