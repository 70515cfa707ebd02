"""Forms of the titles UI. They parse and validate input; the services do the writes."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.common import importing
from guongsang.orgs import scope
from guongsang.orgs.models import Household, Person, Unit
from guongsang.orgs.selectors import units_visible_to
from guongsang.titles.enums import AwardNature, SubjectKind
from guongsang.titles.importers import IMPORT_KINDS
from guongsang.titles.models import Title, TitleRecord
from guongsang.titles.selectors import titles_active

DATE_PLACEHOLDER = "dd/mm/yyyy"
YEAR_MIN, YEAR_MAX = 1945, 2100


def date_field(label, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric"}),
    )


def in_write_scope(queryset: QuerySet, user, path_field: str) -> QuerySet:
    """The rows whose unit lies in the user's record-write scope (everything for an admin)."""
    if scope.is_admin(user):
        return queryset
    paths = scope.scope_paths(user, scope.RECORD_WRITE_ROLES)
    return queryset.filter(scope.paths_q(paths, path_field))


class TitleForm(forms.ModelForm):
    class Meta:
        model = Title
        fields = [
            "code",
            "name",
            "kind",
            "subject_kind",
            "level",
            "rank",
            "legal_reference",
            "money_multiple",
            "requires_vote",
            "vote_threshold_percent",
            "is_active",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        data = super().clean()
        threshold = data.get("vote_threshold_percent")
        if threshold is not None and not 1 <= threshold <= 100:
            self.add_error("vote_threshold_percent", _("Enter a percentage from 1 to 100."))
        if data.get("requires_vote") and threshold is None:
            self.add_error(
                "vote_threshold_percent", _("Give the pass mark of a title that needs a vote.")
            )
        return data


class UnitFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "— " * (obj.depth - 1) + obj.name


class TitleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_subject_kind_display()})"


class RecordFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    title = TitleChoiceField(
        label=_("Title"), queryset=Title.objects.order_by("subject_kind", "-rank"), required=False
    )
    subject_kind = forms.ChoiceField(
        label=_("Subject"), choices=[("", _("All"))] + SubjectKind.choices, required=False
    )
    unit = UnitFilterField(
        label=_("Unit (and the units under it)"), queryset=Unit.objects.none(), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user=user).order_by("path")

    def filters(self) -> dict:
        """Keyword arguments for selectors.title_records_visible_to (empty when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"] or None,
            "year": data["year"],
            "title": data["title"],
            "subject_kind": data["subject_kind"] or None,
            "unit": data["unit"],
        }


class SubjectField(forms.ModelChoiceField):
    """A text box taking the subject's code (citizen ID number, unit code) or its number."""

    widget = forms.TextInput

    def __init__(self, *args, code_field: str, **kwargs):
        self.code_field = code_field
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        value = str(value).strip()
        matches = list(self.queryset.filter(**{self.code_field: value})[:2])
        if not matches and value.isdigit():
            matches = list(self.queryset.filter(pk=value)[:2])
        if not matches:
            raise ValidationError(
                _("Nothing in your scope matches “%(value)s”."), params={"value": value}
            )
        if len(matches) > 1:
            raise ValidationError(
                _("Several match “%(value)s”; enter the number shown on its page instead."),
                params={"value": value},
            )
        return matches[0]

    def prepare_value(self, value):
        if isinstance(value, Person | Unit | Household):
            return value.pk
        return value


class TitleRecordFieldsMixin(forms.Form):
    title = TitleChoiceField(label=_("Title"), queryset=Title.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    nature = forms.ChoiceField(
        label=_("Nature"), choices=AwardNature.choices, initial=AwardNature.REGULAR
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=64, required=False)
    decision_date = date_field(_("Decision date"))
    issuer = forms.CharField(label=_("Issued by"), max_length=255, required=False)
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    RECORD_FIELDS = ("nature", "decision_number", "decision_date", "issuer", "note")

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.RECORD_FIELDS}


class SubjectPickerForm(forms.Form):
    """Exactly one subject — a person, a collective or a household — in the user's write scope.

    `cleaned_data["subject"]` is the chosen subject. Used for title records and compliance cases.
    """

    SUBJECT_FIELDS = {"individual": "person", "collective": "unit", "household": "household"}

    subject_kind = forms.ChoiceField(label=_("Subject kind"), choices=SubjectKind.choices)
    person = SubjectField(
        label=_("Individual"),
        queryset=Person.objects.none(),
        code_field="id_number",
        required=False,
        help_text=_("Citizen ID number, or the person's number in the system."),
    )
    unit = SubjectField(
        label=_("Collective"),
        queryset=Unit.objects.none(),
        code_field="code",
        required=False,
        help_text=_("Unit code, or the unit's number in the system."),
    )
    household = SubjectField(
        label=_("Household"),
        queryset=Household.objects.none(),
        code_field="head__id_number",
        required=False,
        help_text=_("Citizen ID number of the head, or the household's number in the system."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = in_write_scope(Person.objects.all(), user, "unit__path")
        self.fields["unit"].queryset = in_write_scope(Unit.objects.all(), user, "path")
        self.fields["household"].queryset = in_write_scope(
            Household.objects.all(), user, "locality__path"
        )

    def clean(self):
        data = super().clean()
        field = self.SUBJECT_FIELDS.get(data.get("subject_kind"))
        given = [name for name in self.SUBJECT_FIELDS.values() if data.get(name)]
        if field and not self.errors.get(field) and given != [field]:
            self.add_error(field, _("Enter exactly one subject, of the kind chosen above."))
        data["subject"] = data.get(field) if field else None
        return data


class TitleRecordCreateForm(SubjectPickerForm, TitleRecordFieldsMixin):
    field_order = ["subject_kind", "person", "unit", "household", "title", "year"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["title"].queryset = titles_active().order_by("subject_kind", "-rank")
        self.fields["year"].initial = datetime.date.today().year - 1

    def clean(self):
        data = super().clean()
        title, kind = data.get("title"), data.get("subject_kind")
        if data.get("subject") is not None and title and title.subject_kind != kind:
            self.add_error("title", _("This title is not awarded to this kind of subject."))
        return data


class TitleRecordEditForm(TitleRecordFieldsMixin):
    def __init__(self, *args, record: TitleRecord, **kwargs):
        initial = {
            "title": record.title_id,
            "year": record.year,
            **{name: getattr(record, name) for name in self.RECORD_FIELDS},
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["title"].queryset = (
            Title.objects.filter(subject_kind=record.subject_kind, is_active=True)
            | Title.objects.filter(pk=record.title_id)
        ).order_by("-rank")

    def changes(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "year": data["year"], **self.record_fields()}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=IMPORT_KINDS)
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.estimated_rows = None
        self.fields["file"].help_text = _("At most %(size)s MB.") % {
            "size": round(settings.IMPORT_MAX_BYTES / 1024 / 1024, 1)
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            self.estimated_rows = importing.upload_check(upload)
        except importing.FileRefused as refused:
            raise ValidationError(refused.message) from None
        return upload
