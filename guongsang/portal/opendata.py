"""Open data: the portal's public content as JSON (paginated) and CSV (streamed).

Each dataset is a list of columns, written once and used by the JSON and CSV writers and by
the index page's field descriptions, so the three can never disagree. Only public fields are
here: no contact details, no consent notes, no ids of people.
"""

import csv
import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guongsang.portal import selectors_share
from guongsang.portal.sharing import Links

JSON_PAGE_SIZE = 1000
CSV_CHUNK = 2000
# Cells that a spreadsheet would read as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    description: Promise
    value: Callable[[Any, Links], Any]  # (record, addresses) -> a JSON value


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Promise
    description: Promise
    records: Callable[[], QuerySet]
    columns: tuple[Column, ...]


def _moment(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _id(record, links):
    return record.pk


PROFILES = Dataset(
    slug="guong-dien-hinh",
    title=_("Exemplary models"),
    description=_(
        "Published profiles of exemplary models. A person or a household is listed only with "
        "their consent to publication."
    ),
    records=lambda: selectors_share.profiles_public_data().order_by("pk"),
    columns=(
        Column("id", _("Profile number (the page's address uses it)."), _id),
        Column(
            "exemplar_id",
            _("Exemplar number, as in stories and replications."),
            lambda p, links: p.exemplar_id,
        ),
        Column(
            "name",
            _("Name of the exemplary collective, person or household."),
            lambda p, links: p.exemplar.subject_name,
        ),
        Column(
            "subject_kind",
            _("individual, collective or household."),
            lambda p, links: p.exemplar.subject_kind,
        ),
        Column(
            "unit_name", _("Unit the exemplar belongs to."), lambda p, links: p.exemplar.unit_name
        ),
        Column(
            "level",
            _("Recognised level: unit, sector, province or national (empty if none)."),
            lambda p, links: p.exemplar.level,
        ),
        Column(
            "fields",
            _("Fields of work."),
            lambda p, links: [field.name for field in p.exemplar.fields.all()],
        ),
        Column("year", _("Year of the emulation movement."), lambda p, links: p.exemplar.year),
        Column(
            "url",
            _("Address of the public page."),
            lambda p, links: links.canonical("profile", p),
        ),
        Column(
            "short_url",
            _("Short address (as printed in QR codes)."),
            lambda p, links: links.short("profile", p.pk),
        ),
        Column(
            "published_at",
            _("Date and time of publication (ISO 8601)."),
            lambda p, links: _moment(p.published_at),
        ),
    ),
)

STORIES = Dataset(
    slug="bai-viet",
    title=_("Stories"),
    description=_("Published stories about exemplary models."),
    records=lambda: selectors_share.stories_public_data().order_by("pk"),
    columns=(
        Column("id", _("Story number."), _id),
        Column("title", _("Title."), lambda s, links: s.title),
        Column(
            "section",
            _("Section (empty if none)."),
            lambda s, links: s.section.name if s.section else "",
        ),
        Column("unit_name", _("Unit that published the story."), lambda s, links: s.unit.name),
        Column(
            "published_at",
            _("Date and time of publication (ISO 8601)."),
            lambda s, links: _moment(s.published_at),
        ),
        Column("url", _("Address of the story."), lambda s, links: links.canonical("story", s)),
        Column("short_url", _("Short address."), lambda s, links: links.short("story", s.pk)),
        Column(
            "exemplar_ids",
            _("Exemplars the story is about (those with a public profile)."),
            lambda s, links: [e.pk for e in s.public_exemplars],
        ),
    ),
)

EVENTS = Dataset(
    slug="su-kien",
    title=_("Events"),
    description=_(
        "Public events: honouring conferences, congresses, exchanges, study visits, reviews."
    ),
    records=lambda: selectors_share.events_public_data().order_by("pk"),
    columns=(
        Column("id", _("Event number."), _id),
        Column("kind", _("Kind of event (code)."), lambda e, links: e.kind),
        Column("title", _("Title."), lambda e, links: e.title),
        Column("organiser", _("Organising unit."), lambda e, links: e.organiser.name),
        Column("start", _("Start (ISO 8601, Vietnam time)."), lambda e, links: _moment(e.start)),
        Column("end", _("End (ISO 8601; empty if not given)."), lambda e, links: _moment(e.end)),
        Column("location", _("Place."), lambda e, links: e.location),
        Column("online_url", _("Online link."), lambda e, links: e.online_url),
        Column("status", _("planned, held or cancelled."), lambda e, links: e.status),
        Column(
            "url",
            _("Address of the event page."),
            lambda e, links: links.canonical("event", e),
        ),
    ),
)

REPLICATIONS = Dataset(
    slug="nhan-rong",
    title=_("Replications"),
    description=_("Units that adopted the model of an exemplar with a public profile."),
    records=lambda: selectors_share.public_replications().order_by("pk"),
    columns=(
        Column("id", _("Replication number."), _id),
        Column(
            "exemplar_id",
            _("The exemplar whose model is replicated."),
            lambda r, links: r.exemplar_id,
        ),
        Column("unit_id", _("Adopting unit number."), lambda r, links: r.unit_id),
        Column("unit_name", _("Adopting unit."), lambda r, links: r.unit.name),
        Column("start", _("Start date (ISO 8601)."), lambda r, links: _moment(r.start)),
        Column(
            "status", _("planned, in_progress, sustained or stopped."), lambda r, links: r.status
        ),
    ),
)

DATASETS = {dataset.slug: dataset for dataset in (PROFILES, STORIES, EVENTS, REPLICATIONS)}


def as_row(dataset: Dataset, record, links: Links) -> dict:
    return {column.name: column.value(record, links) for column in dataset.columns}


# CSV -------------------------------------------------------------------------------------


def csv_cell(value) -> str | int:
    """A spreadsheet-safe cell: lists joined, text that looks like a formula made literal."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a stream."""

    def write(self, value):
        return value


def csv_lines(dataset: Dataset, links: Links) -> Iterator[str]:
    """UTF-8 with a byte order mark (so Excel reads Vietnamese), one line at a time: the
    records are read in chunks, never all at once."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([column.name for column in dataset.columns])
    for record in dataset.records().iterator(chunk_size=CSV_CHUNK):
        yield writer.writerow([csv_cell(column.value(record, links)) for column in dataset.columns])
