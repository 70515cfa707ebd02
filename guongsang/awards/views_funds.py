"""The emulation fund pages: opening a fund, its state and entries, adding an entry."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guongsang.awards import forms_funds, selectors, services
from guongsang.awards.money import fund_state
from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate


def _fund(request, pk):
    """The fund if the user's read scope reaches its unit; otherwise it does not exist."""
    fund = selectors.funds_visible_to(user=request.user).filter(pk=pk).first()
    if fund is None:
        raise Http404
    return fund


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request):
    if not request.user.has_perm("awards.add_emulationfund"):
        raise PermissionDenied
    form = forms_funds.FundCreateForm(request.POST or None, user=request.user)
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied  # no unit on whose behalf the user keeps a fund
    if request.method == "POST" and form.is_valid():
        try:
            fund = services.fund_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The emulation fund is opened."))
            return redirect("awards:fund_detail", pk=fund.pk)
    return render(request, "awards/fund/form.html", {"form": form})


def _detail(request, fund, entry_form=None):
    can_change = request.user.has_perm("awards.change_emulationfund", fund)
    if can_change and entry_form is None:
        entry_form = forms_funds.FundEntryForm(fund=fund)
    entries = fund.entries.select_related("decision").order_by("-date", "-pk")
    context = {
        "fund": fund,
        "state": fund_state(fund),
        "page_obj": paginate(request, entries),
        "can_change": can_change,
        "entry_form": entry_form if can_change else None,
    }
    return render(request, "awards/fund/detail.html", context)


@login_required
@require_GET
def fund_detail(request, pk):
    return _detail(request, _fund(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def fund_entry_add(request, pk):
    fund = _fund(request, pk)
    if request.method == "GET":  # e.g. a page link of the re-rendered form
        query = f"?{request.GET.urlencode()}" if request.GET else ""
        return redirect(reverse("awards:fund_detail", args=[fund.pk]) + query)
    if not request.user.has_perm("awards.change_emulationfund", fund):
        raise PermissionDenied
    form = forms_funds.FundEntryForm(request.POST, fund=fund)
    if form.is_valid():
        try:
            services.fund_entry_add(fund=fund, actor=request.user, **form.entry_fields())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry is recorded."))
            return redirect("awards:fund_detail", pk=fund.pk)
    return _detail(request, fund, entry_form=form)
