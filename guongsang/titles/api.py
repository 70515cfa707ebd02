"""The API for the title catalogue (read only) and the yearly title records."""

import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from guongsang.common.api import ERRORS, Pagination, changes, get_or_400, get_or_404, require
from guongsang.common.errors import DomainError
from guongsang.orgs import selectors as org_selectors
from guongsang.orgs.api import visible_unit as _visible_unit
from guongsang.titles import selectors, services
from guongsang.titles.enums import AwardNature, Level, SubjectKind, TitleKind
from guongsang.titles.models import Title, TitleRecord

router = Router(tags=["titles"])


class TitleOut(Schema):
    id: int
    code: str
    name: str
    kind: TitleKind
    subject_kind: SubjectKind
    level: Level
    rank: int
    legal_reference: str
    money_multiple: float | None
    requires_vote: bool
    vote_threshold_percent: int | None


class TitleFilters(Schema):
    q: str | None = None
    kind: TitleKind | None = None
    subject_kind: SubjectKind | None = None


@router.get("/titles", response=list[TitleOut])
@paginate(Pagination)
def title_list(request, filters: Query[TitleFilters]):
    titles = selectors.titles_active(kind=filters.kind, subject_kind=filters.subject_kind)
    return titles.filter(org_selectors.search_filter(filters.q))


# Title records ----------------------------------------------------------------------------


class TitleRecordOut(Schema):
    id: int
    title: str = Field(description="The title's code")
    title_name: str
    year: int
    subject_kind: SubjectKind
    subject_name: str
    person_id: int | None
    unit_id: int | None
    household_id: int | None
    scope_unit_id: int
    nature: AwardNature
    decision_number: str
    decision_date: datetime.date | None
    issuer: str
    note: str

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.title.code

    @staticmethod
    def resolve_title_name(obj) -> str:
        return obj.title.name

    @staticmethod
    def resolve_subject_name(obj) -> str:
        return str(obj.subject)


class TitleRecordFilters(Schema):
    q: str | None = Field(None, description="Words of the subject's name")
    year: int | None = None
    title: str | None = Field(None, description="The title's code")
    subject_kind: SubjectKind | None = None
    unit: int | None = Field(None, description="Only records filed under this unit's subtree")


class TitleRecordIn(Schema):
    title: str = Field(description="The title's code")
    year: int = Field(ge=1945, le=2100)
    person_id: int | None = None
    unit_id: int | None = None
    household_id: int | None = None
    nature: AwardNature = AwardNature.REGULAR
    decision_number: str = ""
    decision_date: datetime.date | None = None
    issuer: str = ""
    note: str = ""


class TitleRecordPatch(Schema):
    title: str | None = None
    year: int | None = Field(None, ge=1945, le=2100)
    nature: AwardNature | None = None
    decision_number: str | None = None
    decision_date: datetime.date | None = None
    issuer: str | None = None
    note: str | None = None


def _title(code: str | None) -> Title | None:
    if code is None:
        return None
    title = Title.objects.filter(code=code).first()
    if title is None:
        raise DomainError(_("Unknown title code “%(code)s”.") % {"code": code})
    return title


def _records(request) -> QuerySet[TitleRecord]:
    return selectors.title_records_visible_to(user=request.user)


def _subject(request, payload: TitleRecordIn):
    """The one person, unit or household the record is about, among those the caller sees."""
    given = [
        (pk, queryset)
        for pk, queryset in (
            (payload.person_id, org_selectors.people_visible_to(user=request.user)),
            (payload.unit_id, org_selectors.units_visible_to(user=request.user)),
            (payload.household_id, org_selectors.households_visible_to(user=request.user)),
        )
        if pk is not None
    ]
    if len(given) != 1:
        raise DomainError(_("Give exactly one subject: a person, a unit or a household."))
    pk, queryset = given[0]
    return get_or_400(queryset, pk, _("Unknown subject, or outside your scope."))


@router.get("/title-records", response=list[TitleRecordOut])
@paginate(Pagination)
def title_record_list(request, filters: Query[TitleRecordFilters]):
    return selectors.title_records_visible_to(
        user=request.user,
        query=filters.q,
        year=filters.year,
        title=_title(filters.title),
        subject_kind=filters.subject_kind,
        unit=_visible_unit(request, filters.unit),
    )


@router.post("/title-records", response={201: TitleRecordOut, **ERRORS})
def title_record_create(request, payload: TitleRecordIn):
    require(request, "titles.add_titlerecord")
    subject = _subject(request, payload)
    title = _title(payload.title)
    require(
        request,
        "titles.change_titlerecord",
        TitleRecord(scope_unit=services.scope_unit_for(subject)),
    )
    fields = payload.model_dump(include=set(services.RECORD_FIELDS))
    record = services.title_record_grant(
        subject=subject, title=title, year=payload.year, actor=request.user, **fields
    )
    return Status(201, _records(request).get(pk=record.pk))


@router.get("/title-records/{int:record_id}", response={200: TitleRecordOut, **ERRORS})
def title_record_detail(request, record_id: int):
    return get_or_404(_records(request), record_id)


@router.patch("/title-records/{int:record_id}", response={200: TitleRecordOut, **ERRORS})
def title_record_update(request, record_id: int, payload: TitleRecordPatch):
    record = get_or_404(_records(request), record_id)
    require(request, "titles.change_titlerecord", record)
    fields = {key: value for key, value in changes(payload).items() if value is not None}
    if "decision_date" in changes(payload):
        fields["decision_date"] = payload.decision_date
    if "title" in fields:
        fields["title"] = _title(fields["title"])
    services.title_record_update(record=record, actor=request.user, **fields)
    return _records(request).get(pk=record.pk)
