"""The REST API: one NinjaAPI object; each app keeps its router in <app>/api.py.

Docs are served at /api/docs and the OpenAPI schema at /api/openapi.json.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.security import HttpBearer, SessionAuth

from guongsang.awards.api import router as awards_router
from guongsang.awards.api_proposals import router as proposals_router
from guongsang.common.errors import DomainError
from guongsang.exemplars.api import router as exemplars_router
from guongsang.exemplars.api_dashboard import router as dashboard_router
from guongsang.orgs.api import router as orgs_router
from guongsang.orgs.services.roles import api_token_user
from guongsang.plans.api import router as plans_router
from guongsang.plans.api_criteria import router as criteria_router
from guongsang.portal.api_public import router as public_router
from guongsang.propagation.api import router as propagation_router
from guongsang.reviews.api import router as reviews_router
from guongsang.reviews.api_ballots import router as ballots_router
from guongsang.stories.api import router as stories_router
from guongsang.titles.api import router as titles_router


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gs_…` with a token created on the "API tokens" page."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


class SignedInSession(SessionAuth):
    """The browser session (for the interactive docs), with Django's CSRF check on writes.

    Without a signed-in user there is nothing for CSRF to protect, so the caller gets a 401
    rather than a 403 about a missing CSRF token.
    """

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


api = NinjaAPI(
    title="Gương Sáng API",
    version="1",
    description="Units, emulation groups, people, households and title records, within the "
    "caller's unit scope. Authenticate with `Authorization: Bearer gs_…` (a token from the "
    "“API tokens” page) or a signed-in browser session. Dates are ISO 8601 (yyyy-mm-dd).",
    auth=[TokenAuth(), SignedInSession()],
    urls_namespace="api",
)
api.add_router("/", orgs_router)
api.add_router("/", titles_router)
api.add_router("/", plans_router)
api.add_router("/", criteria_router)
api.add_router("/", exemplars_router)
api.add_router("/", dashboard_router)
api.add_router("/", reviews_router)
api.add_router("/", ballots_router)
api.add_router("/", awards_router)
api.add_router("/", proposals_router)
api.add_router("/", propagation_router)
api.add_router("/", stories_router)
api.add_router("/public/", public_router)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": str(exc.message)}, status=400)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    message = str(exc) or _("You do not have permission to do this.")
    return api.create_response(request, {"detail": message}, status=403)
