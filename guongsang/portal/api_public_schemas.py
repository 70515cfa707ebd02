"""Schemas of the public API: only what the portal's pages already show."""

import datetime

from django.urls import reverse
from ninja import Field, Schema

from guongsang.portal.sharing import canonical_path, plain_excerpt, short_path
from guongsang.propagation.enums import EventKind, EventStatus, ReplicationStatus
from guongsang.titles.enums import Level, SubjectKind


def _absolute(context, path: str) -> str:
    request = (context or {}).get("request")
    return request.build_absolute_uri(path) if request is not None else path


class SectionOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    url: str
    rss_url: str

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, reverse("portal:section_detail", kwargs={"slug": obj.slug}))

    @staticmethod
    def resolve_rss_url(obj, context) -> str:
        path = reverse("portal_share:section_feed_rss", kwargs={"slug": obj.slug})
        return _absolute(context, path)


class ProfileOut(Schema):
    id: int
    exemplar_id: int
    name: str
    subject_kind: SubjectKind
    headline: str
    unit_name: str
    level: Level | None = Field(None, description="Recognised level; null if none yet")
    fields: list[str]
    year: int
    published_at: datetime.datetime
    url: str
    short_url: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.exemplar.subject_name

    @staticmethod
    def resolve_subject_kind(obj) -> str:
        return obj.exemplar.subject_kind

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.exemplar.unit_name

    @staticmethod
    def resolve_level(obj) -> str | None:
        return obj.exemplar.level or None

    @staticmethod
    def resolve_fields(obj) -> list[str]:
        return [field.name for field in obj.exemplar.fields.all()]

    @staticmethod
    def resolve_year(obj) -> int:
        return obj.exemplar.year

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, canonical_path("profile", obj))

    @staticmethod
    def resolve_short_url(obj, context) -> str:
        return _absolute(context, short_path("profile", obj.pk))


class ProfileDetailOut(ProfileOut):
    public_summary: str
    video_urls: list[str]

    @staticmethod
    def resolve_video_urls(obj) -> list[str]:
        return [line.strip() for line in obj.video_urls.splitlines() if line.strip()]


class StoryOut(Schema):
    id: int
    title: str
    excerpt: str
    section: str | None = Field(None, description="The section's slug")
    section_name: str | None = None
    unit_name: str
    published_at: datetime.datetime
    exemplar_ids: list[int] = Field(description="Exemplars of the story that have a public profile")
    url: str
    short_url: str

    @staticmethod
    def resolve_excerpt(obj) -> str:
        return plain_excerpt(obj.lead or obj.body, 300)

    @staticmethod
    def resolve_section(obj) -> str | None:
        return obj.section.slug if obj.section else None

    @staticmethod
    def resolve_section_name(obj) -> str | None:
        return obj.section.name if obj.section else None

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_exemplar_ids(obj) -> list[int]:
        return [exemplar.pk for exemplar in obj.public_exemplars]

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, canonical_path("story", obj))

    @staticmethod
    def resolve_short_url(obj, context) -> str:
        return _absolute(context, short_path("story", obj.pk))


class StoryDetailOut(StoryOut):
    lead: str
    body_html: str = Field(description="The story's text as sanitised HTML")
    video_url: str

    @staticmethod
    def resolve_body_html(obj) -> str:
        return obj.body


class EventOut(Schema):
    id: int
    kind: EventKind
    title: str
    organiser: str
    start: datetime.datetime
    end: datetime.datetime | None
    location: str
    online_url: str
    status: EventStatus
    url: str
    ics_url: str

    @staticmethod
    def resolve_organiser(obj) -> str:
        return obj.organiser.name

    @staticmethod
    def resolve_url(obj, context) -> str:
        return _absolute(context, canonical_path("event", obj))

    @staticmethod
    def resolve_ics_url(obj, context) -> str:
        return _absolute(context, reverse("portal_share:event_ics", kwargs={"pk": obj.pk}))


class EventDetailOut(EventOut):
    description: str


class ReplicationOut(Schema):
    id: int
    exemplar_id: int
    unit_id: int
    unit_name: str
    start: datetime.date
    status: ReplicationStatus

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class ProfileFilters(Schema):
    q: str | None = Field(None, description="Words of the name or text (accents optional)")
    year: int | None = None
    level: Level | None = None
    field: str | None = Field(None, description="A field's code")
    unit: int | None = Field(None, description="Only exemplars of this unit's subtree")


class StoryFilters(Schema):
    q: str | None = Field(None, description="Words of the title or text (accents optional)")
    section: str | None = Field(None, description="A section's slug")
    unit: int | None = Field(None, description="Only stories of this unit's subtree")
    exemplar: int | None = Field(None, description="Only stories about this exemplar")


class EventFilters(Schema):
    kind: EventKind | None = None
    status: EventStatus | None = None
    start_from: datetime.date | None = Field(None, description="Starting on or after this day")
    start_to: datetime.date | None = Field(None, description="Starting on or before this day")
    unit: int | None = Field(None, description="Only events organised in this unit's subtree")


class ReplicationFilters(Schema):
    exemplar: int | None = None
    unit: int | None = Field(None, description="Only adopting units in this unit's subtree")
    status: ReplicationStatus | None = None
