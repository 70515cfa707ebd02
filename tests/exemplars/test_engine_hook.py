"""The eligibility engine's leader rule learns from the exemplars which units are recognised."""

from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.selectors import recognised_collective_ids
from tests.exemplars.conftest import exemplar_register


def test_recognised_collectives_provider_registered_and_answers(tree, plan, officer):
    from guongsang.plans.engine import hooks

    recognised = exemplar_register(tree["own"], plan, officer, year=2023)
    exemplar_register(tree["own_child"], plan, officer, year=2023)  # still only registered
    # "recognised" comes with the review issue; set it directly to test the provider alone.
    Exemplar.objects.filter(pk=recognised.pk).update(status="recognised")
    assert recognised_collective_ids(2024) == {tree["own"].pk}
    assert recognised_collective_ids(2022) == set()
    assert recognised_collective_ids in hooks._providers
    assert tree["own"].pk in hooks.recognised_collectives(2024)
