"""Views of plans: plans.py (list, detail, edit), parts.py (stages, milestones, movements,
quotas), planfile.py (upload and download of plan files)."""

from guongsang.plans.views.parts import part_add, part_delete, part_edit  # noqa: F401
from guongsang.plans.views.planfile import plan_export, plan_import  # noqa: F401
from guongsang.plans.views.plans import (  # noqa: F401
    plan_create,
    plan_detail,
    plan_edit,
    plan_issue,
    plan_list,
)
