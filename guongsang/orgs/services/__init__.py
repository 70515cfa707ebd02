"""Every write to the organisation data. Services are keyword-only, atomic and audited."""

from guongsang.orgs.services.people import (  # noqa: F401
    household_create,
    household_member_add,
    household_member_remove,
    household_update,
    person_create,
    person_move,
    person_update,
)
from guongsang.orgs.services.roles import (  # noqa: F401
    api_token_create,
    api_token_revoke,
    role_assign,
    role_revoke,
    scope_grant_create,
)
from guongsang.orgs.services.units import (  # noqa: F401
    group_create,
    group_update,
    unit_create,
    unit_dissolve,
    unit_merge,
    unit_move,
    unit_rename,
    unit_split,
    unit_update,
)
