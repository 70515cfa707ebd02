from guongsang.orgs.views.groups import group_create, group_detail, group_edit, group_list  # noqa: F401
from guongsang.orgs.views.households import (  # noqa: F401
    household_create,
    household_detail,
    household_edit,
    household_export,
    household_list,
    household_member_add,
    household_member_remove,
)
from guongsang.orgs.views.people import (  # noqa: F401
    person_create,
    person_detail,
    person_edit,
    person_export,
    person_list,
    person_move,
)
from guongsang.orgs.views.roles import role_list, role_revoke, token_list, token_revoke  # noqa: F401
from guongsang.orgs.views.units import (  # noqa: F401
    unit_children,
    unit_create,
    unit_detail,
    unit_dissolve,
    unit_edit,
    unit_export,
    unit_merge,
    unit_move,
    unit_rename,
    unit_search,
    unit_split,
    unit_tree,
)
