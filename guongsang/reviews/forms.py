"""Forms of the council and review pages: they parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs import scope
from guongsang.orgs.forms import date_field, people_in_scope, units_in_scope
from guongsang.plans.models import Plan
from guongsang.reviews.enums import MemberRole, Outcome, ThresholdBase
from guongsang.reviews.models import Council
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

_DECIDED = [(o.value, o.label) for o in Outcome if o != Outcome.PENDING]


class CouncilEditForm(forms.Form):
    """A council's name and term; its unit never changes."""

    name = forms.CharField(label=_("Name"), max_length=255)
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)


class CouncilForm(CouncilEditForm):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)
    field_order = ["unit"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)


class MemberEditForm(forms.Form):
    """A seat's role and dates; the person stays (a member leaves by an end date)."""

    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    valid_from = date_field(_("Valid from"))
    valid_to = date_field(_("Valid to"), required=False)


class MemberForm(MemberEditForm):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None)
    valid_from = date_field(_("Valid from"), required=False)
    field_order = ["person"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_in_scope(user)


class RoundForm(forms.Form):
    council = forms.ModelChoiceField(label=_("Council"), queryset=None)
    name = forms.CharField(label=_("Name"), max_length=500)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    title = forms.ModelChoiceField(
        label=_("Title or award considered"),
        queryset=Title.objects.filter(is_active=True).order_by("-rank", "name_sort"),
        required=False,
    )
    meeting_date = date_field(_("Meeting date"), required=False)
    threshold_percent = forms.IntegerField(
        label=_("Pass mark (%)"),
        min_value=1,
        max_value=100,
        required=False,
        help_text=_("Leave empty to use the title's pass mark."),
    )

    def __init__(self, *args, user, plans, **kwargs):
        super().__init__(*args, **kwargs)
        councils = Council.objects.select_related("unit").order_by("-valid_from")
        if not scope.is_admin(user):
            paths = scope.scope_paths(user, scope.STRUCTURE_WRITE_ROLES)
            councils = councils.filter(scope.paths_q(paths, "unit__path"))
        self.fields["council"].queryset = councils
        self.fields["plan"].queryset = plans


class RoundEditForm(forms.Form):
    """What can change in a round before it closes (services.rounds._EDITABLE)."""

    name = forms.CharField(label=_("Name"), max_length=500)
    meeting_date = date_field(_("Meeting date"), required=False)
    quorum_percent = forms.IntegerField(
        label=_("Quorum (% of members present)"), min_value=1, max_value=100
    )
    threshold_percent = forms.IntegerField(label=_("Pass mark (%)"), min_value=1, max_value=100)
    threshold_base = forms.ChoiceField(label=_("Pass mark counted"), choices=ThresholdBase.choices)
    requires_vote = forms.BooleanField(label=_("Secret ballot required"), required=False)
    exclude_conflicted = forms.BooleanField(
        label=_("Members from the candidate's unit do not vote on it"), required=False
    )


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=255)
    weight = forms.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, initial=1)
    max_score = forms.IntegerField(label=_("Highest score"), min_value=1, initial=10)


class CriterionEditForm(CriterionForm):
    order = forms.IntegerField(
        label=_("Position"), min_value=0, max_value=1000, help_text=_("Criteria are listed by it.")
    )


class AddCandidatesForm(forms.Form):
    exemplars = forms.ModelMultipleChoiceField(
        label=_("Proposed exemplars"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, exemplars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exemplars"].queryset = exemplars


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=_DECIDED)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when a candidate fails or is deferred."),
    )


class BulkOutcomeForm(OutcomeForm):
    candidates = forms.ModelMultipleChoiceField(
        label=_("Candidates"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates


class ScoreForm(forms.Form):
    """One field per scoring criterion of the round."""

    def __init__(self, *args, criteria, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in criteria:
            self.fields[f"c{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_score,
                required=False,
                initial=(initial_scores or {}).get(criterion.pk),
                help_text=_("0 to %(max)s, weight %(weight)s")
                % {"max": criterion.max_score, "weight": criterion.weight},
            )

    def values(self) -> dict[int, int]:
        return {
            int(name[1:]): value for name, value in self.cleaned_data.items() if value is not None
        }


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class CandidateFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("All"))] + list(Outcome.choices), required=False
    )
