"""What the stories services share: the permission check, and the refusal to present an
exemplar that may not be public."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from guongsang.common.errors import DomainError
from guongsang.stories.eligibility import may_be_public


def require(actor, perm: str, obj=None) -> None:
    """Services called by people check the rule; `actor=None` is the system (imports, demo)."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied


def check_may_be_public(exemplar) -> None:
    if not may_be_public(exemplar):
        raise DomainError(
            _(
                "“%(name)s” is not a recognised exemplar (nor a discovered new factor or good "
                "deed still being followed): it cannot be presented to the public."
            )
            % {"name": exemplar.subject_name}
        )
