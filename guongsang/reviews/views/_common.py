"""What the council and round views share: lookups within the user's reach."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from guongsang.reviews import selectors
from guongsang.reviews.models import Council, ReviewRound


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_council(request, pk: int) -> Council:
    council = selectors.councils_visible_to(user=request.user).filter(pk=pk).first()
    if council is None:
        raise Http404
    return council


def visible_round(request, pk: int) -> ReviewRound:
    """The round if the user manages its council or sits on it; otherwise it does not exist."""
    rounds = selectors.rounds_visible_to(user=request.user, with_counts=False)
    review_round = rounds.filter(pk=pk).first()
    if review_round is None:
        raise Http404
    return review_round
