"""Forms of the organisation UI. They parse and validate input; the services do the writes."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from guongsang.orgs import scope
from guongsang.orgs.enums import Gender, GroupKind, HouseholdRelation, UnitKind, UnitStatus
from guongsang.orgs.models import Person, Unit
from guongsang.orgs.selectors import search_filter

DATE_PLACEHOLDER = "dd/mm/yyyy"
# A person select shows at most this many options; a search box narrows the list.
PERSON_CHOICES_SHOWN = 100


def date_field(label, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=forms.TextInput(attrs={"placeholder": DATE_PLACEHOLDER, "inputmode": "numeric"}),
    )


def units_in_scope(user, roles, *, active_only: bool = True) -> QuerySet[Unit]:
    """Units the user reaches through these roles (all units for an administrator)."""
    units = Unit.objects.all()
    if active_only:
        units = units.filter(status=UnitStatus.ACTIVE)
    if not scope.is_admin(user):
        units = units.filter(scope.paths_q(scope.scope_paths(user, roles)))
    return units.order_by("name_sort")


def people_in_scope(user) -> QuerySet[Person]:
    """People whose current unit is in the user's record-write scope."""
    people = Person.objects.select_related("unit")
    if not scope.is_admin(user):
        people = people.filter(
            scope.paths_q(scope.scope_paths(user, scope.RECORD_WRITE_ROLES), "unit__path")
        )
    return people.order_by("name_sort")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PersonChoiceField(forms.ModelChoiceField):
    """Validates against every person in scope but renders only the people a search found."""

    def label_from_instance(self, obj):
        if obj.unit_id:
            return f"{obj.full_name} — {obj.unit.name}"
        return obj.full_name

    def limit_shown(self, query: str, selected=None) -> None:
        shown = list(self.queryset.filter(search_filter(query))[:PERSON_CHOICES_SHOWN])
        if selected and str(selected).isdigit() and all(str(p.pk) != str(selected) for p in shown):
            shown = list(self.queryset.filter(pk=selected)) + shown
        self.widget.choices = [("", "---------")] + [
            (p.pk, self.label_from_instance(p)) for p in shown
        ]


# Units ------------------------------------------------------------------------------------


class UnitCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices, initial=UnitKind.OTHER)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    code = forms.CharField(label=_("Code"), max_length=50, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    valid_from = date_field(_("Valid from"), required=False)


class UnitEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    short_name = forms.CharField(label=_("Short name"), max_length=100, required=False)
    code = forms.CharField(label=_("Code"), max_length=50, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    valid_from = date_field(_("Valid from"), required=False)
    valid_to = date_field(_("Valid to"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date is before the start date."))
        return data


class UnitMoveForm(forms.Form):
    new_parent = UnitChoiceField(label=_("New parent unit"), queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)


class UnitRenameForm(forms.Form):
    new_name = forms.CharField(label=_("New name"), max_length=255)
    date = date_field(_("Date of the change"))


class UnitMergeForm(forms.Form):
    units = UnitMultipleChoiceField(
        label=_("Units to merge"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Choose at least two active units."),
    )
    name = forms.CharField(label=_("Name of the new unit"), max_length=255)
    date = date_field(_("Date of the merger"))
    parent = UnitChoiceField(
        label=_("Parent of the new unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty to keep the parent of the first unit."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)
        self.fields["units"].queryset = units
        self.fields["parent"].queryset = units

    def clean_units(self):
        units = self.cleaned_data["units"]
        if len(units) < 2:
            raise forms.ValidationError(_("Choose at least two units to merge."))
        return units


class UnitSplitForm(forms.Form):
    names = forms.CharField(
        label=_("Names of the new units"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One name per line, at least two."),
    )
    receiver = forms.IntegerField(
        label=_("Line of the unit that takes over users and open work"),
        min_value=1,
        initial=1,
    )
    date = date_field(_("Date of the split"))

    def clean_names(self):
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if len(names) < 2:
            raise forms.ValidationError(_("Enter at least two names, one per line."))
        if len(set(names)) != len(names):
            raise forms.ValidationError(_("The new names must be different from each other."))
        return names

    def clean(self):
        data = super().clean()
        names, receiver = data.get("names"), data.get("receiver")
        if names and receiver and receiver > len(names):
            self.add_error(
                "receiver",
                _("There are only %(count)d names.") % {"count": len(names)},
            )
        return data


class UnitDissolveForm(forms.Form):
    date = date_field(_("Date of dissolution"))
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)


class UnitSearchForm(forms.Form):
    q = forms.CharField(label=_("Search units"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *UnitKind.choices], required=False
    )


# Emulation groups -------------------------------------------------------------------------


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    organiser = UnitChoiceField(label=_("Organising unit"), queryset=Unit.objects.none())
    members = UnitMultipleChoiceField(
        label=_("Member units"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
    )
    year = forms.IntegerField(label=_("Year"), min_value=1945, max_value=2100, required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = units_in_scope(user, scope.STRUCTURE_WRITE_ROLES)
        self.fields["members"].queryset = units_in_scope(user, scope.READ_ROLES)


# People -----------------------------------------------------------------------------------


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=255)
    gender = forms.ChoiceField(
        label=_("Gender"), choices=[("", "---------"), *Gender.choices], required=False
    )
    birth_date = date_field(_("Date of birth"), required=False)
    id_number = forms.CharField(label=_("Citizen ID number"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("The citizen ID number contains only digits."))
        return value


class PersonCreateForm(PersonForm):
    unit = UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    is_head = forms.BooleanField(label=_("Heads the unit"), required=False)
    start = date_field(_("In the unit since"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_scope(user, scope.RECORD_WRITE_ROLES)


class PersonMoveForm(forms.Form):
    unit = UnitChoiceField(label=_("New unit"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    is_head = forms.BooleanField(label=_("Heads the unit"), required=False)
    start = date_field(_("In the new unit since"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_scope(user, scope.RECORD_WRITE_ROLES)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)


# Households -------------------------------------------------------------------------------


class HouseholdForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=255, help_text=_("e.g. “Hộ ông Nguyễn Văn An”")
    )
    locality = UnitChoiceField(label=_("Locality"), queryset=Unit.objects.none())
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    annual_income = forms.DecimalField(
        label=_("Annual income (VND)"), max_digits=15, decimal_places=0, min_value=0, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locality"].queryset = units_in_scope(user, scope.RECORD_WRITE_ROLES)


class HouseholdCreateForm(HouseholdForm):
    head = PersonChoiceField(label=_("Head of household"), queryset=Person.objects.none())

    def __init__(self, *args, user, person_query: str = "", **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["head"].queryset = people_in_scope(user)
        self.fields["head"].limit_shown(person_query, self.data.get("head") if self.data else None)


class HouseholdEditForm(HouseholdForm):
    head = PersonChoiceField(
        label=_("Head of household"),
        queryset=Person.objects.none(),
        help_text=_("The head is chosen among the members."),
    )

    def __init__(self, *args, user, household, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["head"].queryset = Person.objects.filter(
            pk__in=household.memberships.values("person_id")
        ).select_related("unit")


class HouseholdMemberAddForm(forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=Person.objects.none())
    relation = forms.ChoiceField(
        label=_("Relation"), choices=HouseholdRelation.choices, initial=HouseholdRelation.OTHER
    )

    def __init__(self, *args, user, person_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people_in_scope(user)
        self.fields["person"].limit_shown(
            person_query, self.data.get("person") if self.data else None
        )
