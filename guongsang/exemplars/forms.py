"""Forms of the exemplar pages. They parse and validate input; the services do the writes."""

import datetime
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.exemplars import selectors
from guongsang.exemplars.enums import (
    DiscoveryKind,
    EvidenceKind,
    ExemplarKind,
    ExemplarStatus,
    SupportKind,
)
from guongsang.exemplars.models import Exemplar
from guongsang.exemplars.rules import NOMINATE_ROLES
from guongsang.orgs.forms import PersonChoiceField, date_field, people_in_scope
from guongsang.plans.models import Field, Movement, Plan
from guongsang.titles.enums import Level

_LINE = re.compile(r"^\s*(\d{4})\s*[:\-–.]\s*(.+)$")
SUBJECT_KIND_CHOICES = [
    ("", _("All kinds")),
    ("individual", _("Individual")),
    ("collective", _("Collective")),
    ("household", _("Household")),
]


class _PickedInTable(forms.MultipleHiddenInput):
    """The subjects are picked in the candidates table, which the template renders itself."""

    def render(self, *args, **kwargs):
        return ""


class _PickedOneInTable(forms.HiddenInput):
    def render(self, *args, **kwargs):
        return ""


class PlanChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title}" if obj.number else obj.title


class MovementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def this_year() -> int:
    return datetime.date.today().year


def parse_key_achievements(text: str) -> list[dict]:
    """One achievement a line, "2024: text"; a line without a year is an error."""
    items = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            raise forms.ValidationError(
                _("Write each achievement on its own line as “year: achievement”.")
            )
        items.append({"year": int(match.group(1)), "text": match.group(2).strip()})
    return items


def format_key_achievements(items) -> str:
    return "\n".join(f"{item['year']}: {item['text']}" for item in items or [])


class ExemplarFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    plan = PlanChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False)
    movement = MovementChoiceField(
        label=_("Movement"), queryset=Movement.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + ExemplarStatus.choices, required=False
    )
    subject_kind = forms.ChoiceField(
        label=_("Subject"), choices=SUBJECT_KIND_CHOICES, required=False
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = selectors.plans_open_to(user=user)
        self.fields["plan"].queryset = plans
        self.fields["movement"].queryset = selectors.movements_of_plans(plans=plans)


class _ExemplarBaseForm(forms.Form):
    """Plan, movement, year and kind: what every way of putting a subject forward asks."""

    plan = PlanChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    movement = MovementChoiceField(
        label=_("Movement"), queryset=Movement.objects.none(), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, initial=this_year)
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemplarKind.choices)
    aspects = forms.CharField(
        label=_("Aspects"),
        required=False,
        max_length=500,
        help_text=_("For an exemplar on specific aspects: which ones."),
    )
    work_fields = forms.ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Register anyway: I have checked the other record"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        plans = selectors.plans_open_to(user=user)
        self.fields["plan"].queryset = plans
        self.fields["movement"].queryset = selectors.movements_of_plans(plans=plans)

    def clean(self):
        data = super().clean()
        movement, plan = data.get("movement"), data.get("plan")
        if movement and plan and movement.plan_id != plan.pk:
            self.add_error("movement", _("The movement does not belong to this plan."))
        return data

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "movement": data.get("movement"),
            "kind": data["kind"],
            "aspects": data.get("aspects", ""),
            "fields": list(data.get("work_fields") or []),
        }


class SubjectTokenMixin:
    """Subjects travel as "person:12", "unit:3", "household:5" and are fetched within scope."""

    def subject_from_token(self, token: str, candidates: dict):
        kind, _sep, pk = (token or "").partition(":")
        key = {"person": "people", "unit": "units", "household": "households"}.get(kind)
        if key is None or not pk.isdigit():
            return None
        return candidates[key].filter(pk=pk).first()


class RegisterListForm(SubjectTokenMixin, _ExemplarBaseForm):
    subjects = forms.Field(label=_("Subjects"), required=False, widget=_PickedInTable)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.candidates = selectors.subjects_in_scope(user=user)

    def clean_subjects(self):
        tokens = self.data.getlist("subjects") if hasattr(self.data, "getlist") else []
        subjects = [self.subject_from_token(token, self.candidates) for token in tokens]
        # Shown above the form: the field itself is the candidates table, not a widget.
        if any(subject is None for subject in subjects):
            self.add_error(None, _("Unknown subject, or outside your scope."))
        elif not subjects:
            self.add_error(None, _("Choose at least one collective, individual or household."))
        return [subject for subject in subjects if subject is not None]


class _SummaryFields(forms.Form):
    summary = forms.CharField(label=_("Achievement summary"), widget=forms.Textarea, required=False)
    key_achievements = forms.CharField(
        label=_("Key achievements"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("One a line, as “2024: achievement”."),
    )

    def clean_key_achievements(self):
        return parse_key_achievements(self.cleaned_data.get("key_achievements", ""))


class NominateForm(SubjectTokenMixin, _SummaryFields, _ExemplarBaseForm):
    subject = forms.CharField(label=_("Subject"), widget=_PickedOneInTable, required=False)
    discovery_kind = forms.ChoiceField(label=_("Discovered as"), choices=DiscoveryKind.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.candidates = selectors.subjects_in_scope(user=user, roles=NOMINATE_ROLES)

    def clean_subject(self):
        subject = self.subject_from_token(self.cleaned_data.get("subject"), self.candidates)
        if subject is None:
            self.add_error(None, _("Choose the collective, individual or household."))
        return subject


class SelfRegisterForm(_SummaryFields, _ExemplarBaseForm):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        plans = self.fields["plan"].queryset.filter(allows_self_registration=True)
        self.fields["plan"].queryset = plans
        self.fields["movement"].queryset = selectors.movements_of_plans(plans=plans)


class ExemplarEditForm(_SummaryFields):
    movement = MovementChoiceField(
        label=_("Movement"), queryset=Movement.objects.none(), required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ExemplarKind.choices)
    aspects = forms.CharField(label=_("Aspects"), required=False, max_length=500)
    work_fields = forms.ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=Field.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    story_draft = forms.CharField(label=_("Story draft"), widget=forms.Textarea, required=False)

    def __init__(self, *args, exemplar: Exemplar, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "movement": exemplar.movement_id,
                "kind": exemplar.kind,
                "aspects": exemplar.aspects,
                "work_fields": [f.pk for f in exemplar.fields.all()],
                "summary": exemplar.summary,
                "key_achievements": format_key_achievements(exemplar.key_achievements),
                "story_draft": exemplar.story_draft,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["movement"].queryset = Movement.objects.filter(plan_id=exemplar.plan_id)


class InitiativeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, initial=this_year)
    effect_level = forms.ChoiceField(label=_("Scope of effect"), choices=Level.choices)
    recognition = forms.CharField(
        label=_("Recognised by (decision)"), max_length=255, required=False
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)


class EvidenceForm(forms.Form):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG; at most 10 MB."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=EvidenceKind.choices)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)


class TransitionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class NurturingPlanForm(forms.Form):
    support_kinds = forms.MultipleChoiceField(
        label=_("Support"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support_detail = forms.CharField(
        label=_("Support given"), widget=forms.Textarea, required=False
    )
    weaknesses = forms.CharField(
        label=_("Weaknesses to overcome"), widget=forms.Textarea, required=False
    )
    mentor = PersonChoiceField(label=_("Mentor"), queryset=None, required=False)
    start = date_field(_("From"), required=False)
    end = date_field(_("Until"), required=False)

    def __init__(self, *args, user, person_q: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["mentor"]
        field.queryset = people_in_scope(user)
        field.limit_shown(person_q, self.data.get("mentor") or self.initial.get("mentor"))


class CheckpointForm(forms.Form):
    description = forms.CharField(label=_("Checkpoint"), max_length=500)
    due_date = date_field(_("Due date"))


class ProgressNoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    date = date_field(_("Date"), required=False)


class EvaluationForm(forms.Form):
    date = date_field(_("Date"), required=False)
    effect = forms.IntegerField(label=_("Effect"), min_value=1, max_value=5)
    efficiency = forms.IntegerField(label=_("Efficiency"), min_value=1, max_value=5)
    potential = forms.IntegerField(label=_("Potential"), min_value=1, max_value=5)
    influence = forms.IntegerField(label=_("Influence"), min_value=1, max_value=5)
    comment = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
