"""Which exemplars may be presented to the public: the recognised ones, and discovered
"new factors" (new models, good deeds) still being followed — DOMAIN.md: "new factors may be
propagated earlier". Plans carry no switch for this yet, so it holds for every plan."""

from django.db.models import Q

from guongsang.exemplars.enums import DiscoveryKind, ExemplarStatus, Origin

EARLY_DISCOVERIES = frozenset({DiscoveryKind.NEW_FACTOR, DiscoveryKind.NEW_MODEL,
                               DiscoveryKind.GOOD_DEED})  # fmt: skip
CLOSED_STATUSES = frozenset({ExemplarStatus.WITHDRAWN, ExemplarStatus.NOT_RECOGNISED})
# Recognised at a level and sent up for a higher one: still recognised where it was.
RISING = frozenset({ExemplarStatus.PROPOSED, ExemplarStatus.UNDER_REVIEW})


def may_be_public(exemplar) -> bool:
    if exemplar.status == ExemplarStatus.RECOGNISED:
        return True
    if exemplar.level and exemplar.status in RISING:
        return True
    return (
        exemplar.origin == Origin.DISCOVERED
        and exemplar.discovery_kind in EARLY_DISCOVERIES
        and exemplar.status not in CLOSED_STATUSES
    )


def may_be_public_q(prefix: str = "") -> Q:
    """The same rule as a filter on exemplars (or on rows reaching them through `prefix`)."""
    rising = Q(**{f"{prefix}status__in": list(RISING)}) & ~Q(**{f"{prefix}level": ""})
    return Q(**{f"{prefix}status": ExemplarStatus.RECOGNISED}) | rising | (
        Q(**{f"{prefix}origin": Origin.DISCOVERED,
             f"{prefix}discovery_kind__in": list(EARLY_DISCOVERIES)})
        & ~Q(**{f"{prefix}status__in": list(CLOSED_STATUSES)})
    )  # fmt: skip
