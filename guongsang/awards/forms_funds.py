"""Forms of the emulation fund pages: they parse input; the fund services decide."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guongsang.awards.enums import DecisionStatus
from guongsang.awards.models import Decision
from guongsang.awards.selectors import authorities_for
from guongsang.orgs.forms import UnitChoiceField, date_field

# Plain digits, or groups of three split by one kind of separator: 1500000, 1.500.000, 1 500 000.
_AMOUNT = re.compile(r"\d+|\d{1,3}(?P<sep>[., ])\d{3}(?:(?P=sep)\d{3})*")
_MAX_DIGITS = 15  # the money fields' max_digits


class VndAmountField(forms.Field):
    """A whole, non-negative amount in VND; dots, commas and spaces group the thousands."""

    default_error_messages = {
        "invalid": _("Enter an amount in VND as a whole number, for example 1.500.000."),
        "too_long": _("The amount is too large."),
    }

    widget = forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 40})

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if not text:
            return None
        text = text.removesuffix("₫").removesuffix("đ").rstrip()
        if not _AMOUNT.fullmatch(text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        digits = re.sub(r"\D", "", text)
        if len(digits.lstrip("0")) > _MAX_DIGITS:
            raise forms.ValidationError(self.error_messages["too_long"], code="too_long")
        return Decimal(digits)


class FundCreateForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    opening_balance = VndAmountField(
        label=_("Opening balance (VND)"),
        required=False,
        help_text=_("Money carried over from last year; leave empty for none."),
    )
    propagation_share_percent = forms.IntegerField(
        label=_("Share kept for movements and propagation (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_("At least 20% of the fund."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = authorities_for(user=user)
        self.fields["year"].initial = datetime.date.today().year

    def clean_opening_balance(self):
        return self.cleaned_data["opening_balance"] or Decimal(0)


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        day = obj.date.strftime("%d/%m/%Y") if obj.date else ""
        return f"{obj.number} ({day}) — {obj.title.name}"


class FundEntryForm(forms.Form):
    INCOME = "income"
    SPENDING = "spending"

    direction = forms.ChoiceField(
        label=_("Kind"),
        choices=[(INCOME, _("Income")), (SPENDING, _("Spending"))],
        initial=SPENDING,
    )
    amount = VndAmountField(label=_("Amount (VND)"))
    date = date_field(_("Date"))
    description = forms.CharField(label=_("Description"), max_length=500)
    is_propagation = forms.BooleanField(
        label=_("For movements and propagation"),
        required=False,
        help_text=_("Spending on movements and propagation comes out of the reserved share."),
    )
    decision = DecisionChoiceField(
        label=_("Decision"), queryset=Decision.objects.none(), required=False
    )

    def __init__(self, *args, fund, **kwargs):
        super().__init__(*args, **kwargs)
        # The authority's issued decisions of the fund's year, or already paid from it.
        self.fields["decision"].queryset = (
            Decision.objects.filter(authority_id=fund.unit_id, status=DecisionStatus.ISSUED)
            .filter(Q(fund=fund) | Q(date__year=fund.year))
            .select_related("title")
            .order_by("-date", "-pk")
        )

    def entry_fields(self) -> dict:
        """The service's keyword arguments: spending as a negative amount."""
        data = dict(self.cleaned_data)
        amount = data.pop("amount")
        if data.pop("direction") == self.SPENDING:
            amount = -amount
        return {**data, "amount": amount}
