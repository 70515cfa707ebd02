"""Views of the title catalogue, the yearly title records and the XLSX imports.

Thin: parse with a form, check the rule, call one service (or enqueue one task), turn a
domain error into a form error.
"""

import functools
import os

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from guongsang.common import importing
from guongsang.common.errors import DomainError
from guongsang.common.models import ImportJob
from guongsang.common.pagination import paginate
from guongsang.common.xlsx import XLSX_CONTENT_TYPE, xlsx_response
from guongsang.orgs import scope
from guongsang.titles import exporters, selectors, services, tasks
from guongsang.titles.enums import TitleKind
from guongsang.titles.forms import (
    ImportForm,
    RecordFilterForm,
    TitleForm,
    TitleRecordCreateForm,
    TitleRecordEditForm,
)
from guongsang.titles.importers import IMPORT_KINDS, IMPORTERS
from guongsang.titles.models import Title


def _requires(perm: str):
    """Signed in (else to the sign-in page) and holding `perm` (else 403)."""

    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


# The title catalogue


@login_required
def title_list(request):
    titles = list(Title.objects.order_by("-rank", "name_sort"))
    groups = [
        (label, [title for title in titles if title.kind == kind])
        for kind, label in TitleKind.choices
    ]
    return render(
        request,
        "titles/title/list.html",
        {"groups": groups, "can_change": request.user.has_perm("titles.change_title")},
    )


@login_required
def title_detail(request, pk: int):
    title = get_object_or_404(Title, pk=pk)
    return render(
        request,
        "titles/title/detail.html",
        {"title_obj": title, "can_change": request.user.has_perm("titles.change_title")},
    )


@_requires("titles.change_title")
def title_create(request):
    return _title_form(request, None)


@_requires("titles.change_title")
def title_edit(request, pk: int):
    return _title_form(request, get_object_or_404(Title, pk=pk))


def _title_form(request, title: Title | None):
    form = TitleForm(
        request.POST or None, instance=Title() if title is None else Title.objects.get(pk=title.pk)
    )
    if request.method == "POST" and form.is_valid():
        try:
            if title is None:
                title = services.title_create(actor=request.user, **form.cleaned_data)
            else:
                title = services.title_update(title=title, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The title “%(name)s” was saved.") % {"name": title.name})
            return redirect("titles:title_detail", pk=title.pk)
    return render(request, "titles/title/form.html", {"form": form, "title_obj": title})


# Yearly title records


@_requires("titles.browse")
def record_list(request):
    form = RecordFilterForm(request.GET or None, user=request.user)
    records = selectors.title_records_visible_to(user=request.user, **form.filters())
    context = {
        "form": form,
        "page_obj": paginate(request, records),
        "can_add": request.user.has_perm("titles.add_titlerecord"),
    }
    return render(request, "titles/titlerecord/list.html", context)


@_requires("titles.browse")
def record_export(request):
    form = RecordFilterForm(request.GET or None, user=request.user)
    records = selectors.title_records_visible_to(user=request.user, **form.filters())
    return xlsx_response(
        "danh-hieu-thi-dua.xlsx",
        _("Title records"),
        exporters.title_record_headers(),
        exporters.title_record_rows(records),
    )


def _visible_record(request, pk: int):
    """The record if the user may see it; 404 otherwise (whether or not it exists)."""
    record = get_object_or_404(selectors.title_records_visible_to(user=request.user), pk=pk)
    if not request.user.has_perm("titles.view_titlerecord", record):
        raise Http404
    return record


@login_required
def record_detail(request, pk: int):
    record = _visible_record(request, pk)
    context = {
        "record": record,
        "can_change": request.user.has_perm("titles.change_titlerecord", record),
    }
    return render(request, "titles/titlerecord/detail.html", context)


@_requires("titles.add_titlerecord")
def record_create(request):
    keys = ("subject_kind", "person", "unit", "household")
    initial = {key: request.GET[key] for key in keys if request.GET.get(key)}
    form = TitleRecordCreateForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.title_record_grant(
                subject=data["subject"],
                title=data["title"],
                year=data["year"],
                actor=request.user,
                **form.record_fields(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The title record was saved."))
            return redirect("titles:record_detail", pk=record.pk)
    return render(request, "titles/titlerecord/form.html", {"form": form, "record": None})


@login_required
def record_edit(request, pk: int):
    record = _visible_record(request, pk)
    if not request.user.has_perm("titles.change_titlerecord", record):
        raise PermissionDenied
    form = TitleRecordEditForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        try:
            services.title_record_update(record=record, actor=request.user, **form.changes())
        except DomainError as error:
            form.add_error(None, error.message)
            record.refresh_from_db()
        else:
            messages.success(request, _("The title record was saved."))
            return redirect("titles:record_detail", pk=record.pk)
    return render(request, "titles/titlerecord/form.html", {"form": form, "record": record})


# XLSX imports


@_requires("orgs.import")
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob.objects.create(
            kind=form.cleaned_data["kind"],
            file=upload,
            original_name=os.path.basename(upload.name)[:255],
            total_rows=form.estimated_rows or 0,
            created_by=request.user,
        )
        rows = form.estimated_rows
        if rows is not None and rows <= settings.IMPORT_SYNC_MAX_ROWS:
            tasks.import_run.call(job.pk)  # small files: the answer is ready on the next page
        else:
            transaction.on_commit(functools.partial(tasks.import_run.enqueue, job.pk))
        return redirect("titles:import_status", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user).order_by("-created_at")[:10]
    context = {"form": form, "kinds": IMPORT_KINDS, "jobs": jobs}
    return render(request, "titles/importjob/start.html", context)


@_requires("orgs.import")
def import_template(request, kind: str):
    importer_class = IMPORTERS.get(kind)
    if importer_class is None:
        raise Http404
    response = HttpResponse(
        importing.template_bytes(importer_class), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind}.xlsx"'
    return response


def _job_of(request, pk: int) -> ImportJob:
    """The job, for its uploader or an administrator only (404 for anyone else)."""
    job = get_object_or_404(ImportJob, pk=pk)
    if job.created_by_id != request.user.pk and not scope.is_admin(request.user):
        raise Http404
    return job


_LIST_URLS = {
    "people": "orgs:person_list",
    "households": "orgs:household_list",
    "title_records": "titles:record_list",
}


def _job_context(job: ImportJob) -> dict:
    return {
        "job": job,
        "kind_label": dict(IMPORT_KINDS).get(job.kind, job.kind),
        "list_url": _LIST_URLS.get(job.kind),
    }


@login_required
def import_status(request, pk: int):
    return render(request, "titles/importjob/status.html", _job_context(_job_of(request, pk)))


@login_required
def import_progress(request, pk: int):
    job = _job_of(request, pk)
    return render(request, "titles/importjob/status.html#progress", _job_context(job))
