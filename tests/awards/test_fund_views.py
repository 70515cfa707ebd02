"""Emulation fund pages: opening a fund, its state and entries, adding entries, scope."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from guongsang.awards import services
from guongsang.awards.models import EmulationFund, FundEntry
from guongsang.orgs.enums import Role
from tests import factories
from tests.awards.conftest import DAY, base_salary, draft
from tests.exemplars.conftest import query_count

pytestmark = pytest.mark.django_db


def _entry(fund, actor, amount, day=DAY, **fields):
    return services.fund_entry_add(
        fund=fund, date=day, amount=Decimal(amount), description="Chi", actor=actor, **fields
    )


def _entry_data(**fields):
    return {
        "direction": "spending",
        "amount": "5.000.000",
        "date": "15/04/2025",
        "description": "In tài liệu tuyên truyền điển hình",
        "is_propagation": "on",
        **fields,
    }


# Opening a fund ---------------------------------------------------------------------------


def test_fund_create_through_the_page(client, tree, synthesis, english):
    client.force_login(synthesis)
    data = {
        "unit": tree["own_child"].pk,
        "year": 2026,
        "opening_balance": "150.000.000",
        "propagation_share_percent": 25,
    }
    response = client.post(reverse("awards:fund_create"), data)
    fund = EmulationFund.objects.get(unit=tree["own_child"], year=2026)
    assert response.url == reverse("awards:fund_detail", args=[fund.pk])
    assert fund.opening_balance == Decimal("150000000")
    assert fund.propagation_share_percent == 25
    page = client.get(response.url).content.decode()
    assert 'data-testid="fund-balance">150.000.000<' in page
    assert 'data-testid="fund-reserved">37.500.000<' in page
    assert 'data-testid="fund-available">112.500.000<' in page


def test_fund_create_without_opening_balance_starts_at_zero(client, tree, synthesis):
    client.force_login(synthesis)
    data = {"unit": tree["own"].pk, "year": 2026, "propagation_share_percent": 20}
    client.post(reverse("awards:fund_create"), data)
    assert EmulationFund.objects.get(unit=tree["own"], year=2026).opening_balance == 0


def test_fund_create_refuses_a_share_below_20_and_keeps_the_input(client, tree, synthesis, english):
    client.force_login(synthesis)
    data = {
        "unit": tree["own"].pk,
        "year": 2026,
        "opening_balance": "150.000.000",
        "propagation_share_percent": 15,
    }
    response = client.post(reverse("awards:fund_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "At least 20% of the fund is kept for movements and propagation." in page
    assert 'value="150.000.000"' in page and 'value="15"' in page
    assert not EmulationFund.objects.exists()


def test_fund_create_refuses_a_second_fund_for_the_year(client, tree, synthesis, fund, english):
    client.force_login(synthesis)
    data = {"unit": tree["own"].pk, "year": DAY.year, "propagation_share_percent": 20}
    response = client.post(reverse("awards:fund_create"), data)
    assert "This unit already has a fund for that year." in response.content.decode()
    assert EmulationFund.objects.get().opening_balance == Decimal("100000000")


@pytest.mark.parametrize("amount", ["abc", "1.500.000,50", "-5000", "1" * 16])
def test_fund_create_refuses_a_bad_amount(client, tree, synthesis, english, amount):
    client.force_login(synthesis)
    data = {
        "unit": tree["own"].pk,
        "year": 2026,
        "opening_balance": amount,
        "propagation_share_percent": 20,
    }
    response = client.post(reverse("awards:fund_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter an amount in VND" in page or "The amount is too large." in page
    assert not EmulationFund.objects.exists()


def test_fund_create_offers_only_units_the_user_manages(client, tree, synthesis, english):
    client.force_login(synthesis)
    page = client.get(reverse("awards:fund_create"))
    units = set(page.context["form"].fields["unit"].queryset)
    assert units == {tree["own"], tree["own_child"]}
    data = {"unit": tree["sibling"].pk, "year": 2026, "propagation_share_percent": 20}
    response = client.post(reverse("awards:fund_create"), data)
    assert "Select a valid choice" in response.content.decode()
    assert not EmulationFund.objects.exists()


@pytest.mark.parametrize("role", [Role.OFFICER, Role.HEAD, Role.STAFF, Role.EDITOR])
def test_fund_create_refused_without_a_managing_role(client, tree, role):
    client.force_login(factories.user_with_role(role, tree["own"]))
    data = {"unit": tree["own"].pk, "year": 2026, "propagation_share_percent": 20}
    assert client.get(reverse("awards:fund_create")).status_code == 403
    assert client.post(reverse("awards:fund_create"), data).status_code == 403
    assert not EmulationFund.objects.exists()


def test_fund_list_links_to_new_fund_and_details(client, tree, synthesis, fund):
    client.force_login(synthesis)
    page = client.get(reverse("awards:fund_list")).content.decode()
    assert 'data-testid="fund-create"' in page
    assert reverse("awards:fund_detail", args=[fund.pk]) in page
    client.force_login(factories.user_with_role(Role.OFFICER, tree["own"]))
    page = client.get(reverse("awards:fund_list")).content.decode()
    assert 'data-testid="fund-create"' not in page
    assert reverse("awards:fund_detail", args=[fund.pk]) in page


# The fund's page and its entries --------------------------------------------------------------


def test_fund_detail_shows_state_and_entries(client, synthesis, fund, english):
    _entry(fund, synthesis, "20000000", day=datetime.date(2025, 2, 1))
    _entry(fund, synthesis, "-3500000", day=datetime.date(2025, 2, 5), is_propagation=True)
    client.force_login(synthesis)
    response = client.get(reverse("awards:fund_detail", args=[fund.pk]))
    page = response.content.decode()
    assert 'data-testid="fund-income">120.000.000<' in page
    assert 'data-testid="fund-spent">3.500.000<' in page
    assert 'data-testid="fund-balance">116.500.000<' in page
    # 20% of 120,000,000 is kept, less the 3,500,000 already spent on propagation.
    assert 'data-testid="fund-reserved">20.500.000<' in page
    assert 'data-testid="fund-available">96.000.000<' in page
    assert "05/02/2025" in page and "-3.500.000" in page and "20.000.000" in page
    # Newest first.
    assert page.index("05/02/2025") < page.index("01/02/2025")


def test_fund_detail_links_the_decision_that_paid(client, tree, synthesis, fund):
    base_salary()
    decision = draft(tree["own"], synthesis)
    person = factories.person_create("Lê Thị Hoa", unit=tree["own"])
    services.decision_recipient_add(decision=decision, subject=person, actor=synthesis)
    services.decision_issue(decision=decision, actor=synthesis)
    client.force_login(synthesis)
    page = client.get(reverse("awards:fund_detail", args=[fund.pk])).content.decode()
    assert reverse("awards:decision_detail", args=[decision.pk]) in page
    assert "15/QĐ-SNV" in page and "-702.000" in page


def test_entry_add_through_the_page(client, synthesis, fund, english):
    client.force_login(synthesis)
    response = client.post(reverse("awards:fund_entry_add", args=[fund.pk]), _entry_data())
    assert response.url == reverse("awards:fund_detail", args=[fund.pk])
    entry = FundEntry.objects.get()
    assert entry.amount == Decimal("-5000000")
    assert entry.date == datetime.date(2025, 4, 15)
    assert entry.is_propagation and entry.fund == fund
    page = client.get(response.url).content.decode()
    assert "15/04/2025" in page and "-5.000.000" in page
    assert 'data-testid="fund-balance">95.000.000<' in page


def test_entry_add_income_with_a_decision(client, tree, synthesis, fund):
    base_salary()
    decision = draft(tree["own"], synthesis)
    services.decision_recipient_add(
        decision=decision, subject=factories.person_create(unit=tree["own"]), actor=synthesis
    )
    services.decision_issue(decision=decision, actor=synthesis)
    other = draft(tree["own"], synthesis, number="16/QĐ-SNV")  # a draft is not offered
    client.force_login(synthesis)
    form = client.get(reverse("awards:fund_detail", args=[fund.pk])).context["entry_form"]
    assert list(form.fields["decision"].queryset) == [decision]
    data = _entry_data(direction="income", amount="702000", decision=decision.pk)
    del data["is_propagation"]
    client.post(reverse("awards:fund_entry_add", args=[fund.pk]), data)
    entry = FundEntry.objects.get(amount__gt=0)
    assert entry.amount == 702000 and entry.decision == decision and not entry.is_propagation
    data = _entry_data(decision=other.pk)
    client.post(reverse("awards:fund_entry_add", args=[fund.pk]), data)
    assert FundEntry.objects.count() == 2  # the issue's spending and the income only


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "năm triệu", "Enter an amount in VND as a whole number"),
        ("amount", "", "This field is required."),
        ("amount", "0", "The amount is required."),
        ("date", "31/02/2025", "Enter a valid date."),
        ("description", "", "This field is required."),
    ],
)
def test_entry_add_bad_input_keeps_what_was_typed(
    client, synthesis, fund, english, field, value, message
):
    _entry(fund, synthesis, "-1000000")
    client.force_login(synthesis)
    data = _entry_data(**{field: value})
    response = client.post(reverse("awards:fund_entry_add", args=[fund.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    for name in ("amount", "date", "description"):
        if data[name]:
            assert f'value="{data[name]}"' in page, name
    assert FundEntry.objects.count() == 1
    assert 'data-testid="fund-balance">99.000.000<' in page  # the page around it is whole


def test_entry_add_page_link_goes_back_to_the_fund(client, synthesis, fund):
    client.force_login(synthesis)
    response = client.get(reverse("awards:fund_entry_add", args=[fund.pk]), {"page": 2})
    assert response.url == reverse("awards:fund_detail", args=[fund.pk]) + "?page=2"


def test_fund_entries_are_paginated(client, synthesis, fund):
    for day in range(1, 56):
        _entry(fund, synthesis, "-1000", day=datetime.date(2025, 1, 1) + datetime.timedelta(day))
    client.force_login(synthesis)
    first = client.get(reverse("awards:fund_detail", args=[fund.pk]))
    assert len(first.context["page_obj"].object_list) == 50
    second = client.get(reverse("awards:fund_detail", args=[fund.pk]), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5
    assert "02/01/2025" in second.content.decode()


def test_fund_detail_queries_do_not_grow(
    client, tree, synthesis, fund, django_assert_max_num_queries
):
    base_salary()
    client.force_login(synthesis)
    _entry(fund, synthesis, "-1000")
    url = reverse("awards:fund_detail", args=[fund.pk])
    one = query_count(client, url)
    for number in range(3):
        decision = draft(tree["own"], synthesis, number=f"{number}/QĐ-SNV")
        services.decision_recipient_add(
            decision=decision, subject=factories.person_create(unit=tree["own"]), actor=synthesis
        )
        services.decision_issue(decision=decision, actor=synthesis)
        _entry(fund, synthesis, "1000", decision=decision)
    assert FundEntry.objects.filter(decision__isnull=False).count() == 6
    assert query_count(client, url) == one
    with django_assert_max_num_queries(12):
        client.get(url)


# Who sees and changes a fund ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "where", "sees", "changes"),
    [
        (Role.SYNTHESIS, "own", True, True),
        (Role.SYNTHESIS, "parent", True, True),
        (Role.SYNTHESIS, "own_child", False, False),
        (Role.SYNTHESIS, "sibling", False, False),
        (Role.SYNTHESIS, "outside", False, False),
        (Role.OFFICER, "own", True, False),
        (Role.HEAD, "own", True, False),
        (Role.OFFICER, "sibling", False, False),
        (Role.ADMIN, "outside", True, True),
    ],
)
def test_fund_scope(client, tree, fund, role, where, sees, changes):
    client.force_login(factories.user_with_role(role, tree[where]))
    detail = client.get(reverse("awards:fund_detail", args=[fund.pk]))
    assert detail.status_code == (200 if sees else 404)
    if sees:
        assert (detail.context["entry_form"] is not None) == changes
        assert ('data-testid="entry-form"' in detail.content.decode()) == changes
    response = client.post(reverse("awards:fund_entry_add", args=[fund.pk]), _entry_data())
    assert response.status_code == (302 if changes else 403 if sees else 404)
    assert FundEntry.objects.count() == (1 if changes else 0)
