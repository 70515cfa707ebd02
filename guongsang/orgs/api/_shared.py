"""Scope-aware lookups shared by the organisation endpoints."""

from django.utils.translation import gettext as _

from guongsang.common.api import get_or_400
from guongsang.orgs import selectors
from guongsang.orgs.models import Unit


def unknown_unit() -> str:
    return _("Unknown unit, or outside your scope.")


def visible_unit(request, pk: int | None) -> Unit | None:
    return get_or_400(selectors.units_visible_to(user=request.user), pk, unknown_unit())
