"""Reads of the portal's content. The public_* functions are the only way public pages reach
content: they return what is published (and due), and never a person without consent."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from guongsang.stories.enums import ProfileStatus, StoryStatus
from guongsang.stories.models import ExemplarProfile, Story
from guongsang.titles.enums import SubjectKind

# A person or a household is published only with consent; a collective needs none.
CONSENTED = Q(consent_given=True) | Q(exemplar__unit__isnull=False)


def public_stories(*, now=None) -> QuerySet[Story]:
    """Published stories whose time has come (a future publish date is a scheduled one)."""
    return Story.objects.filter(
        status=StoryStatus.PUBLISHED, published_at__lte=now or timezone.now()
    )


def public_profiles(*, now=None) -> QuerySet[ExemplarProfile]:
    return ExemplarProfile.objects.filter(
        CONSENTED, status=ProfileStatus.PUBLISHED, published_at__lte=now or timezone.now()
    )


def needs_consent(subject_kind: str) -> bool:
    return subject_kind in (SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD)
