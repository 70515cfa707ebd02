"""Forms of the propagation activity pages; they parse input, the services decide.

Exemplars (and units, on the event form) are chosen in a searchable picker that the page
renders itself (views/_picker.py); the form fields only validate the ticked ids against what
the user may choose.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs.forms import DATE_PLACEHOLDER, UnitChoiceField
from guongsang.plans.enums import QuotaPeriod
from guongsang.plans.forms import PlanChoiceField
from guongsang.plans.models import Movement
from guongsang.plans.selectors import plans_visible_to
from guongsang.propagation.enums import Channel

YEAR = {"min_value": 1900, "max_value": 2200}
DATE_FORMAT = "%d/%m/%Y"


def date_field(label, *, required: bool = True) -> forms.DateField:
    """A date typed dd/mm/yyyy, shown back the same way."""
    attrs = {"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric"}
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(format=DATE_FORMAT, attrs=attrs)
    )


QUARTERS = [("", "—"), (1, "I"), (2, "II"), (3, "III"), (4, "IV")]


class PickerField(forms.ModelMultipleChoiceField):
    """Ticked ids, checked against the queryset; the page draws the checkboxes."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, label, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("Something ticked is outside what you may choose: search again.")},
        )
        super().__init__(queryset=None, label=label, **kwargs)


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.plan})"


class WithPlanMixin:
    """A plan of those the user sees, and a movement of one of them."""

    def set_plans(self, user) -> None:
        plans = plans_visible_to(user=user).order_by("-start_year", "title")
        self.fields["plan"].queryset = plans
        if "movement" in self.fields:
            self.fields["movement"].queryset = (
                Movement.objects.filter(plan__in=plans.values("pk"))
                .select_related("plan")
                .order_by("plan__title", "name")
            )


class ActivityForm(WithPlanMixin, forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=None, empty_label=None)
    date = date_field(_("Date"))
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    title = forms.CharField(label=_("Title or content"), max_length=500)
    outlet = forms.CharField(
        label=_("Outlet"), max_length=255, required=False,
        help_text=_("Newspaper, station, page or venue."),
    )  # fmt: skip
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    reach = forms.IntegerField(
        label=_("Reach"), min_value=0, required=False,
        help_text=_("Readers, listeners or participants (an estimate)."),
    )  # fmt: skip
    plan = PlanChoiceField(label=_("Plan"), queryset=None, required=False)
    movement = MovementChoiceField(label=_("Movement"), queryset=None, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 3}))
    exemplars = PickerField(label=_("Exemplars featured"))

    picker_fields = ("exemplars",)

    def __init__(self, *args, user, units, exemplars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["exemplars"].queryset = exemplars
        self.set_plans(user)

    def header_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.picker_fields]


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", "—"), *Channel.choices]
    )
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), required=False, choices=QUARTERS, coerce=int, empty_value=None
    )


SUMMARY_PERIODS = [
    (QuotaPeriod.YEAR, _("Year")),
    (QuotaPeriod.HALF_YEAR, _("Half-years")),
    (QuotaPeriod.QUARTER, _("Quarters")),
]


class SummaryForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Units under"), queryset=None, required=False,
        help_text=_("Each unit directly under it gets a row."),
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)
    period = forms.ChoiceField(label=_("By"), choices=SUMMARY_PERIODS, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
