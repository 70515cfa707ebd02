"""Recognised exemplars, a parent round and drafts for the proposal page and API tests."""

import datetime
import itertools

from guongsang.awards import services
from guongsang.exemplars.services.lifecycle import exemplar_recognise
from guongsang.reviews import services as review_services
from guongsang.reviews.enums import Outcome
from tests.reviews.conftest import opened_round, person_in, proposed, round_of

TODAY = datetime.date.today()
_councils = itertools.count(1)


def recognised(tree, plan, actor, *names, unit="own_child") -> list:
    """Exemplars of people in `unit`, passed by a council of `own` and recognised there."""
    exemplars = [proposed(person_in(tree[unit], name), plan, actor) for name in names]
    council = review_services.council_create(
        unit=tree["own"], name=f"Hội đồng cơ sở {next(_councils)}", valid_from=TODAY, actor=actor
    )
    review_round = opened_round(council, actor, exemplars)
    for candidate in review_round.candidates.all():
        review_services.candidate_outcome_set(
            candidate=candidate, outcome=Outcome.PASS, actor=actor
        )
    for exemplar in exemplars:
        exemplar.refresh_from_db()
        exemplar_recognise(exemplar=exemplar, level="unit", actor=actor)
        exemplar.refresh_from_db()
    return exemplars


def parent_round(tree, actor, name="Bình xét cấp tỉnh"):
    council = review_services.council_create(
        unit=tree["parent"], name=f"Hội đồng tỉnh {next(_councils)}", valid_from=TODAY, actor=actor
    )
    return round_of(council, actor, level="province", name=name)


def draft(tree, sender, exemplars, **fields):
    fields = {"number": "12/TTr-SNV", "date": TODAY, **fields}
    return services.proposal_create(
        from_unit=tree["own"], to_unit=tree["parent"], exemplars=exemplars, actor=sender, **fields
    )


def sent(tree, sender, exemplars, **fields):
    return services.proposal_send(proposal=draft(tree, sender, exemplars, **fields), actor=sender)
