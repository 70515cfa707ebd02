"""Making exemplars known and spreading their way of working: propagation activities on every
channel, events (conferences, congresses, exchanges, visits) and replications by other units."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Unit
from guongsang.plans.models import Milestone, Movement, Plan
from guongsang.propagation.enums import Channel, EventKind, EventStatus, ReplicationStatus


class PropagationActivity(models.Model):
    """One act of propaganda (hoạt động tuyên truyền) on a channel, with its reach."""

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="propagation_activities",
        verbose_name=_("unit"),
    )
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=500)
    outlet = models.CharField(
        _("outlet"), max_length=255, blank=True, help_text=_("Newspaper, station, page or venue.")
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("Readers, listeners or participants.")
    )
    exemplars = models.ManyToManyField(
        Exemplar, blank=True, related_name="propagation_activities", verbose_name=_("exemplars")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("plan"),
    )  # fmt: skip
    movement = models.ForeignKey(
        Movement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("movement"),
    )  # fmt: skip
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[exemplars])

    class Meta:
        verbose_name = _("propagation activity")
        verbose_name_plural = _("propagation activities")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["unit", "date"]), models.Index(fields=["channel", "date"])]

    def __str__(self):
        return self.title


class Event(models.Model):
    """A conference, congress, exchange or visit that honours or presents exemplars."""

    kind = models.CharField(_("kind"), max_length=32, choices=EventKind)
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=500)
    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="events", verbose_name=_("organiser")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=500, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus, default=EventStatus.PLANNED
    )
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    participants = models.TextField(_("participants"), blank=True)
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    participant_units = models.ManyToManyField(
        Unit, blank=True, related_name="events_attended", verbose_name=_("participating units")
    )
    honoured = models.ManyToManyField(
        Exemplar, blank=True, related_name="events_honoured", verbose_name=_("exemplars honoured")
    )
    presenting = models.ManyToManyField(
        Exemplar, blank=True, related_name="events_presenting",
        verbose_name=_("exemplars presenting"),
    )  # fmt: skip
    plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("plan"),
    )  # fmt: skip
    milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
        verbose_name=_("milestone fulfilled"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[participant_units, honoured, presenting])

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start", "-pk"]
        indexes = [models.Index(fields=["is_public", "start"])]

    def __str__(self):
        return self.title


class EventMaterial(models.Model):
    """A document, a link or a photo of an event (agenda, reports, slides, recordings)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(pgettext_lazy("heading", "title"), max_length=255)
    file = models.FileField(_("file"), upload_to="events/%Y/%m/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_public = models.BooleanField(_("shown on the portal"), default=True)

    class Meta:
        verbose_name = _("event material")
        verbose_name_plural = _("event materials")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""), name="event_material_file_or_url"
            )
        ]

    def __str__(self):
        return self.title


class Replication(models.Model):
    """A unit adopting an exemplar's model or way of working (nhân rộng), with its outcome."""

    exemplar = models.ForeignKey(
        Exemplar, on_delete=models.PROTECT, related_name="replications", verbose_name=_("exemplar")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="replications", verbose_name=_("adopting unit")
    )
    start = models.DateField(_("started"))
    status = models.CharField(
        _("status"), max_length=16, choices=ReplicationStatus, default=ReplicationStatus.IN_PROGRESS
    )
    outcome = models.TextField(_("outcome"), blank=True)
    beneficiaries = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    metric_name = models.CharField(_("measured by"), max_length=255, blank=True)
    metric_before = models.DecimalField(
        _("before"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    metric_after = models.DecimalField(
        _("after"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        ordering = ["-start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "unit", "start"], name="replication_once_per_start"
            )
        ]

    def __str__(self):
        return f"{self.exemplar} → {self.unit}"
