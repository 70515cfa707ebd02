"""Forms of the plans UI. They parse input; the services do the writes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs import scope
from guongsang.orgs.forms import (
    UnitChoiceField,
    UnitMultipleChoiceField,
    date_field,
    units_in_scope,
)
from guongsang.orgs.models import EmulationGroup
from guongsang.plans.enums import (
    MilestoneKind,
    MovementKind,
    PlanStatus,
    QuotaCounts,
    QuotaPeriod,
    SubjectKindOrAny,
)
from guongsang.plans.models import CriteriaSet, Field, QuotaUnits
from guongsang.plans.selectors import plans_visible_to
from guongsang.titles.enums import SubjectKind

YEAR = {"min_value": 1900, "max_value": 2200}


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PlanMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class PlanSearchForm(forms.Form):
    q = forms.CharField(label=_("Search plans"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, **YEAR)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", "—"), *PlanStatus.choices]
    )


class PlanForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=64, required=False)
    title = forms.CharField(label=_("Title"), max_length=500)
    issuer = UnitChoiceField(label=_("Issuing unit"), queryset=None)
    issued_on = date_field(_("Date issued"), required=False)
    start_year = forms.IntegerField(label=_("From year"), **YEAR)
    end_year = forms.IntegerField(label=_("To year"), **YEAR)
    implements = PlanMultipleChoiceField(
        label=_("Implements (plans in the system)"), queryset=None, required=False
    )
    bases = forms.CharField(
        label=_("Other legal bases (căn cứ)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One document per line."),
    )
    replaces = PlanChoiceField(label=_("Replaces"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    purpose = forms.CharField(
        label=_("Purpose and requirements"), required=False, widget=forms.Textarea
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=255, required=False)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=255, required=False)
    allows_self_registration = forms.BooleanField(
        label=_("Staff may register themselves"), required=False
    )

    def __init__(self, *args, user, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)
        others = plans_visible_to(user=user).order_by("-start_year", "number")
        if plan is not None:
            others = others.exclude(pk=plan.pk)
        self.fields["implements"].queryset = others
        self.fields["replaces"].queryset = others

    def clean(self):
        data = super().clean()
        first, last = data.get("start_year"), data.get("end_year")
        if first and last and last < first:
            self.add_error("end_year", _("The end year is before the start year."))
        return data


class StageForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    start = date_field(_("From"))
    end = date_field(_("Until"))
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MilestoneKind.choices)
    title = forms.CharField(label=_("Title"), max_length=500)
    due_date = date_field(_("Due date"))
    responsible_units = UnitMultipleChoiceField(
        label=_("Responsible units"), queryset=None, required=False
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    done_on = date_field(_("Done on"), required=False)

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_units"].queryset = units_in_scope(user, scope.READ_ROLES)


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    lead_unit = UnitChoiceField(label=_("Lead unit (chủ trì)"), queryset=None, required=False)
    cooperating_units = UnitMultipleChoiceField(
        label=_("Cooperating units (phối hợp)"), queryset=None, required=False
    )
    fields_ = forms.ModelMultipleChoiceField(
        label=_("Fields"), queryset=Field.objects.filter(is_active=True), required=False
    )
    criteria_sets = forms.ModelMultipleChoiceField(
        label=_("Criteria sets"), queryset=CriteriaSet.objects.all(), required=False
    )
    start_year = forms.IntegerField(label=_("From year"), required=False, **YEAR)
    end_year = forms.IntegerField(label=_("To year"), required=False, **YEAR)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    target_collective = forms.IntegerField(
        label=_("Target: at least N collectives"), required=False, min_value=1
    )
    target_individual = forms.IntegerField(
        label=_("Target: at least N individuals"), required=False, min_value=1
    )
    target_household = forms.IntegerField(
        label=_("Target: at least N households"), required=False, min_value=1
    )

    def __init__(self, *args, user, plan, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_in_scope(user, scope.READ_ROLES)
        self.fields["lead_unit"].queryset = units
        self.fields["cooperating_units"].queryset = units

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["fields"] = data.pop("fields_")
        data["targets"] = [
            {"subject_kind": kind, "minimum": data.pop(f"target_{kind}")}
            for kind in SubjectKind.values
            if data.get(f"target_{kind}")
        ]
        for kind in SubjectKind.values:
            data.pop(f"target_{kind}", None)
        return data


class QuotaForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    counts = forms.ChoiceField(
        label=_("Counts"),
        choices=QuotaCounts.choices,
        initial=QuotaCounts.EXEMPLARS,
        required=False,
        help_text=_(
            "Propagation activities and events count by the unit's subtree and their date; "
            "the subject kind and the achievement summary apply to exemplars only."
        ),
    )
    subject_kind = forms.ChoiceField(label=_("Subject kind"), choices=SubjectKindOrAny.choices)
    minimum = forms.IntegerField(label=_("At least"), min_value=1, initial=1)
    period = forms.ChoiceField(label=_("Every"), choices=QuotaPeriod.choices)
    requires_summary = forms.BooleanField(
        label=_("With an achievement summary"), required=False, initial=True
    )
    unit_scope = forms.ChoiceField(label=_("Which units"), choices=QuotaUnits.choices)
    group = forms.ModelChoiceField(
        label=_("Emulation group"), queryset=EmulationGroup.objects.none(), required=False
    )
    units = UnitMultipleChoiceField(label=_("Listed units"), queryset=None, required=False)
    recipient = UnitChoiceField(label=_("Sent to"), queryset=None, required=False)
    due_offset_days = forms.IntegerField(
        label=_("Due, days after the period ends"),
        initial=0,
        help_text=_("Negative: before the period ends (e.g. -15 for mid-December)."),
    )

    def __init__(self, *args, user, plan, **kwargs):
        from guongsang.orgs.selectors import groups_visible_to

        super().__init__(*args, **kwargs)
        units = units_in_scope(user, scope.READ_ROLES)
        self.fields["units"].queryset = units
        self.fields["recipient"].queryset = units
        self.fields["group"].queryset = groups_visible_to(user=user)

    def clean_counts(self):
        return self.cleaned_data["counts"] or QuotaCounts.EXEMPLARS

    def clean(self):
        data = super().clean()
        if data.get("unit_scope") == QuotaUnits.GROUP and not data.get("group"):
            self.add_error("group", _("Choose the emulation group."))
        if data.get("unit_scope") == QuotaUnits.LISTED and not data.get("units"):
            self.add_error("units", _("List the units the quota applies to."))
        return data


class PlanFileForm(forms.Form):
    file = forms.FileField(label=_("Plan file (YAML)"), required=False)
    text = forms.CharField(
        label=_("…or paste the plan file"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    issuer = UnitChoiceField(
        label=_("Issuing unit"),
        queryset=None,
        required=False,
        help_text=_("Leave empty to use the issuer named in the file."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file; save nothing"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", _("The file is not UTF-8 text."))
        if not data.get("text") and not self.errors:
            raise forms.ValidationError(_("Choose a file or paste its content."))
        return data
