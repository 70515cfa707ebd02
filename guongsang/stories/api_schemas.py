"""Schemas of the editorial API (the endpoints are in api.py)."""

import datetime
from typing import Literal

from ninja import Field, Schema

from guongsang.stories.enums import CommentStatus, ProfileStatus, ReportStatus, StoryStatus


class StoryFilters(Schema):
    q: str | None = Field(None, description="Title, lead or body, with or without diacritics")
    status: StoryStatus | None = None
    section: int | None = None
    unit: int | None = Field(None, description="Only this unit's subtree")


class ImageOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    width: int
    height: int
    alt: str
    caption: str
    position: int

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.image.url

    @staticmethod
    def resolve_thumbnail_url(obj) -> str:
        return obj.thumbnail.url


class StoryOut(Schema):
    id: int
    title: str
    slug: str
    lead: str
    status: StoryStatus
    section_id: int | None
    unit_id: int
    unit_name: str
    author_id: int
    publish_at: datetime.datetime | None
    published_at: datetime.datetime | None
    video_url: str
    view_count: int

    @staticmethod
    def resolve_unit_name(obj) -> str:
        return obj.unit.name


class StoryDetailOut(StoryOut):
    body: str = Field(description="Sanitised HTML")
    reviewed_by_id: int | None
    exemplar_ids: list[int]
    images: list[ImageOut]

    @staticmethod
    def resolve_exemplar_ids(obj) -> list[int]:
        return [e.pk for e in obj.exemplars.all()]

    @staticmethod
    def resolve_images(obj) -> list:
        return list(obj.images.all())


class StoryIn(Schema):
    unit_id: int
    title: str
    lead: str = ""
    body: str = Field("", description="HTML; only the formatting tags listed in the docs are kept")
    section_id: int | None = None
    exemplar_ids: list[int] = []
    publish_at: datetime.datetime | None = None
    video_url: str = ""


class StoryPatch(Schema):
    unit_id: int | None = None
    title: str | None = None
    lead: str | None = None
    body: str | None = None
    section_id: int | None = None
    exemplar_ids: list[int] | None = None
    publish_at: datetime.datetime | None = None
    video_url: str | None = None


class ReasonIn(Schema):
    reason: str


class OptionalReasonIn(Schema):
    reason: str = ""


class ScheduleIn(Schema):
    publish_at: datetime.datetime | None = Field(None, description="Empty: on approval")


class ProfileFilters(Schema):
    q: str | None = None
    status: ProfileStatus | None = None


class ProfileOut(Schema):
    id: int
    exemplar_id: int
    exemplar_name: str
    subject_kind: str
    status: ProfileStatus
    headline: str
    public_summary: str
    video_urls: list[str]
    consent_needed: bool
    consent_given: bool
    consent_note: str
    consent_recorded_by_id: int | None
    consent_recorded_at: datetime.datetime | None
    is_featured: bool
    published_at: datetime.datetime | None
    view_count: int

    @staticmethod
    def resolve_exemplar_name(obj) -> str:
        return obj.exemplar.subject_name

    @staticmethod
    def resolve_subject_kind(obj) -> str:
        return obj.exemplar.subject_kind

    @staticmethod
    def resolve_video_urls(obj) -> list[str]:
        return [line for line in obj.video_urls.splitlines() if line.strip()]

    @staticmethod
    def resolve_consent_needed(obj) -> bool:
        from guongsang.stories.selectors import needs_consent

        return needs_consent(obj.exemplar.subject_kind)


class ProfileDetailOut(ProfileOut):
    images: list[ImageOut]

    @staticmethod
    def resolve_images(obj) -> list:
        return list(obj.images.all())


class ProfileIn(Schema):
    exemplar_id: int
    headline: str = ""
    public_summary: str = ""
    video_urls: list[str] = []


class ProfilePatch(Schema):
    headline: str | None = None
    public_summary: str | None = None
    video_urls: list[str] | None = None


class ConsentIn(Schema):
    given: bool
    note: str = Field("", description="How consent was given; required when given")


class FeatureIn(Schema):
    featured: bool


class CommentFilters(Schema):
    status: CommentStatus | None = CommentStatus.PENDING


class CommentOut(Schema):
    id: int
    story_id: int | None
    profile_id: int | None
    author_name: str
    contact: str
    text: str
    status: CommentStatus
    created_at: datetime.datetime
    moderated_by_id: int | None
    moderated_at: datetime.datetime | None


class ReportFilters(Schema):
    status: ReportStatus | None = None


class ReportOut(Schema):
    id: int
    story_id: int | None
    profile_id: int | None
    name: str
    contact: str
    text: str
    status: ReportStatus
    answer: str
    created_at: datetime.datetime
    handled_by_id: int | None
    handled_at: datetime.datetime | None


class ReportAnswerIn(Schema):
    status: Literal["corrected", "dismissed"]
    answer: str


class SectionOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    field_id: int | None
    movement_id: int | None
    position: int
    is_active: bool
