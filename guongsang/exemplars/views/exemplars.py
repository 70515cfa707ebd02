"""The exemplar registry: the list, one exemplar's record, its dossier and its life steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.exemplars import forms, selectors, services
from guongsang.exemplars.enums import SupportKind
from guongsang.exemplars.services.lifecycle import TRANSITIONS
from guongsang.exemplars.views._common import exemplar_form_page, require_perm, visible_exemplar
from guongsang.orgs.views.units import unit_filter_from_request


def _filtered(request):
    form = forms.ExemplarFilterForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_valid() else {}
    unit = unit_filter_from_request(request)
    exemplars = selectors.exemplars_visible_to(
        user=request.user,
        query=data.get("q"),
        plan=data.get("plan"),
        movement=data.get("movement"),
        status=data.get("status"),
        subject_kind=data.get("subject_kind"),
        unit=unit,
        year=data.get("year"),
    )
    return form, unit, exemplars


@login_required
@require_GET
def exemplar_list(request):
    form, unit, exemplars = _filtered(request)
    context = {
        "filter_form": form,
        "filter_unit": unit,
        "page_obj": paginate(request, exemplars),
        "can_register": request.user.has_perm("exemplars.register"),
        "can_nominate": request.user.has_perm("exemplars.nominate"),
    }
    template = "_results.html" if request.htmx else "list.html"
    return render(request, f"exemplars/exemplar/{template}", context)


@login_required
@require_GET
def exemplar_detail(request, pk):
    exemplar = selectors.exemplar_detail(user=request.user, pk=pk)
    if exemplar is None:
        raise Http404
    plan = getattr(exemplar, "nurturing_plan", None)
    context = {
        "exemplar": exemplar,
        "nurturing_plan": plan,
        "support_labels": [SupportKind(k).label for k in plan.support_kinds] if plan else [],
        "checkpoints": selectors.checkpoints_of(exemplar=exemplar) if plan else [],
        "transitions": services.transitions_open(exemplar=exemplar, user=request.user),
        "can_change": request.user.has_perm("exemplars.change_exemplar", exemplar),
        "can_nurture": request.user.has_perm("exemplars.nurture", exemplar),
        "note_form": forms.ProgressNoteForm(),
    }
    return render(request, "exemplars/exemplar/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_transition(request, pk, name):
    step = TRANSITIONS.get(name)
    if step is None:
        raise Http404
    exemplar = visible_exemplar(request, pk)
    require_perm(request, step.perm, exemplar)
    form = forms.TransitionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exemplar_transition(
                exemplar=exemplar,
                transition=name,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("“%(name)s” is now “%(status)s”.")
                % {"name": exemplar.subject_name, "status": exemplar.get_status_display()},
            )
            return redirect("exemplars:exemplar_detail", pk=exemplar.pk)
    context = {"form": form, "exemplar": exemplar, "step": step}
    return render(request, "exemplars/exemplar/transition.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_edit(request, pk):
    exemplar = visible_exemplar(request, pk)

    def call(exemplar, data):
        services.exemplar_update(
            exemplar=exemplar,
            actor=request.user,
            fields=data.pop("work_fields"),
            **data,
        )

    return exemplar_form_page(
        request,
        pk,
        form_class=forms.ExemplarEditForm,
        form_kwargs={"exemplar": exemplar},
        perm="exemplars.change_exemplar",
        call=call,
        heading=_("Achievement summary and story"),
        success=_("The exemplar was saved."),
        testid="exemplar-edit-form",
    )


@login_required
@require_POST
def exemplar_titles_refresh(request, pk):
    exemplar = visible_exemplar(request, pk)
    require_perm(request, "exemplars.change_exemplar", exemplar)
    try:
        services.exemplar_titles_refresh(exemplar=exemplar, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The titles held were taken afresh from the title records."))
    return redirect("exemplars:exemplar_detail", pk=exemplar.pk)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_add(request, pk):
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.InitiativeForm,
        perm="exemplars.change_exemplar",
        call=lambda exemplar, data: services.initiative_add(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("New initiative"),
        success=_("The initiative was added."),
        testid="initiative-form",
    )


@login_required
@require_http_methods(["GET", "POST"])
def evidence_add(request, pk):
    return exemplar_form_page(
        request,
        pk,
        form_class=forms.EvidenceForm,
        perm="exemplars.change_exemplar",
        call=lambda exemplar, data: services.evidence_add(
            exemplar=exemplar, actor=request.user, **data
        ),
        heading=_("Add evidence"),
        success=_("The file was added."),
        multipart=True,
        testid="evidence-form",
    )


@login_required
@require_GET
def evidence_download(request, pk, evidence_pk):
    """Evidence is served only to those who may see the exemplar, never from a public folder."""
    from django.http import FileResponse

    exemplar = visible_exemplar(request, pk)
    evidence = exemplar.evidence.filter(pk=evidence_pk).first()
    if evidence is None:
        raise Http404
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
