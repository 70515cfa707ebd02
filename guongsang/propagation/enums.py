from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal or website")
    PRESS = "press", _("Press (newspaper, magazine)")
    RADIO_TV = "radio_tv", _("Radio or television")
    SOCIAL = "social", _("Social network")
    CONFERENCE = "conference", _("Conference or meeting")
    TALK = "talk", _("Propagandist talk (báo cáo viên)")


class EventKind(models.TextChoices):
    HONOURING_CONFERENCE = "honouring_conference", _("Honouring conference (hội nghị tôn vinh)")
    CONGRESS = "congress", _("Exemplar congress (Đại hội điển hình tiên tiến)")
    EXPERIENCE_EXCHANGE = "experience_exchange", _("Experience exchange (giao lưu)")
    STUDY_VISIT = "study_visit", _("Study visit (tham quan học tập)")
    INTERIM_REVIEW = "interim_review", _("Interim review conference (sơ kết)")
    FINAL_REVIEW = "final_review", _("Final review conference (tổng kết)")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ReplicationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    SUSTAINED = "sustained", _("Sustained")
    STOPPED = "stopped", _("Stopped")
