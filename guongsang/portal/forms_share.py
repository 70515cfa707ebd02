from django import forms
from django.utils.translation import gettext_lazy as _

from guongsang.orgs.models import Unit

LIMIT_DEFAULT = 5
LIMIT_MAX = 20


def clamp_limit(value) -> int:
    """How many items a widget list shows: 1 to 20, 5 when missing or not a number."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return LIMIT_DEFAULT
    return min(max(number, 1), LIMIT_MAX)


class WidgetForm(forms.Form):
    """Choosing the unit whose exemplars the widget shows, by searching its name."""

    q = forms.CharField(label=_("Unit name"), max_length=100, required=False)
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.all(), required=False, widget=forms.HiddenInput
    )
    limit = forms.IntegerField(
        label=_("Items per list"),
        min_value=1,
        max_value=LIMIT_MAX,
        required=False,
        initial=LIMIT_DEFAULT,
    )
