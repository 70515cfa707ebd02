"""Forms of the event pages: the event, its status, its materials, the list filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs.forms import UnitChoiceField
from guongsang.plans.forms import PlanChoiceField
from guongsang.propagation.enums import EventKind, EventStatus
from guongsang.propagation.forms import YEAR, PickerField, WithPlanMixin

DATETIME_PLACEHOLDER = "dd/mm/yyyy hh:mm"


def datetime_field(label, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=forms.DateTimeInput(
            format="%d/%m/%Y %H:%M", attrs={"placeholder": DATETIME_PLACEHOLDER}
        ),
    )


class MilestoneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.due_date:%d/%m/%Y} ({obj.plan})"


class EventForm(WithPlanMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    organiser = UnitChoiceField(label=_("Organiser"), queryset=None, empty_label=None)
    start = datetime_field(_("Starts"))
    end = datetime_field(_("Ends"), required=False)
    location = forms.CharField(label=_("Place"), max_length=500, required=False)
    online_url = forms.URLField(
        label=_("Online link"), max_length=500, required=False, assume_scheme="https"
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea({"rows": 4})
    )
    is_public = forms.BooleanField(
        label=_("Shown on the portal"), required=False, initial=True,
        help_text=_("The public events calendar and its ICS feed show it."),
    )  # fmt: skip
    participants = forms.CharField(
        label=_("Participants"), required=False, widget=forms.Textarea({"rows": 3}),
        help_text=_("Who attends: delegates, guests, speakers."),
    )  # fmt: skip
    participant_count = forms.IntegerField(
        label=_("Number of participants"), min_value=0, required=False
    )
    plan = PlanChoiceField(label=_("Plan"), queryset=None, required=False)
    milestone = MilestoneChoiceField(
        label=_("Plan milestone it fulfils"), queryset=None, required=False,
        help_text=_("When the event is held, the milestone is marked done."),
    )  # fmt: skip
    participant_units = PickerField(label=_("Participating units"))
    honoured = PickerField(label=_("Exemplars honoured"))
    presenting = PickerField(label=_("Exemplars presenting"))

    picker_fields = ("participant_units", "honoured", "presenting")

    def __init__(self, *args, user, organisers, units, exemplars, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        self.fields["participant_units"].queryset = units
        self.fields["honoured"].queryset = exemplars
        self.fields["presenting"].queryset = exemplars
        self.fields["milestone"].queryset = milestones
        self.set_plans(user)

    def header_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.picker_fields]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event ends before it starts."))
        milestone, plan = data.get("milestone"), data.get("plan")
        if milestone and plan and milestone.plan_id != plan.pk:
            self.add_error("milestone", _("The milestone chosen belongs to another plan."))
        return data


class EventFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", "—"), *EventKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *EventStatus.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)


class EventStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[(EventStatus.HELD, _("Held")), (EventStatus.CANCELLED, _("Cancelled"))],
    )
    reason = forms.CharField(label=_("Note"), required=False, max_length=100)


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=255, required=False,
        help_text=_("Empty: the file's name or the link."),
    )  # fmt: skip
    file = forms.FileField(
        label=_("File"), required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, JPEG or PNG, up to 20 MB."),
    )  # fmt: skip
    url = forms.URLField(
        label=_("…or a link"), max_length=500, required=False, assume_scheme="https"
    )
    is_public = forms.BooleanField(label=_("Shown on the portal"), required=False, initial=True)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Attach a file or give a link (one of the two)."))
        return data
