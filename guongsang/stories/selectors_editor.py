"""The editors' reads of the portal's content, with the user's scope applied.

Stories, profiles and their comments and reports belong to a unit (a story's unit, a
profile's exemplar's scope unit). Lists and detail pages use the same selector, so a list
never shows what a detail page hides. Public pages never come here: they use selectors.py.
"""

from django.db.models import Prefetch, Q, QuerySet

from guongsang.exemplars.models import Exemplar
from guongsang.orgs import scope
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import search_filter
from guongsang.stories.eligibility import may_be_public_q
from guongsang.stories.enums import CommentStatus, ReportStatus
from guongsang.stories.models import Comment, ErrorReport, ExemplarProfile, Image, Section, Story
from guongsang.stories.rules import EDITOR_ROLES


def _within(queryset: QuerySet, user, *fields: str, roles=scope.READ_ROLES) -> QuerySet:
    """Rows whose unit (reached through any of `fields`, tree paths) is in the user's scope."""
    if scope.is_admin(user):
        return queryset
    paths = scope.scope_paths(user, roles)
    condition = Q(pk__in=[])
    for field in fields:
        condition |= scope.paths_q(paths, field)
    return queryset.filter(condition)


def sections_all() -> QuerySet[Section]:
    return Section.objects.select_related("field", "movement").order_by("position", "name")


def stories_visible_to(
    *,
    user,
    status: str | None = None,
    section: Section | None = None,
    unit: Unit | None = None,
    query: str | None = None,
) -> QuerySet[Story]:
    stories = _within(Story.objects.select_related("section", "unit", "author"), user, "unit__path")
    if status:
        stories = stories.filter(status=status)
    if section is not None:
        stories = stories.filter(section=section)
    if unit is not None:
        stories = stories.filter(unit__path__startswith=unit.path)
    return stories.filter(search_filter(query)).order_by("-pk")


def story_detail(*, user, pk: int) -> Story | None:
    return (
        stories_visible_to(user=user)
        .select_related("reviewed_by")
        .prefetch_related(
            Prefetch("exemplars", queryset=Exemplar.objects.select_related("profile")),
            Prefetch("images", queryset=Image.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def exemplars_for_profiles(
    *, user, query: str | None = None, status: str | None = None
) -> QuerySet[Exemplar]:
    """Exemplars that may be public, in the user's scope, each with its profile if any.

    `status` is a profile status, or "none" for exemplars without a profile yet.
    """
    exemplars = _within(
        Exemplar.objects.filter(may_be_public_q()).select_related("profile", "scope_unit"),
        user,
        "scope_unit__path",
    )
    if status == "none":
        exemplars = exemplars.filter(profile__isnull=True)
    elif status:
        exemplars = exemplars.filter(profile__status=status)
    return exemplars.filter(search_filter(query)).order_by("name_sort", "pk")


def profile_exemplar(*, user, pk: int) -> Exemplar | None:
    """The exemplar (with its profile and the profile's images) if the user may see it."""
    return (
        _within(Exemplar.objects.select_related("profile", "scope_unit"), user, "scope_unit__path")
        .filter(pk=pk)
        .first()
    )


def profiles_visible_to(
    *, user, status: str | None = None, query: str | None = None
) -> QuerySet[ExemplarProfile]:
    profiles = _within(
        ExemplarProfile.objects.select_related("exemplar", "exemplar__scope_unit"),
        user,
        "exemplar__scope_unit__path",
    )
    if status:
        profiles = profiles.filter(status=status)
    return profiles.filter(search_filter(query)).order_by("exemplar__name_sort", "pk")


def exemplar_choices(*, user) -> QuerySet[Exemplar]:
    """Exemplars a story may be about: those that may be public, in the user's read scope."""
    return _within(Exemplar.objects.filter(may_be_public_q()), user, "scope_unit__path").order_by(
        "name_sort", "pk"
    )


_TARGET_PATHS = ("story__unit__path", "profile__exemplar__scope_unit__path")


def comments_to_moderate(*, user, status: str | None = CommentStatus.PENDING) -> QuerySet[Comment]:
    """Comments on stories and profiles in the user's editing scope (oldest pending first)."""
    comments = _within(
        Comment.objects.select_related("story", "profile__exemplar"),
        user,
        *_TARGET_PATHS,
        roles=EDITOR_ROLES,
    )
    if status:
        comments = comments.filter(status=status)
    order = ("created_at", "pk") if status == CommentStatus.PENDING else ("-created_at", "-pk")
    return comments.order_by(*order)


def reports_for(*, user, status: str | None = None) -> QuerySet[ErrorReport]:
    """Error reports about stories and profiles in the user's editing scope.

    `status` "answered" means corrected or dismissed.
    """
    reports = _within(
        ErrorReport.objects.select_related("story", "profile__exemplar", "handled_by"),
        user,
        *_TARGET_PATHS,
        roles=EDITOR_ROLES,
    )
    if status == "answered":
        reports = reports.exclude(status=ReportStatus.NEW)
    elif status:
        reports = reports.filter(status=status)
    return reports.order_by("-created_at", "-pk")
