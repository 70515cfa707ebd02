"""Every non-trivial read of decisions, funds and proposals, with the user's scope applied."""

import datetime

from django.db.models import Prefetch, QuerySet

from guongsang.awards.models import Decision, DecisionRecipient, EmulationFund, Proposal
from guongsang.orgs import scope
from guongsang.orgs.models import Unit, UnitName
from guongsang.reviews.enums import RoundStatus
from guongsang.reviews.models import ReviewRound


def _within(queryset: QuerySet, user, field: str, roles=scope.READ_ROLES) -> QuerySet:
    if scope.is_admin(user):
        return queryset
    return queryset.filter(scope.paths_q(scope.scope_paths(user, roles), field))


def decisions_visible_to(
    *, user, status: str | None = None, kind: str | None = None, year: int | None = None
) -> QuerySet[Decision]:
    decisions = _within(
        Decision.objects.select_related("authority", "title", "corrects"), user, "authority__path"
    )
    if status:
        decisions = decisions.filter(status=status)
    if kind:
        decisions = decisions.filter(kind=kind)
    if year:
        decisions = decisions.filter(year=year)
    return decisions.order_by("-date", "-pk")


def decision_detail(*, user, pk: int) -> Decision | None:
    recipients = DecisionRecipient.objects.select_related(
        "person", "unit", "household", "exemplar"
    ).order_by("pk")
    return (
        decisions_visible_to(user=user)
        .select_related("round", "fund", "created_by")
        .prefetch_related(Prefetch("recipients", queryset=recipients), "corrections")
        .filter(pk=pk)
        .first()
    )


def funds_visible_to(*, user, year: int | None = None) -> QuerySet[EmulationFund]:
    from guongsang.awards.money import FUND_SUMS

    funds = _within(EmulationFund.objects.select_related("unit"), user, "unit__path")
    funds = funds.annotate(**FUND_SUMS)
    if year:
        funds = funds.filter(year=year)
    return funds.order_by("-year", "unit__name_sort")


def proposals_visible_to(*, user) -> QuerySet[Proposal]:
    return _within(
        Proposal.objects.select_related("from_unit", "to_unit", "title"), user, "from_unit__path"
    ).order_by("-date", "-pk")


def authorities_for(*, user) -> QuerySet[Unit]:
    """Units on whose behalf the user may issue decisions."""
    units = Unit.objects.filter(status="active")
    return _within(units, user, "path", scope.STRUCTURE_WRITE_ROLES).order_by("name_sort")


def closed_rounds_for(*, decision: Decision) -> QuerySet[ReviewRound]:
    """Closed rounds of councils at or under the decision's authority."""
    return (
        ReviewRound.objects.filter(
            status=RoundStatus.CLOSED, council__unit__path__startswith=decision.authority.path
        )
        .select_related("council")
        .order_by("-year", "-pk")
    )


def unit_name_on(unit: Unit | None, date: datetime.date | None) -> str:
    """The unit's name as it was on the day (its former names keep their last date)."""
    if unit is None:
        return ""
    if date is None:
        return unit.name
    former = UnitName.objects.filter(unit=unit, valid_to__gte=date).order_by("valid_to").first()
    return former.name if former else unit.name


def recipient_choices(*, user, subject_kind: str, query: str | None, limit: int = 30) -> list:
    """People, collectives or households (as the title requires) the user reaches, by name."""
    from guongsang.orgs.models import Household, Person
    from guongsang.orgs.selectors import search_filter

    if subject_kind == "individual":
        found = _within(Person.objects.select_related("unit"), user, "unit__path")
        found = found.filter(unit__isnull=False)
    elif subject_kind == "collective":
        found = _within(Unit.objects.filter(status="active"), user, "path")
    else:
        found = _within(Household.objects.select_related("locality"), user, "locality__path")
    return list(found.filter(search_filter(query)).order_by("name_sort")[:limit])


def recipient_subject(*, user, subject_kind: str, pk: int):
    """One subject named by kind and id, if the user reaches it; otherwise None."""
    from guongsang.orgs.models import Household, Person

    models = {"individual": (Person, "unit__path"), "collective": (Unit, "path"),
              "household": (Household, "locality__path")}  # fmt: skip
    if subject_kind not in models:
        return None
    model, field = models[subject_kind]
    return _within(model.objects.all(), user, field).filter(pk=pk).first()
