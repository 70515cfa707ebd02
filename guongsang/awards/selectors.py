"""Every non-trivial read of decisions, funds and proposals, with the user's scope applied."""

import datetime

from django.db.models import Count, Prefetch, QuerySet

from guongsang.awards.enums import ProposalStatus
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


def proposals_visible_to(*, user, status: str | None = None) -> QuerySet[Proposal]:
    """Proposals the user's read scope reaches from either end (sender or receiver)."""
    proposals = Proposal.objects.select_related("from_unit", "to_unit", "title")
    if not scope.is_admin(user):
        paths = scope.scope_paths(user, scope.READ_ROLES)
        proposals = proposals.filter(
            scope.paths_q(paths, "from_unit__path") | scope.paths_q(paths, "to_unit__path")
        )
    if status:
        proposals = proposals.filter(status=status)
    return proposals.annotate(exemplar_count=Count("exemplars")).order_by("-date", "-pk")


def proposals_inbox(*, user, status: str | None = None) -> QuerySet[Proposal]:
    """Proposals sent to units whose synthesising office the user is (never drafts)."""
    proposals = Proposal.objects.exclude(status=ProposalStatus.DRAFT).select_related(
        "from_unit", "to_unit", "title", "round"
    )
    proposals = _within(proposals, user, "to_unit__path", scope.STRUCTURE_WRITE_ROLES)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.annotate(exemplar_count=Count("exemplars")).order_by("-sent_at", "-pk")


def proposal_senders(*, user) -> QuerySet[Unit]:
    """Units on whose behalf the user may draft a proposal (those with a unit above them)."""
    return authorities_for(user=user).filter(depth__gt=1).order_by("depth", "name_sort")


def proposals_sent_by(*, user, status: str | None = None) -> QuerySet[Proposal]:
    """Proposals whose sending unit lies in the user's read scope."""
    return _within(proposals_visible_to(user=user, status=status), user, "from_unit__path")


def proposal_exemplars(*, proposal: Proposal) -> QuerySet:
    return proposal.exemplars.select_related(
        "scope_unit", "person", "unit", "household", "plan"
    ).order_by("name_sort", "pk")


def proposable_upwards(*, from_unit: Unit) -> QuerySet:
    """Exemplars recognised in the unit's subtree that can be sent up."""
    from guongsang.exemplars.enums import ExemplarStatus
    from guongsang.exemplars.models import Exemplar

    return (
        Exemplar.objects.filter(
            status=ExemplarStatus.RECOGNISED, scope_unit__path__startswith=from_unit.path
        )
        .select_related("scope_unit")
        .order_by("name_sort", "pk")
    )


def proposal_targets(*, from_unit: Unit) -> list[Unit]:
    """The active units above the sender, nearest first."""
    paths = [from_unit.path[:end] for end in range(Unit.steplen, len(from_unit.path), Unit.steplen)]
    return list(Unit.objects.filter(path__in=paths, status="active").order_by("-depth"))


def rounds_for_proposal(*, proposal: Proposal, user) -> QuerySet[ReviewRound]:
    """Rounds not yet closed of councils at the receiving unit or above, that the user runs."""
    paths = [
        proposal.to_unit.path[:end]
        for end in range(Unit.steplen, len(proposal.to_unit.path) + 1, Unit.steplen)
    ]
    rounds = ReviewRound.objects.filter(council__unit__path__in=paths).exclude(
        status=RoundStatus.CLOSED
    )
    rounds = _within(rounds, user, "council__unit__path", scope.STRUCTURE_WRITE_ROLES)
    return rounds.select_related("council", "title").order_by("-year", "-pk")


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
