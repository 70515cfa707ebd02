"""Portal sections (chuyên trang, chuyên mục): the site's structure, kept by editors."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.portal.sharing import slug_of
from guongsang.stories.html import plain_text
from guongsang.stories.models import Section
from guongsang.stories.services.common import require

SECTION_FIELDS = frozenset(
    {"name", "slug", "description", "field", "movement", "position", "is_active"}
)


def _prepare(section: Section) -> None:
    section.name = plain_text(section.name)
    section.description = plain_text(section.description)
    section.slug = slugify(section.slug or "") or slug_of(section.name)
    if section.field_id and section.movement_id:
        raise DomainError(_("Tie a section to a field or to a movement, not both."))
    taken = Section.objects.filter(slug=section.slug).exclude(pk=section.pk)
    if taken.exists():
        raise DomainError(
            _("The address “%(slug)s” is used by another section.") % {"slug": section.slug}
        )


@transaction.atomic
def section_create(*, name: str, actor, **fields) -> Section:
    unknown = set(fields) - SECTION_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    require(actor, "stories.manage_sections")
    section = Section(name=name, **fields)
    _prepare(section)
    return audited_save(section, actor=actor)


@transaction.atomic
def section_update(*, section: Section, actor, **changes) -> Section:
    unknown = set(changes) - SECTION_FIELDS
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    require(actor, "stories.manage_sections")
    section = Section.objects.select_for_update().get(pk=section.pk)
    for name, value in changes.items():
        setattr(section, name, value)
    _prepare(section)
    return audited_save(section, actor=actor)
