from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.awards.enums import DecisionKind
from guongsang.awards.selectors import authorities_for
from guongsang.orgs.forms import UnitChoiceField, date_field
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

NEW_KINDS = [
    (k.value, k.label)
    for k in DecisionKind
    if k != DecisionKind.CORRECTION  # a correction starts from the decision it corrects
]


class TitleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_subject_kind_display()})"


class DecisionEditForm(forms.Form):
    title = TitleChoiceField(label=_("Title or award"), queryset=Title.objects.none())
    level = forms.ChoiceField(
        label=_("Level"), choices=[("", _("As the title"))] + Level.choices, required=False
    )
    year = forms.IntegerField(label=_("Year of the achievement"), min_value=1945, max_value=2100)
    number = forms.CharField(label=_("Number"), max_length=64, required=False,
                             help_text=_('e.g. "125/QĐ-UBND"'))  # fmt: skip
    date = date_field(_("Date"), required=False)
    signer_name = forms.CharField(label=_("Signed by"), max_length=255, required=False)
    signer_title = forms.CharField(
        label=_("Signer's title"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_('One line, or two for "KT. GIÁM ĐỐC" then "PHÓ GIÁM ĐỐC".'),
    )
    summary = forms.CharField(
        label=_("Grounds and content (the reason, for ad-hoc and thematic commendations)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].queryset = Title.objects.filter(is_active=True).order_by(
            "kind", "-rank", "name_sort"
        )


class DecisionCreateForm(DecisionEditForm):
    authority = UnitChoiceField(label=_("Issuing authority"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=NEW_KINDS)
    field_order = ["authority", "kind"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities_for(user=user)


class RoundChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.council.name} ({obj.year})"


class FromRoundForm(forms.Form):
    round = RoundChoiceField(label=_("Closed review round"), queryset=None)

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("What is corrected, and why"), widget=forms.Textarea)
