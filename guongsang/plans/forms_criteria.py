"""Forms of the criteria pages: set header, one criterion (per-kind params), runs, cases."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs import scope
from guongsang.orgs.models import Unit
from guongsang.orgs.selectors import units_visible_to
from guongsang.plans.criteria_params import CASE_KINDS, METRICS, OPERATORS, validate_params
from guongsang.plans.enums import CaseKind, CriterionKind, Verdict
from guongsang.plans.models import ComplianceCase, CriteriaSet
from guongsang.plans.rules_criteria import RUN_ROLES
from guongsang.titles.forms import SubjectPickerForm, date_field
from guongsang.titles.models import Title

COMPOSITION_ROWS = 3
# Which fields of CriterionForm each kind shows.
KIND_FIELDS = {
    "judged": [],
    "title_streak": ["titles", "years", "from_year", "to_year"],
    "rating_streak": ["ratings", "years", "from_year", "to_year"],
    "title_preferred": ["titles", "years", "from_year", "to_year"],
    "leader_rule": ["collective_set"],
    "metric_rule": ["metric", "best_in_locality", "op", "value"],
    "composition": ["year_offset"]
    + [f"{name}_{i}" for i in range(COMPOSITION_ROWS) for name in ("titles", "share", "count")],
    "freeze": ["case_kinds"],
    "all_of": [],
    "any_of": [],
}


class CriteriaSetForm(forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = ["name", "description", "subject_kind", "scope", "field", "owner", "title",
                  "code", "legal_reference"]  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = units_visible_to(user=user).order_by("path")
        self.fields["title"].queryset = Title.objects.filter(is_active=True).order_by("-rank")
        if self.instance.pk:
            self.fields["subject_kind"].disabled = True


class TitleCodesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class CriterionForm(forms.Form):
    """One criterion; only the fields of its kind are shown (see KIND_FIELDS)."""

    label = forms.CharField(label=_("Wording"), max_length=500)
    legal_reference = forms.CharField(label=_("Legal reference"), max_length=255, required=False)
    titles = TitleCodesField(label=_("Titles (any of them)"), required=False)
    ratings = TitleCodesField(label=_("Ratings (any of them)"), required=False)
    years = forms.IntegerField(
        label=_("Years up to the evaluation year"), min_value=1, max_value=20, required=False
    )
    from_year = forms.IntegerField(label=_("or from year"), required=False)
    to_year = forms.IntegerField(label=_("to year"), required=False)
    collective_set = forms.ChoiceField(label=_("Criteria set of the collective"), required=False)
    metric = forms.ChoiceField(label=_("Figure"), choices=[], required=False)
    best_in_locality = forms.BooleanField(label=_("The best in its locality"), required=False)
    op = forms.ChoiceField(
        label=_("Comparison"), choices=[("", "—")] + [(o, o) for o in OPERATORS], required=False
    )
    value = forms.DecimalField(label=_("Value"), required=False)
    year_offset = forms.IntegerField(
        label=_("Year (0 = evaluation year, -1 = the year before)"),
        min_value=-10, max_value=0, initial=0, required=False,
    )  # fmt: skip
    case_kinds = forms.MultipleChoiceField(
        label=_("Open cases that freeze"),
        choices=CaseKind.choices,
        initial=list(CASE_KINDS),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, kind: str, subject_kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        titles = Title.objects.filter(subject_kind=subject_kind).order_by("-rank", "name_sort")
        title_choices = [(t.code, t.name) for t in titles if t.kind != "rating"]
        rating_choices = [(t.code, t.name) for t in titles if t.kind == "rating"]
        members = Title.objects.filter(subject_kind="individual").order_by("-rank")
        self.fields["titles"].choices = title_choices
        self.fields["ratings"].choices = rating_choices
        self.fields["metric"].choices = [(m, _("Household annual income")) for m in METRICS]
        sets = CriteriaSet.objects.filter(subject_kind="collective").exclude(code="")
        self.fields["collective_set"].choices = [("", "—")] + [(s.code, s.name) for s in sets]
        for i in range(COMPOSITION_ROWS):
            self.fields[f"titles_{i}"] = TitleCodesField(
                label=_("Members holding (rule %(n)s)") % {"n": i + 1},
                choices=[(t.code, t.name) for t in members],
                required=False,
            )
            self.fields[f"share_{i}"] = forms.IntegerField(
                label=_("at least % of members"), min_value=1, max_value=100, required=False
            )
            self.fields[f"count_{i}"] = forms.IntegerField(
                label=_("or at least this many"), min_value=1, required=False
            )
        shown = {"label", "legal_reference", *KIND_FIELDS[kind]}
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]

    @classmethod
    def initial_from(cls, item: dict) -> dict:
        params = item.get("params") or {}
        initial = {"label": item.get("label", ""), "legal_reference": item.get("legal_reference")}
        initial.update({k: params[k] for k in ("titles", "ratings", "years", "from_year",
                        "to_year", "collective_set", "metric", "op", "value", "year_offset")
                        if k in params})  # fmt: skip
        initial["best_in_locality"] = "best_in" in params
        if "kinds" in params:
            initial["case_kinds"] = params["kinds"]
        for i, rule in enumerate(params.get("rules", [])[:COMPOSITION_ROWS]):
            initial[f"titles_{i}"] = rule.get("titles")
            if rule.get("min_share") is not None:
                initial[f"share_{i}"] = round(rule["min_share"] * 100)
            initial[f"count_{i}"] = rule.get("min_count")
        return initial

    def clean(self):
        data = super().clean()
        if not self.errors:
            for problem in validate_params(self.kind, self.params()):
                self.add_error(None, problem)
        return data

    def params(self) -> dict:
        data, kind = self.cleaned_data, self.kind
        params: dict = {}
        if kind in ("title_streak", "title_preferred") and data.get("titles"):
            params["titles"] = data["titles"]
        if kind == "title_streak" and "titles" not in params:
            params["titles"] = []
        if kind == "rating_streak":
            params["ratings"] = data.get("ratings") or []
        if kind in ("title_streak", "rating_streak", "title_preferred"):
            if data.get("years"):
                params["years"] = data["years"]
            elif data.get("from_year") is not None or data.get("to_year") is not None:
                params["from_year"], params["to_year"] = data.get("from_year"), data.get("to_year")
        if kind == "leader_rule" and data.get("collective_set"):
            params["collective_set"] = data["collective_set"]
        if kind == "metric_rule":
            params["metric"] = data.get("metric")
            if data.get("best_in_locality"):
                params["best_in"] = "locality"
            else:
                value = data.get("value")
                params["op"] = data.get("op")
                params["value"] = (
                    None if value is None else (int(value) if value == int(value) else float(value))
                )
        if kind == "composition":
            params["year_offset"] = data.get("year_offset") or 0
            params["rules"] = [
                {"titles": data[f"titles_{i}"],
                 **({"min_share": data[f"share_{i}"] / 100} if data.get(f"share_{i}") else {}),
                 **({"min_count": data[f"count_{i}"]} if data.get(f"count_{i}") else {})}
                for i in range(COMPOSITION_ROWS)
                if data.get(f"titles_{i}")
            ]  # fmt: skip
        if kind == "freeze":
            params["kinds"] = data.get("case_kinds") or list(CASE_KINDS)
        return params

    def item(self, children=None) -> dict:
        item = {"kind": self.kind, "label": self.cleaned_data["label"], "params": self.params()}
        if self.cleaned_data.get("legal_reference"):
            item["legal_reference"] = self.cleaned_data["legal_reference"]
        if self.kind in ("all_of", "any_of"):
            item["children"] = children or []
        return item


class KindChoiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of criterion"), choices=CriterionKind.choices)


class RunForm(forms.Form):
    criteria_set = forms.ModelChoiceField(
        label=_("Criteria set"), queryset=CriteriaSet.objects.none()
    )
    year = forms.IntegerField(label=_("Evaluation year"), min_value=1945, max_value=2100)
    unit = forms.ModelChoiceField(label=_("Candidates under unit"), queryset=Unit.objects.none())

    def __init__(self, *args, user, sets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_set"].queryset = sets
        units = Unit.objects.filter(status="active").order_by("path")
        if not scope.is_admin(user):
            units = units.filter(scope.paths_q(scope.scope_paths(user, RUN_ROLES)))
        self.fields["unit"].queryset = units
        self.fields["year"].initial = datetime.date.today().year - 1


class ResultFilterForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"), choices=[("", _("All"))] + Verdict.choices, required=False
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[("verdict", _("Verdict")), ("name", _("Name")), ("-score", _("Highest title"))],
        required=False,
    )


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All"))] + CaseKind.choices,
                             required=False)  # fmt: skip
    open_only = forms.BooleanField(label=_("Open only"), required=False)


class CaseCreateForm(SubjectPickerForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=CaseKind.choices)
    opened_on = date_field(_("Opened on"), required=True)
    closed_on = date_field(_("Closed on"))
    effect_until = date_field(_("Discipline in effect until"))
    reference = forms.CharField(label=_("Decision or file number"), max_length=128, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    field_order = ["kind", "subject_kind", "person", "unit", "household"]

    CASE_FIELDS = ("closed_on", "effect_until", "reference", "note")

    def case_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.CASE_FIELDS}


class CaseEditForm(forms.ModelForm):
    opened_on = date_field(_("Opened on"), required=True)
    closed_on = date_field(_("Closed on"))
    effect_until = date_field(_("Discipline in effect until"))

    class Meta:
        model = ComplianceCase
        fields = ["opened_on", "closed_on", "effect_until", "reference", "note"]


class JudgementForm(forms.Form):
    """One judged criterion: met or not (or not judged yet), with the evidence."""

    met = forms.ChoiceField(
        choices=[("", _("Not judged yet")), ("yes", _("Met")), ("no", _("Not met"))],
        required=False,
    )
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
