"""Forms of the pages for role assignments, scope grants and API tokens."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from guongsang.orgs.enums import Role, UnitStatus
from guongsang.orgs.models import Unit


class _UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def _active_units():
    return Unit.objects.filter(status=UnitStatus.ACTIVE).order_by("name_sort")


class RoleSearchForm(forms.Form):
    q = forms.CharField(label=_("Username"), required=False, max_length=150)


class RoleAssignForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = _UnitChoiceField(label=_("Unit"), queryset=Unit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = _active_units()

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("There is no user with this username."))
        return user


class ScopeGrantForm(forms.Form):
    grantee = _UnitChoiceField(
        label=_("Unit receiving the grant"),
        queryset=Unit.objects.none(),
        help_text=_("Role holders of this unit will also see the granted unit's subtree."),
    )
    unit = _UnitChoiceField(label=_("Granted unit"), queryset=Unit.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grantee"].queryset = _active_units()
        self.fields["unit"].queryset = _active_units()


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “reporting script”."),
    )
