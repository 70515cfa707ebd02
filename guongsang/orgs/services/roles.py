import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.orgs import scope
from guongsang.orgs.models import ApiToken, RoleAssignment, ScopeGrant, Unit


@transaction.atomic
def role_assign(*, user, role: str, unit: Unit, actor) -> RoleAssignment:
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise DomainError(_("This user already has that role in that unit."))
    assignment = audited_save(RoleAssignment(user=user, role=role, unit=unit), actor=actor)
    scope.forget(user)
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, actor) -> None:
    assignment._history_user = actor
    assignment.delete()
    scope.forget(assignment.user)


@transaction.atomic
def scope_grant_create(*, grantee: Unit, unit: Unit, actor, reason: str = "") -> ScopeGrant:
    if unit.path.startswith(grantee.path):
        raise DomainError(_("The unit is already in the grantee's own subtree."))
    return audited_save(ScopeGrant(grantee=grantee, unit=unit, reason=reason), actor=actor)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token; the raw value is returned once and never stored."""
    raw = "gs_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip() or "API", digest=token_digest(raw), prefix=raw[:8]
    )
    return token, raw


def api_token_revoke(*, token: ApiToken) -> None:
    token.delete()


def api_token_user(raw: str):
    """The active user behind a raw token, or None; records when it was last used."""
    token = ApiToken.objects.select_related("user").filter(digest=token_digest(raw)).first()
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user
