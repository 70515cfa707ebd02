"""Editors' pages for exemplars' public profiles: the list, and one page per exemplar with
the profile, the consent section, photos and the publish / withdraw / feature buttons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guongsang.common.errors import DomainError
from guongsang.common.pagination import paginate
from guongsang.stories import forms, services
from guongsang.stories import selectors_editor as selectors
from guongsang.stories.eligibility import may_be_public
from guongsang.stories.enums import ProfileStatus
from guongsang.stories.selectors import needs_consent, public_profiles
from guongsang.stories.views_common import action, public_url, require, visible_exemplar


@login_required
@require_GET
def profile_list(request):
    require(request, "stories.browse")
    form = forms.ProfileFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    exemplars = selectors.exemplars_for_profiles(
        user=request.user, query=filters.get("q"), status=filters.get("status") or None
    )
    context = {"form": form, "page_obj": paginate(request, exemplars)}
    return render(request, "stories/profile/list.html", context)


def _profile_page(request, exemplar, *, profile_form=None, consent_form=None):
    profile = getattr(exemplar, "profile", None)
    can_change = request.user.has_perm("stories.change_exemplarprofile", exemplar)
    if profile_form is None and profile is not None:
        initial = {f: getattr(profile, f) for f in ("headline", "public_summary", "video_urls")}
        profile_form = forms.ProfileForm(initial=initial)
    if consent_form is None and profile is not None:
        initial = {"given": profile.consent_given, "note": profile.consent_note}
        consent_form = forms.ConsentForm(initial=initial)
    public = profile is not None and public_profiles().filter(pk=profile.pk).exists()
    context = {
        "exemplar": exemplar,
        "profile": profile,
        "images": list(profile.images.all()) if profile else [],
        "eligible": may_be_public(exemplar),
        "needs_consent": needs_consent(exemplar.subject_kind),
        "can_change": can_change,
        "profile_form": (profile_form or forms.ProfileForm()) if can_change else None,
        "consent_form": consent_form if can_change else None,
        "published": profile is not None and profile.status == ProfileStatus.PUBLISHED,
        "public_url": public_url("profile", profile.pk) if public else None,
    }
    return render(request, "stories/profile/detail.html", context)


def _back(exemplar) -> str:
    return reverse("stories:profile_detail", args=[exemplar.pk])


@login_required
@require_http_methods(["GET", "POST"])
def profile_detail(request, exemplar_pk):
    """GET shows the page; POST saves the profile (making it, the first time)."""
    exemplar = visible_exemplar(request, exemplar_pk)
    if request.method == "GET":
        require(request, "stories.view_exemplarprofile", exemplar)
        return _profile_page(request, exemplar)
    require(request, "stories.change_exemplarprofile", exemplar)
    form = forms.ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.profile_create_or_update(
                exemplar=exemplar, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The profile is saved."))
            return redirect(_back(exemplar))
    return _profile_page(request, exemplar, profile_form=form)


def _profile_of(request, exemplar_pk):
    exemplar = visible_exemplar(request, exemplar_pk)
    profile = getattr(exemplar, "profile", None)
    require(request, "stories.change_exemplarprofile", exemplar)
    return exemplar, profile


@login_required
@require_POST
def profile_consent(request, exemplar_pk):
    exemplar, profile = _profile_of(request, exemplar_pk)
    if profile is None:
        messages.error(request, _("Save the profile before recording consent."))
        return redirect(_back(exemplar))
    form = forms.ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record(
                profile=profile,
                given=form.cleaned_data["given"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect(_back(exemplar))
    return _profile_page(request, exemplar, consent_form=form)


def _profile_action(request, exemplar_pk, call, success):
    exemplar, profile = _profile_of(request, exemplar_pk)
    if profile is None:
        messages.error(request, _("Save the profile first."))
        return redirect(_back(exemplar))
    return action(request, call=lambda: call(profile), success=success, next_url=_back(exemplar))


@login_required
@require_POST
def profile_publish(request, exemplar_pk):
    return _profile_action(
        request,
        exemplar_pk,
        lambda profile: services.profile_publish(profile=profile, actor=request.user),
        _("The profile is published."),
    )


@login_required
@require_POST
def profile_withdraw(request, exemplar_pk):
    form = forms.WithdrawForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _profile_action(
        request,
        exemplar_pk,
        lambda profile: services.profile_withdraw(
            profile=profile, actor=request.user, reason=reason
        ),
        _("The profile is withdrawn from the portal."),
    )


@login_required
@require_POST
def profile_feature(request, exemplar_pk):
    featured = request.POST.get("featured") == "1"
    return _profile_action(
        request,
        exemplar_pk,
        lambda profile: services.profile_feature(
            profile=profile, featured=featured, actor=request.user
        ),
        _("Featured on the home page.") if featured else _("No longer featured."),
    )
