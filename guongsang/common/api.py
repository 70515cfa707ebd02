"""Helpers shared by the apps' API routers: pagination, error schema, scope-aware lookups."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from guongsang.common.errors import DomainError

MAX_PAGE_SIZE = 500


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`: at most 500 rows a page."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0)


class Error(Schema):
    detail: str


ERRORS: dict[int, Any] = {400: Error, 403: Error, 404: Error}


def get_or_404(queryset: QuerySet, pk: int):
    """The object if the caller's selector holds it; otherwise it does not exist for them."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def get_or_400(queryset: QuerySet, pk: int | None, message: str):
    """An object named in the request body or a filter: unknown or out of scope is bad input."""
    if pk is None:
        return None
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise DomainError(message)
    return obj


def require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def changes(payload: Schema) -> dict:
    return payload.model_dump(exclude_unset=True)
