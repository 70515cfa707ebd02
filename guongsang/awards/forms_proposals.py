"""Forms of the proposal pages (tờ trình): they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.awards.forms import RoundChoiceField, TitleChoiceField
from guongsang.orgs.forms import UnitChoiceField, date_field
from guongsang.orgs.models import Unit
from guongsang.titles.models import Title


class ProposalForm(forms.Form):
    """The cover proposal's fields and the exemplars ticked (rendered by the page itself)."""

    to_unit = UnitChoiceField(
        label=_("Send to"),
        queryset=Unit.objects.none(),
        empty_label=None,
        help_text=_("A unit above the sending unit; the nearest one comes first."),
    )
    title = TitleChoiceField(
        label=_("Title or award proposed"), queryset=Title.objects.none(), required=False
    )
    number = forms.CharField(
        label=_("Number"), max_length=64, required=False,
        help_text=_('e.g. "12/TTr-SNV"; needed before sending.'),
    )  # fmt: skip
    date = date_field(_("Date"), required=False)
    summary = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    exemplars = forms.ModelMultipleChoiceField(
        label=_("Recognised exemplars"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one recognised exemplar."),
            "invalid_choice": _(
                "An exemplar ticked is no longer recognised in the sending unit: search again."
            ),
        },
    )

    def __init__(self, *args, targets: list[Unit], exemplars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_unit"].queryset = Unit.objects.filter(
            pk__in=[unit.pk for unit in targets]
        ).order_by("-depth")
        self.fields["title"].queryset = Title.objects.filter(is_active=True).order_by(
            "kind", "-rank", "name_sort"
        )
        self.fields["exemplars"].queryset = exemplars

    def header_fields(self):
        """Every field but the exemplars, which the page shows as a searchable table."""
        return [field for field in self.visible_fields() if field.name != "exemplars"]


class ProposalCreateForm(ProposalForm):
    from_unit = UnitChoiceField(
        label=_("Sending unit"),
        queryset=Unit.objects.none(),
        empty_label=None,
        help_text=_("Changing it lists that unit's recognised exemplars and the units above it."),
    )
    field_order = ["from_unit", "to_unit"]

    def __init__(self, *args, senders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].queryset = senders


class AcceptForm(forms.Form):
    round = RoundChoiceField(
        label=_("Review round of the receiving unit"),
        queryset=None,
        error_messages={
            "required": _("Choose the review round that takes the exemplars."),
            "invalid_choice": _("Choose one of the review rounds listed."),
        },
    )

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for returning the proposal.")},
    )
