"""Forms of the replication pages: a unit adopting an exemplar's model, the filters, the ranking."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs.forms import UnitChoiceField
from guongsang.plans.models import Field
from guongsang.propagation.enums import ReplicationStatus
from guongsang.propagation.forms import YEAR, date_field


class ReplicationForm(forms.Form):
    unit = UnitChoiceField(label=_("Adopting unit"), queryset=None, empty_label=None)
    start = date_field(_("Started"))
    status = forms.ChoiceField(
        label=_("Status"), choices=ReplicationStatus.choices, initial=ReplicationStatus.IN_PROGRESS
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea({"rows": 4}),
        help_text=_("What changed, in figures where possible; honestly, without exaggeration."),
    )  # fmt: skip
    beneficiaries = forms.IntegerField(label=_("People reached"), min_value=0, required=False)
    metric_name = forms.CharField(
        label=_("Measured by"), max_length=255, required=False,
        help_text=_("e.g. “average income per household (million VND/year)”"),
    )  # fmt: skip
    metric_before = forms.DecimalField(
        label=_("Before"), max_digits=18, decimal_places=2, required=False
    )
    metric_after = forms.DecimalField(
        label=_("After"), max_digits=18, decimal_places=2, required=False
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea({"rows": 3}))
    reason = forms.CharField(
        label=_("Why the change"), max_length=100, required=False,
        help_text=_("Kept in the history with the change."),
    )  # fmt: skip
    exemplar = forms.ModelChoiceField(
        label=_("Exemplar whose model is adopted"),
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Choose the recognised exemplar whose model the unit adopts."),
            "invalid_choice": _("This exemplar cannot be replicated from here: search again."),
        },
    )

    picker_fields = ("exemplar",)

    def __init__(self, *args, units, exemplars, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["exemplar"].queryset = exemplars
        if not editing:
            del self.fields["reason"]

    def header_fields(self):
        return [f for f in self.visible_fields() if f.name not in self.picker_fields]

    def clean(self):
        data = super().clean()
        measured = data.get("metric_before") is not None or data.get("metric_after") is not None
        if measured and not data.get("metric_name"):
            self.add_error("metric_name", _("Say what the figures before and after measure."))
        return data


class ReplicationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *ReplicationStatus.choices]
    )
    year = forms.IntegerField(label=_("Started in"), required=False, **YEAR)


class RankingFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Started in"), required=False, **YEAR)
    field = forms.ModelChoiceField(label=_("Field"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(is_active=True).order_by("name_sort")
