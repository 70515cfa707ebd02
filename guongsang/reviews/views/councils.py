"""Councils: the list, setting one up, and its members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.reviews import forms, selectors, services
from guongsang.reviews.views._common import require_perm, visible_council


@login_required
@require_GET
def council_list(request):
    require_perm(request, "reviews.browse")
    councils = selectors.councils_visible_to(user=request.user, query=request.GET.get("q"))
    context = {
        "page_obj": paginate(request, councils),
        "can_add": request.user.has_perm("reviews.add_council"),
        "q": request.GET.get("q", ""),
    }
    return render(request, "reviews/council/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    require_perm(request, "reviews.add_council")
    form = forms.CouncilForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.council_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The council is set up."))
            return redirect("reviews:council_detail", pk=council.pk)
    context = {"form": form, "heading": _("Set up a council")}
    return render(request, "reviews/council/form.html", context)


@login_required
@require_GET
def council_detail(request, pk):
    council = visible_council(request, pk)
    can_change = request.user.has_perm("reviews.change_council", council)
    context = {
        "council": council,
        "members": selectors.members_of(council=council),
        "rounds": selectors.rounds_visible_to(user=request.user, council=council),
        "can_change": can_change,
        "member_form": forms.MemberForm(user=request.user) if can_change else None,
    }
    return render(request, "reviews/council/detail.html", context)


@login_required
@require_POST
def council_member_add(request, pk):
    council = visible_council(request, pk)
    require_perm(request, "reviews.change_council", council)
    form = forms.MemberForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.council_member_add(council=council, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The member is added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("reviews:council_detail", pk=council.pk)


def _fields_of(obj, form_class) -> dict:
    return {name: getattr(obj, name) for name in form_class.base_fields}


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, pk):
    council = visible_council(request, pk)
    require_perm(request, "reviews.change_council", council)
    initial = _fields_of(council, forms.CouncilEditForm)
    form = forms.CouncilEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_update(council=council, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The council is saved."))
            return redirect("reviews:council_detail", pk=council.pk)
    context = {"form": form, "council": council, "heading": _("Change the council")}
    return render(request, "reviews/council/edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def council_member_edit(request, pk, member_pk):
    council = visible_council(request, pk)
    require_perm(request, "reviews.change_council", council)
    member = selectors.members_of(council=council).filter(pk=member_pk).first()
    if member is None:
        raise Http404
    initial = _fields_of(member, forms.MemberEditForm)
    form = forms.MemberEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.council_member_update(member=member, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The member's seat is saved."))
            return redirect("reviews:council_detail", pk=council.pk)
    heading = _("Change the seat of %(name)s") % {"name": member.person.full_name}
    context = {"form": form, "council": council, "member": member, "heading": heading}
    return render(request, "reviews/council/edit.html", context)
