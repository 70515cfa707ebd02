"""The emulation fund: a unit's yearly fund and its entries (income and spending)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from guongsang.awards.models import EmulationFund, FundEntry
from guongsang.awards.services.common import require
from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError

MIN_PROPAGATION_SHARE = 20


@transaction.atomic
def fund_create(
    *,
    unit,
    year: int,
    actor,
    opening_balance: Decimal = Decimal(0),
    propagation_share_percent: int = MIN_PROPAGATION_SHARE,
) -> EmulationFund:
    require(actor, "awards.change_emulationfund", unit)
    if propagation_share_percent < MIN_PROPAGATION_SHARE:
        raise DomainError(
            _("At least %(share)s%% of the fund is kept for movements and propagation.")
            % {"share": MIN_PROPAGATION_SHARE}
        )
    if EmulationFund.objects.filter(unit=unit, year=year).exists():
        raise DomainError(_("This unit already has a fund for that year."))
    fund = EmulationFund(
        unit=unit,
        year=year,
        opening_balance=opening_balance,
        propagation_share_percent=propagation_share_percent,
    )
    return audited_save(fund, actor=actor)


@transaction.atomic
def fund_entry_add(
    *,
    fund: EmulationFund,
    date: datetime.date,
    amount: Decimal,
    description: str,
    actor,
    is_propagation: bool = False,
    decision=None,
) -> FundEntry:
    require(actor, "awards.change_emulationfund", fund)
    if not amount:
        raise DomainError(_("The amount is required."))
    if date is None or date.year != fund.year:
        raise DomainError(
            _("An entry of the %(year)s fund is dated in %(year)s.") % {"year": fund.year}
        )
    entry = FundEntry(
        fund=fund,
        date=date,
        amount=amount,
        description=description,
        is_propagation=is_propagation,
        decision=decision,
    )
    return audited_save(entry, actor=actor)
