"""Eligibility runs: start one, watch it (HTMX polling), read, filter, export, judge."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

import guongsang.plans.rules_criteria  # noqa: F401 — registers the permissions
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.common.xlsx import xlsx_response
from guongsang.plans import selectors_criteria as selectors
from guongsang.plans.engine.runs import run_refresh_subject, run_start
from guongsang.plans.enums import Verdict
from guongsang.plans.forms_criteria import JudgementForm, ResultFilterForm, RunForm
from guongsang.plans.models import Judgement
from guongsang.plans.services.criteria import judgement_record

SUBJECT_FIELD = {"individual": "person", "collective": "unit", "household": "household"}


@login_required
def run_create(request):
    if not request.user.has_perm("plans.run_eligibility"):
        raise PermissionDenied
    sets = selectors.criteria_sets_visible_to(user=request.user)
    initial = {"criteria_set": request.GET.get("criteria_set")}
    form = RunForm(request.POST or None, user=request.user, sets=sets, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.user.has_perm("plans.run_eligibility", data["unit"]):
            raise PermissionDenied
        try:
            run = run_start(criteria_set=data["criteria_set"], year=data["year"],
                            unit=data["unit"], actor=request.user)  # fmt: skip
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("criteria:run_detail", pk=run.pk)
    runs = selectors.runs_visible_to(user=request.user)[:20]
    return render(request, "plans/eligibility/start.html", {"form": form, "runs": runs})


def _visible_run(request, pk: int):
    return get_object_or_404(selectors.runs_visible_to(user=request.user), pk=pk)


def _results(request, run):
    form = ResultFilterForm(request.GET or None)
    verdict = order = None
    if form.is_valid():
        verdict, order = form.cleaned_data["verdict"], form.cleaned_data["sort"]
    return form, selectors.run_results(run=run, verdict=verdict or None, order=order or "verdict")


@login_required
def run_detail(request, pk: int):
    run = _visible_run(request, pk)
    form, results = _results(request, run)
    page_obj = paginate(request, results) if run.status == run.Status.DONE else None
    if page_obj is not None:
        labels = selectors.run_reason_labels(run=run)
        page_obj.object_list = list(selectors.results_with_reasons(page_obj, labels=labels))
    context = {
        "run": run,
        "form": form,
        "page_obj": page_obj,
        "can_judge": request.user.has_perm("plans.run_eligibility", run.unit),
    }
    return render(request, "plans/eligibility/detail.html", context)


@login_required
def run_progress(request, pk: int):
    run = _visible_run(request, pk)
    response = render(request, "plans/eligibility/detail.html#progress", {"run": run})
    if run.status == run.Status.DONE:
        response["HX-Refresh"] = "true"  # show the results once the run is done
    return response


@login_required
def run_export(request, pk: int):
    run = _visible_run(request, pk)
    _form, results = _results(request, run)
    verdicts = dict(Verdict.choices)
    headers = [_("Name"), _("Unit"), _("Verdict"), _("Highest title rank"), _("Reasons")]
    rows = (
        (
            result.subject_name,
            result.unit_name,
            str(verdicts.get(result.verdict, result.verdict)),
            result.score,
            "\n".join(
                f"{r['label']}: {r['text']}" if r["label"] else r["text"]
                for r in result.reason_items
            ),
        )  # fmt: skip
        for result in selectors.results_with_reasons(
            results.iterator(chunk_size=2000), labels=selectors.run_reason_labels(run=run)
        )
    )
    return xlsx_response(f"xet-dieu-kien-{run.pk}.xlsx", _("Eligibility"), headers, rows)


@login_required
def judgement_edit(request, pk: int, result_pk: int):
    """Tick the judged criteria of one candidate, with evidence; then re-evaluate them."""
    run = _visible_run(request, pk)
    if not request.user.has_perm("plans.run_eligibility", run.unit):
        raise PermissionDenied
    result = get_object_or_404(run.results.select_related("person", "unit", "household"),
                               pk=result_pk)  # fmt: skip
    criteria = list(run.criteria_set.criteria.filter(kind="judged").order_by("order", "pk"))
    if not criteria:
        raise Http404
    field = SUBJECT_FIELD[run.criteria_set.subject_kind]
    existing = {
        j.criterion_id: j
        for j in Judgement.objects.filter(
            criterion__in=criteria, year=run.year, **{field: result.subject}
        )
    }
    forms = [
        (criterion, JudgementForm(request.POST or None, prefix=f"c{criterion.pk}",
                                  initial=_initial(existing.get(criterion.pk))))
        for criterion in criteria
    ]  # fmt: skip
    if request.method == "POST" and all(form.is_valid() for _c, form in forms):
        try:
            for criterion, form in forms:
                met = form.cleaned_data["met"]
                if met:
                    judgement_record(
                        criterion=criterion, subject=result.subject, year=run.year,
                        met=met == "yes", evidence=form.cleaned_data["evidence"],
                        actor=request.user,
                    )  # fmt: skip
        except DomainError as error:
            messages.error(request, error.message)
        else:
            run_refresh_subject(run=run, result=result)
            messages.success(
                request, _("The judgements were saved and the candidate re-evaluated.")
            )
            return redirect("criteria:run_detail", pk=run.pk)
    context = {"run": run, "result": result, "forms": forms}
    return render(request, "plans/eligibility/judgement.html", context)


def _initial(judgement) -> dict:
    if judgement is None:
        return {}
    return {"met": "yes" if judgement.met else "no", "evidence": judgement.evidence}
