"""Who may write, publish and moderate the portal's content, as `rules` predicates.

A story belongs to its unit; a profile to its exemplar's scope unit; a comment or error report
to the story or profile it is about. Editors write, review, publish and moderate within their
scope; administrators everywhere. Officers and synthesising offices read in their scope (they
follow what is published about their exemplars) but do not publish.
"""

import rules

from guongsang.orgs import scope
from guongsang.orgs.enums import Role
from guongsang.orgs.rules import has_read_role, is_admin

EDITOR_ROLES = frozenset({Role.EDITOR, Role.ADMIN})


def unit_of(obj):
    from guongsang.exemplars.models import Exemplar
    from guongsang.orgs.models import Unit
    from guongsang.stories.models import Comment, ErrorReport, ExemplarProfile, Image, Story

    if isinstance(obj, Comment | ErrorReport | Image):
        obj = obj.story or obj.profile
    if isinstance(obj, ExemplarProfile):
        obj = obj.exemplar
    if isinstance(obj, Exemplar):
        return obj.scope_unit
    if isinstance(obj, Story):
        return obj.unit
    if isinstance(obj, Unit):
        return obj
    return None


def _reaches(user, obj, roles) -> bool:
    unit = unit_of(obj)
    return unit is not None and scope.path_in_scope(unit.path, scope.scope_paths(user, roles))


@rules.predicate
def has_editor_role(user):
    return bool(scope.roles_of(user) & EDITOR_ROLES)


@rules.predicate
def edits(user, obj):
    return _reaches(user, obj, EDITOR_ROLES)


@rules.predicate
def reads(user, obj):
    return _reaches(user, obj, scope.READ_ROLES)


can_edit = is_admin | edits

rules.add_perm("stories.browse", is_admin | has_read_role)
rules.add_perm("stories.add_story", is_admin | has_editor_role)
rules.add_perm("stories.add_story_for", can_edit)  # obj: the unit
rules.add_perm("stories.view_story", can_edit | reads)
rules.add_perm("stories.change_story", can_edit)
rules.add_perm("stories.publish_story", can_edit)
rules.add_perm("stories.view_exemplarprofile", can_edit | reads)
rules.add_perm("stories.change_exemplarprofile", can_edit)  # obj: the profile or exemplar
rules.add_perm("stories.moderate", can_edit)  # obj: a comment, report, story or profile
rules.add_perm("stories.moderate_any", is_admin | has_editor_role)
# Sections are the whole portal's structure: any editor (or an administrator) keeps them.
rules.add_perm("stories.manage_sections", is_admin | has_editor_role)
