"""Exemplars' public profiles: what is published about them, and the consent that allows it.

A person or a household is published only once their consent to publish personal data is
recorded (who recorded it, when, how it was given); withdrawing consent takes the profile and
the stories about them off the portal.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.common.text import fold
from guongsang.exemplars.models import Exemplar
from guongsang.stories.enums import ProfileStatus
from guongsang.stories.html import plain_text
from guongsang.stories.models import ExemplarProfile
from guongsang.stories.selectors import needs_consent
from guongsang.stories.services.common import check_may_be_public, require
from guongsang.stories.services.stories import story_consent_withdrawn

PROFILE_FIELDS = frozenset({"headline", "public_summary", "video_urls"})
_VIDEO_URL = URLValidator(schemes=["http", "https"])
MAX_VIDEO_LINKS = 10


def _video_urls(value: str) -> str:
    lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
    if len(lines) > MAX_VIDEO_LINKS:
        raise DomainError(_("At most %(max)s video links.") % {"max": MAX_VIDEO_LINKS})
    for line in lines:
        try:
            _VIDEO_URL(line)
        except ValidationError:
            raise DomainError(
                _("“%(link)s” is not a web address (http:// or https://).") % {"link": line}
            ) from None
    return "\n".join(lines)


def _lock(profile: ExemplarProfile) -> ExemplarProfile:
    return ExemplarProfile.objects.select_for_update().select_related("exemplar").get(pk=profile.pk)


def _prepare(profile: ExemplarProfile) -> None:
    exemplar = profile.exemplar
    profile.headline = plain_text(profile.headline)
    profile.public_summary = plain_text(profile.public_summary)
    profile.video_urls = _video_urls(profile.video_urls)
    parts = (exemplar.subject_name, exemplar.unit_name, profile.headline, profile.public_summary)
    profile.search_text = fold(" ".join(p for p in parts if p))


@transaction.atomic
def profile_create_or_update(*, exemplar: Exemplar, actor, **fields) -> ExemplarProfile:
    """The exemplar's profile with these fields, made as a draft if it has none yet."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    require(actor, "stories.change_exemplarprofile", exemplar)
    check_may_be_public(exemplar)
    profile = ExemplarProfile.objects.select_for_update().filter(exemplar=exemplar).first()
    created = profile is None
    if created:
        profile = ExemplarProfile(exemplar=exemplar, status=ProfileStatus.DRAFT)
    for name, value in fields.items():
        setattr(profile, name, value if value is not None else "")
    _prepare(profile)
    return audited_save(profile, actor=actor, reason=_("Profile created") if created else "")


@transaction.atomic
def consent_record(*, profile: ExemplarProfile, given: bool, note: str, actor) -> ExemplarProfile:
    """Record whether the person (or household) agreed to be published, how, by whom, when.

    A withdrawal takes their published profile and stories off the portal.
    """
    require(actor, "stories.change_exemplarprofile", profile)
    profile = _lock(profile)
    note = plain_text(note)
    if given and not note:
        raise DomainError(
            _("Say how consent was given (e.g. “signed form of 12/03/2025, kept by the unit”).")
        )
    profile.consent_given = bool(given)
    profile.consent_note = note
    profile.consent_recorded_by = actor
    profile.consent_recorded_at = timezone.now()
    reason = _("Consent recorded") if given else _("Consent withdrawn")
    withdrawn = not given and needs_consent(profile.exemplar.subject_kind)
    if withdrawn and profile.status == ProfileStatus.PUBLISHED:
        profile.status = ProfileStatus.WITHDRAWN
        profile.is_featured = False
    audited_save(profile, actor=actor, reason=f"{reason}: {note}" if note else reason)
    if withdrawn:
        story_consent_withdrawn(exemplar=profile.exemplar, actor=actor, reason=reason)
    return profile


@transaction.atomic
def profile_publish(*, profile: ExemplarProfile, actor) -> ExemplarProfile:
    require(actor, "stories.change_exemplarprofile", profile)
    profile = _lock(profile)
    if profile.status == ProfileStatus.PUBLISHED:
        raise DomainError(_("The profile is already published."))
    exemplar = profile.exemplar
    check_may_be_public(exemplar)
    if needs_consent(exemplar.subject_kind) and not profile.consent_given:
        raise DomainError(
            _(
                "“%(name)s” cannot be published: no consent to publish personal data is "
                "recorded. Record it in the consent section first."
            )
            % {"name": exemplar.subject_name}
        )
    if not (profile.headline or profile.public_summary):
        raise DomainError(_("Write the headline or the public summary before publishing."))
    profile.status = ProfileStatus.PUBLISHED
    profile.published_at = timezone.now()
    return audited_save(profile, actor=actor, reason=_("Published"))


@transaction.atomic
def profile_withdraw(*, profile: ExemplarProfile, actor, reason: str = "") -> ExemplarProfile:
    require(actor, "stories.change_exemplarprofile", profile)
    profile = _lock(profile)
    if profile.status != ProfileStatus.PUBLISHED:
        raise DomainError(_("Only a published profile can be withdrawn."))
    profile.status = ProfileStatus.WITHDRAWN
    profile.is_featured = False
    return audited_save(profile, actor=actor, reason=plain_text(reason) or _("Withdrawn"))


@transaction.atomic
def profile_feature(*, profile: ExemplarProfile, featured: bool, actor) -> ExemplarProfile:
    """Show (or stop showing) a published profile among the featured on the portal's home."""
    require(actor, "stories.change_exemplarprofile", profile)
    profile = _lock(profile)
    if featured and profile.status != ProfileStatus.PUBLISHED:
        raise DomainError(_("Only a published profile can be featured."))
    profile.is_featured = bool(featured)
    reason = _("Featured on the home page") if featured else _("No longer featured")
    return audited_save(profile, actor=actor, reason=reason)
