import pytest
from django.test import Client

from guongsang.orgs import services
from guongsang.orgs.enums import GroupKind
from tests import factories

UNIT_KEYS = ("parent", "own", "own_child", "sibling", "outside")


def token_client(user, **kwargs) -> Client:
    """A client that authenticates with a fresh API token of `user`."""
    _token, raw = services.api_token_create(user=user, name="tests")
    return Client(headers={"Authorization": f"Bearer {raw}"}, **kwargs)


def session_client(user, **kwargs) -> Client:
    """A client signed in as `user` through the browser session."""
    user.save()  # UserFactory sets the password after saving; the session hash needs it stored
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def world(tree):
    """For every unit of the tree: a person, a household, an emulation group and title records
    of each kind of subject, so that anything leaking out of scope shows in a list."""
    data = {"units": tree, "people": {}, "households": {}, "groups": {}, "records": {}}
    for key in UNIT_KEYS:
        unit = tree[key]
        person = factories.person_create(f"Nguyễn Văn {key}", unit=unit)
        household = factories.household_create(f"Hộ {key}", locality=unit, head=person)
        data["people"][key] = person
        data["households"][key] = household
        data["groups"][key] = services.group_create(
            name=f"Cụm thi đua {key}",
            kind=GroupKind.CLUSTER,
            organiser=unit,
            members=[unit],
            actor=None,
        )
        data["records"][key] = [
            factories.title_record_create(unit, "tap-the-lao-dong-xuat-sac", 2024),
            factories.title_record_create(person, "lao-dong-tien-tien", 2024),
            factories.title_record_create(household, "gia-dinh-van-hoa", 2024),
        ]
    return data
