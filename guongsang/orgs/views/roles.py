"""Role assignments and scope grants (administrators), and each user's own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.orgs import services
from guongsang.orgs.forms_roles import (
    RoleAssignForm,
    RoleSearchForm,
    ScopeGrantForm,
    TokenCreateForm,
)
from guongsang.orgs.models import ApiToken, RoleAssignment, ScopeGrant


def _require_manage_roles(request) -> None:
    if not request.user.has_perm("orgs.manage_roles"):
        raise PermissionDenied


def _assign(request, form: RoleAssignForm) -> bool:
    data = form.cleaned_data
    try:
        services.role_assign(
            user=data["username"], role=data["role"], unit=data["unit"], actor=request.user
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("The role was assigned."))
    return True


def _grant(request, form: ScopeGrantForm) -> bool:
    data = form.cleaned_data
    try:
        services.scope_grant_create(
            grantee=data["grantee"], unit=data["unit"], reason=data["reason"], actor=request.user
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return False
    messages.success(request, _("The scope grant was added."))
    return True


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request):
    _require_manage_roles(request)
    action = request.POST.get("action") if request.method == "POST" else None
    assign_form = RoleAssignForm(request.POST if action == "assign" else None)
    grant_form = ScopeGrantForm(request.POST if action == "grant" else None)
    if action == "assign" and assign_form.is_valid() and _assign(request, assign_form):
        return redirect("orgs:role_list")
    if action == "grant" and grant_form.is_valid() and _grant(request, grant_form):
        return redirect("orgs:role_list")

    search_form = RoleSearchForm(request.GET)
    search_form.is_valid()
    assignments = RoleAssignment.objects.select_related("user", "unit").order_by(
        "user__username", "role", "unit__name_sort", "pk"
    )
    if query := search_form.cleaned_data.get("q"):
        assignments = assignments.filter(user__username__icontains=query.strip())
    grants = ScopeGrant.objects.select_related("grantee", "unit").order_by(
        "grantee__name_sort", "unit__name_sort"
    )
    context = {
        "search_form": search_form,
        "page_obj": paginate(request, assignments),
        "grants": grants,
        "assign_form": assign_form,
        "grant_form": grant_form,
    }
    return render(request, "orgs/role/list.html", context)


@login_required
@require_POST
def role_revoke(request, pk):
    _require_manage_roles(request)
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "unit"), pk=pk)
    services.role_revoke(assignment=assignment, actor=request.user)
    messages.success(
        request,
        _("The role “%(role)s” of %(user)s in %(unit)s was revoked.")
        % {
            "role": assignment.get_role_display(),
            "user": assignment.user.get_username(),
            "unit": assignment.unit.name,
        },
    )
    return redirect("orgs:role_list")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenCreateForm(request.POST or None)
    raw_token = None
    if form.is_valid():
        _token, raw_token = services.api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = TokenCreateForm()
    context = {
        "tokens": ApiToken.objects.filter(user=request.user).order_by("-created", "-pk"),
        "form": form,
        "raw_token": raw_token,
    }
    return render(request, "orgs/token/list.html", context)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("orgs:token_list")
