"""Edit pages of councils, seats, rounds and scoring criteria: input, scope, closed rounds."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from guongsang.orgs.enums import Role
from guongsang.reviews import services
from guongsang.reviews.enums import MemberRole, ThresholdBase
from guongsang.reviews.models import Council, CouncilMember, ReviewRound, ScoringCriterion
from tests import factories
from tests.reviews.conftest import (
    DAY,
    close,
    member_user,
    opened_round,
    person_in,
    proposed,
    round_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_round(council, synthesis):
    return round_of(council, synthesis)


@pytest.fixture
def criterion(review_round, synthesis):
    return services.criterion_add(
        review_round=review_round, name="Thành tích", weight=2, max_score=10, actor=synthesis
    )


def _round_data(**fields):
    return {
        "name": "Bình xét Chiến sĩ thi đua cơ sở 2024",
        "meeting_date": "20/12/2024",
        "quorum_percent": 70,
        "threshold_percent": 80,
        "threshold_base": ThresholdBase.VOTES_CAST,
        "exclude_conflicted": "on",
        **fields,
    }


# Councils and seats ---------------------------------------------------------------------


def test_council_edit_through_the_page(client, council, synthesis):
    client.force_login(synthesis)
    url = reverse("reviews:council_edit", args=[council.pk])
    page = client.get(url)
    assert page.context["form"].initial["name"] == council.name
    data = {
        "name": "Hội đồng nhiệm kỳ 2024-2026",
        "valid_from": "01/01/2024",
        "valid_to": "31/12/2026",
    }
    response = client.post(url, data)
    assert response.url == reverse("reviews:council_detail", args=[council.pk])
    council.refresh_from_db()
    assert council.name == "Hội đồng nhiệm kỳ 2024-2026"
    assert council.valid_to == datetime.date(2026, 12, 31)
    assert council.history.latest().history_user == synthesis


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"valid_to": "31/12/2023"}, "The end date comes before the start date."),
        ({"valid_from": "32/13/2024"}, "Enter a valid date."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_council_edit_bad_input_keeps_what_was_typed(
    client, council, synthesis, english, fields, message
):
    client.force_login(synthesis)
    data = {"name": "Hội đồng mới", "valid_from": "01/01/2024", "valid_to": "", **fields}
    response = client.post(reverse("reviews:council_edit", args=[council.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    for value in data.values():
        if value:
            assert f'value="{value}"' in page
    assert Council.objects.get(pk=council.pk).name == "Hội đồng Thi đua - Khen thưởng Sở"


def test_member_edit_through_the_page(client, council, synthesis):
    _, seat = member_user(council, synthesis, role=MemberRole.MEMBER)
    client.force_login(synthesis)
    url = reverse("reviews:council_member_edit", args=[council.pk, seat.pk])
    assert client.get(url).context["form"].initial["role"] == MemberRole.MEMBER
    data = {"role": MemberRole.VICE_CHAIR, "valid_from": "01/02/2024", "valid_to": "30/06/2025"}
    response = client.post(url, data)
    assert response.url == reverse("reviews:council_detail", args=[council.pk])
    seat.refresh_from_db()
    assert seat.role == MemberRole.VICE_CHAIR
    assert (seat.valid_from, seat.valid_to) == (
        datetime.date(2024, 2, 1),
        datetime.date(2025, 6, 30),
    )


def test_member_edit_refuses_a_second_chair(client, council, synthesis, english):
    member_user(council, synthesis, role=MemberRole.CHAIR)
    _, seat = member_user(council, synthesis, role=MemberRole.MEMBER)
    client.force_login(synthesis)
    data = {"role": MemberRole.CHAIR, "valid_from": "01/01/2024", "valid_to": ""}
    response = client.post(reverse("reviews:council_member_edit", args=[council.pk, seat.pk]), data)
    page = response.content.decode()
    assert "The council already has a “Chair”; end that seat first." in page
    assert 'value="01/01/2024"' in page
    assert CouncilMember.objects.get(pk=seat.pk).role == MemberRole.MEMBER


def test_member_edit_bad_dates_refused(client, council, synthesis, english):
    _, seat = member_user(council, synthesis)
    client.force_login(synthesis)
    data = {"role": MemberRole.MEMBER, "valid_from": "01/06/2024", "valid_to": "01/01/2024"}
    response = client.post(reverse("reviews:council_member_edit", args=[council.pk, seat.pk]), data)
    assert "The end date comes before the start date." in response.content.decode()
    assert CouncilMember.objects.get(pk=seat.pk).valid_to is None


def test_member_of_another_council_is_not_found(client, tree, council, synthesis):
    other = services.council_create(
        unit=tree["own_child"], name="Hội đồng Phòng", valid_from=DAY, actor=synthesis
    )
    _, seat = member_user(other, synthesis)
    client.force_login(synthesis)
    url = reverse("reviews:council_member_edit", args=[council.pk, seat.pk])
    assert client.get(url).status_code == 404


def test_council_page_shows_edit_links_to_managers_only(client, council, synthesis):
    member, seat = member_user(council, synthesis)
    url = reverse("reviews:council_detail", args=[council.pk])
    client.force_login(synthesis)
    page = client.get(url).content.decode()
    assert reverse("reviews:council_edit", args=[council.pk]) in page
    assert reverse("reviews:council_member_edit", args=[council.pk, seat.pk]) in page
    client.force_login(member)
    page = client.get(url).content.decode()
    assert seat.person.full_name in page
    assert reverse("reviews:council_edit", args=[council.pk]) not in page
    assert reverse("reviews:council_member_edit", args=[council.pk, seat.pk]) not in page


# Rounds and criteria --------------------------------------------------------------------


def test_round_edit_through_the_page(client, review_round, synthesis, english):
    client.force_login(synthesis)
    url = reverse("reviews:round_edit", args=[review_round.pk])
    assert client.get(url).context["form"].initial["name"] == "Bình xét năm 2024"
    response = client.post(url, _round_data())
    assert response.url == reverse("reviews:round_detail", args=[review_round.pk])
    review_round.refresh_from_db()
    assert review_round.name == "Bình xét Chiến sĩ thi đua cơ sở 2024"
    assert review_round.meeting_date == datetime.date(2024, 12, 20)
    assert (review_round.quorum_percent, review_round.threshold_percent) == (70, 80)
    assert review_round.threshold_base == ThresholdBase.VOTES_CAST
    assert review_round.exclude_conflicted and not review_round.requires_vote
    page = client.get(response.url).content.decode()
    assert 'data-testid="threshold">80% · Of the votes cast' in page
    assert 'data-testid="quorum">70%' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"threshold_percent": 150}, "Ensure this value is less than or equal to 100."),
        ({"quorum_percent": ""}, "This field is required."),
        ({"meeting_date": "2024/12/20"}, "Enter a valid date."),
        ({"threshold_base": "half"}, "Select a valid choice."),
    ],
)
def test_round_edit_bad_input_keeps_what_was_typed(
    client, review_round, synthesis, english, fields, message
):
    client.force_login(synthesis)
    data = _round_data(**fields)
    response = client.post(reverse("reviews:round_edit", args=[review_round.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="Bình xét Chiến sĩ thi đua cơ sở 2024"' in page
    assert ReviewRound.objects.get(pk=review_round.pk).name == "Bình xét năm 2024"


def test_criterion_edit_reweighs_the_scores(client, tree, plan, council, synthesis, english):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    achievements = services.criterion_add(
        review_round=review_round, name="Thành tích", weight=1, max_score=10, actor=synthesis
    )
    influence = services.criterion_add(
        review_round=review_round, name="Sức lan tỏa", weight=1, max_score=10, actor=synthesis
    )
    member, _ = member_user(council, synthesis)
    candidate = review_round.candidates.get()
    values = {achievements.pk: 10, influence.pk: 0}
    services.scores_set(candidate=candidate, values=values, actor=member)
    client.force_login(synthesis)
    url = reverse("reviews:criterion_edit", args=[review_round.pk, influence.pk])
    assert client.get(url).context["form"].initial["weight"] == Decimal(1)
    data = {"name": "Sức lan tỏa trong cộng đồng", "weight": "3", "max_score": 10, "order": 5}
    response = client.post(url, data)
    assert response.url == reverse("reviews:round_detail", args=[review_round.pk])
    influence.refresh_from_db()
    assert influence.name == "Sức lan tỏa trong cộng đồng"
    assert (influence.weight, influence.order) == (Decimal(3), 5)
    candidate.refresh_from_db()
    assert candidate.score == Decimal("2.50")  # (1·10 + 3·0) / 4
    # A highest score below the scores already given is refused.
    data = {"name": "Thành tích", "weight": "1", "max_score": 5, "order": 1}
    url = reverse("reviews:criterion_edit", args=[review_round.pk, achievements.pk])
    response = client.post(url, data)
    assert "Some scores are above the new highest score." in response.content.decode()
    assert ScoringCriterion.objects.get(pk=achievements.pk).max_score == 10


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"weight": "0"}, "The weight must be greater than zero."),
        ({"weight": "nặng"}, "Enter a number."),
        ({"max_score": 0}, "Ensure this value is greater than or equal to 1."),
        ({"name": ""}, "This field is required."),
    ],
)
def test_criterion_edit_bad_input_keeps_what_was_typed(
    client, review_round, criterion, synthesis, english, fields, message
):
    client.force_login(synthesis)
    data = {"name": "Thành tích nổi bật", "weight": "1.5", "max_score": 20, "order": 2, **fields}
    url = reverse("reviews:criterion_edit", args=[review_round.pk, criterion.pk])
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'value="20"' in page or fields.get("max_score") == 0
    criterion.refresh_from_db()
    assert (criterion.name, criterion.weight, criterion.max_score) == ("Thành tích", 2, 10)


def test_criterion_of_another_round_is_not_found(client, council, review_round, synthesis):
    other = round_of(council, synthesis, name="Đợt khác")
    foreign = services.criterion_add(review_round=other, name="Khác", actor=synthesis)
    client.force_login(synthesis)
    url = reverse("reviews:criterion_edit", args=[review_round.pk, foreign.pk])
    assert client.get(url).status_code == 404


def test_closed_round_refuses_edits(client, review_round, criterion, synthesis, english):
    close(review_round)
    client.force_login(synthesis)
    detail = reverse("reviews:round_detail", args=[review_round.pk])
    edit = reverse("reviews:round_edit", args=[review_round.pk])
    criterion_edit = reverse("reviews:criterion_edit", args=[review_round.pk, criterion.pk])
    response = client.get(edit, follow=True)
    assert response.redirect_chain == [(detail, 302)]
    assert "The review round is closed; nothing in it can change." in response.content.decode()
    assert client.post(edit, _round_data()).url == detail
    data = {"name": "Đổi", "weight": "5", "max_score": 10, "order": 1}
    assert client.post(criterion_edit, data).url == detail
    assert ReviewRound.objects.get(pk=review_round.pk).name == "Bình xét năm 2024"
    assert ScoringCriterion.objects.get(pk=criterion.pk).weight == 2
    page = client.get(detail).content.decode()
    assert edit not in page and criterion_edit not in page


def test_round_page_shows_edit_links_to_managers_only(client, council, criterion, synthesis):
    review_round = criterion.round
    member, _ = member_user(council, synthesis)
    detail = reverse("reviews:round_detail", args=[review_round.pk])
    links = [
        reverse("reviews:round_edit", args=[review_round.pk]),
        reverse("reviews:criterion_edit", args=[review_round.pk, criterion.pk]),
    ]
    client.force_login(synthesis)
    page = client.get(detail).content.decode()
    assert all(link in page for link in links)
    client.force_login(member)
    page = client.get(detail).content.decode()
    assert "Thành tích" in page
    assert not any(link in page for link in links)


# Who may edit ---------------------------------------------------------------------------

PLACES = ("own", "own_child", "sibling", "parent", "outside")


@pytest.fixture
def places(tree):
    """A council with a draft round, a criterion and a seat in every place."""
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    made = {}
    for place in PLACES:
        council = services.council_create(
            unit=tree[place], name=f"Hội đồng {place}", valid_from=DAY, actor=admin
        )
        review_round = round_of(council, admin, name=f"Đợt {place}")
        criterion = services.criterion_add(review_round=review_round, name="Tiêu chí", actor=admin)
        _, seat = member_user(council, admin, unit=tree[place])
        made[place] = (council, seat, review_round, criterion)
    return made


def _edit_urls(council, seat, review_round, criterion):
    return [
        reverse("reviews:council_edit", args=[council.pk]),
        reverse("reviews:council_member_edit", args=[council.pk, seat.pk]),
        reverse("reviews:round_edit", args=[review_round.pk]),
        reverse("reviews:criterion_edit", args=[review_round.pk, criterion.pk]),
    ]


@pytest.mark.parametrize(
    ("role", "reaches"),
    [
        (Role.SYNTHESIS, {"own", "own_child"}),
        (Role.ADMIN, set(PLACES)),
        (Role.OFFICER, set()),
        (Role.HEAD, set()),
        (Role.COUNCIL, set()),
        (Role.STAFF, set()),
    ],
)
def test_edit_pages_follow_the_managing_scope(client, tree, places, role, reaches):
    client.force_login(factories.user_with_role(role, tree["own"]))
    for place, made in places.items():
        for url in _edit_urls(*made):
            assert client.get(url).status_code == (200 if place in reaches else 404), url
        council, _, review_round, _ = made
        rename = {"name": "Đổi tên", "valid_from": "01/01/2024"}
        client.post(reverse("reviews:council_edit", args=[council.pk]), rename)
        client.post(reverse("reviews:round_edit", args=[review_round.pk]), _round_data())
        council.refresh_from_db()
        review_round.refresh_from_db()
        assert (council.name == "Đổi tên") == (place in reaches), place
        assert (review_round.threshold_percent == 80) == (place in reaches), place


def test_council_member_reads_but_cannot_edit(client, places):
    council, seat, review_round, criterion = places["sibling"]
    member = seat.person.user
    client.force_login(member)
    assert client.get(reverse("reviews:council_detail", args=[council.pk])).status_code == 200
    for url in _edit_urls(council, seat, review_round, criterion):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("reviews:round_edit", args=[review_round.pk]), _round_data())
    assert response.status_code == 403
    assert ReviewRound.objects.get(pk=review_round.pk).threshold_percent != 80
