import pytest

from guongsang.plans.services import plans as services
from tests import factories

PLACES = ("own_child", "sibling", "parent", "outside")


def plan_create(issuer, title=None, **fields):
    return services.plan_create(
        actor=None,
        issuer=issuer,
        title=title or f"Kế hoạch của {issuer.name}",
        start_year=fields.pop("start_year", 2021),
        end_year=fields.pop("end_year", 2025),
        **fields,
    )


@pytest.fixture
def plans(tree):
    """One plan issued by each place of the tree, numbered after the place."""
    return {place: plan_create(tree[place], number=f"1/KH-{place}") for place in PLACES}


def staff_user(unit):
    """A staff member whose person record sits in `unit`."""
    from guongsang.orgs.enums import Role

    user = factories.user_with_role(Role.STAFF, unit)
    person = factories.person_create(unit=unit)
    type(person).objects.filter(pk=person.pk).update(user=user)
    return user
