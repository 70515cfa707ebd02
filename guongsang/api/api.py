"""The REST API: one NinjaAPI object; each app keeps its router in <app>/api.py."""

from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from guongsang.orgs.services.roles import api_token_user


class TokenAuth(HttpBearer):
    """`Authorization: Bearer gs_…` with a token created on the "API tokens" page."""

    def authenticate(self, request, token):
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Gương Sáng API",
    version="1",
    description="Units, emulation groups, people, households and title records, within the "
    "caller's unit scope.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
