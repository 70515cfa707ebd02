"""Council and round pages: the permission matrix, the council-only thread, bulk steps."""

import pytest
from django.urls import reverse

from guongsang.exemplars.enums import ExemplarStatus
from guongsang.orgs.enums import Role
from guongsang.reviews import services
from guongsang.reviews.enums import Outcome, RoundStatus
from guongsang.reviews.models import Candidate, Council, ReviewRound
from tests import factories
from tests.exemplars.conftest import plan_create, query_count
from tests.reviews.conftest import DAY, close, member_user, opened_round, person_in, proposed

PLACES = ("own_child", "sibling", "parent", "outside")
ROLES = [Role.STAFF, Role.OFFICER, Role.HEAD, Role.SYNTHESIS, Role.COUNCIL, Role.EDITOR, Role.ADMIN]


@pytest.fixture
def world(tree, plan):
    """A council with an open round in every place (the role under test is bound to `own`)."""
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    rounds = {}
    for place in PLACES:
        council = services.council_create(
            unit=tree[place], name=f"Hội đồng {place}", valid_from=DAY, actor=admin
        )
        own_plan = plan if place != "outside" else plan_create(tree["outside"])
        exemplar = proposed(person_in(tree[place]), own_plan, admin)
        rounds[place] = opened_round(council, admin, [exemplar], name=f"Đợt {place}")
    return rounds


def _expected(role, place) -> int:
    if role == Role.ADMIN:
        return 200
    if role == Role.SYNTHESIS and place == "own_child":
        return 200
    return 404


@pytest.mark.parametrize("role", ROLES)
def test_round_and_council_pages_matrix(client, tree, world, role):
    """Reading in every place; managing (the bulk outcome page) with the same reach."""
    client.force_login(factories.user_with_role(role, tree["own"]))
    listed = client.get(reverse("reviews:round_list"))
    names = [r.name for r in listed.context["page_obj"]] if listed.status_code == 200 else []
    for place in PLACES:
        review_round = world[place]
        candidate = review_round.candidates.get()
        expected = _expected(role, place)
        urls = [
            reverse("reviews:round_detail", args=[review_round.pk]),
            reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk]),
            reverse("reviews:council_detail", args=[review_round.council_id]),
            reverse("reviews:round_export", args=[review_round.pk]),
            reverse("reviews:outcomes_bulk", args=[review_round.pk]),
        ]
        for url in urls:
            assert client.get(url).status_code == expected, (url, place)
        assert (review_round.name in names) == (expected == 200), place


def test_council_member_sees_only_their_councils_rounds(client, tree, world):
    admin = factories.user_with_role(Role.ADMIN, tree["parent"])
    member, _ = member_user(world["outside"].council, admin, unit=tree["outside"])
    client.force_login(member)
    response = client.get(reverse("reviews:round_list"))
    assert [r.name for r in response.context["page_obj"]] == ["Đợt outside"]
    assert (
        client.get(reverse("reviews:round_detail", args=[world["outside"].pk])).status_code == 200
    )
    assert (
        client.get(reverse("reviews:round_detail", args=[world["sibling"].pk])).status_code == 404
    )
    # A member reads, but neither manages nor records outcomes.
    assert (
        client.get(reverse("reviews:outcomes_bulk", args=[world["outside"].pk])).status_code == 403
    )


def test_discussion_only_for_council_and_admins(client, tree, plan, council, synthesis):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    candidate = review_round.candidates.get()
    member, _ = member_user(council, synthesis)
    services.comment_add(candidate=candidate, text="Bí mật của hội đồng", actor=member)
    url = reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk])
    admin = factories.user_with_role(Role.ADMIN, tree["outside"])
    parent_synthesis = factories.user_with_role(Role.SYNTHESIS, tree["parent"])
    for user, sees in (
        (member, True),
        (admin, True),
        (synthesis, False),
        (parent_synthesis, False),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert ("Bí mật của hội đồng" in response.content.decode()) is sees
    client.force_login(synthesis)
    post = reverse("reviews:candidate_comment", args=[review_round.pk, candidate.pk])
    assert client.post(post, {"text": "Xin nói"}).status_code == 403
    client.force_login(member)
    client.post(post, {"text": "Đồng ý"})
    assert candidate.comments.count() == 2


def test_candidates_add_confirmation_step(client, tree, plan, council, synthesis):
    exemplars = [proposed(person_in(tree["own"], n), plan, synthesis) for n in ("Lê An", "Võ Bình")]
    review_round = services.round_create(
        council=council, name="Đợt 1", year=2024, level="unit", actor=synthesis
    )
    client.force_login(synthesis)
    url = reverse("reviews:candidates_add", args=[review_round.pk])
    page = client.get(url)
    assert {e.subject_name for e in page.context["exemplars"]} == {"Lê An", "Võ Bình"}
    response = client.post(url, {"exemplars": [e.pk for e in exemplars]})
    assert response.status_code == 200
    assert "Lê An" in response.content.decode()
    assert not Candidate.objects.exists()
    response = client.post(url, {"exemplars": [e.pk for e in exemplars], "confirm": "1"})
    assert response.status_code == 302
    assert sorted(Candidate.objects.values_list("name", flat=True)) == ["Lê An", "Võ Bình"]
    exemplars[0].refresh_from_db()
    assert exemplars[0].status == ExemplarStatus.UNDER_REVIEW


def test_outcomes_bulk_confirmation_step(client, tree, plan, council, synthesis, english):
    exemplars = [proposed(person_in(tree["own"]), plan, synthesis) for _ in range(2)]
    review_round = opened_round(council, synthesis, exemplars)
    ids = list(review_round.candidates.values_list("pk", flat=True))
    client.force_login(synthesis)
    url = reverse("reviews:outcomes_bulk", args=[review_round.pk])
    response = client.post(url, {"candidates": ids, "outcome": "defer", "reason": "Bổ sung"})
    assert response.status_code == 200
    assert [c.pk for c in response.context["chosen"]] == sorted(ids, key=ids.index)
    assert set(Candidate.objects.values_list("outcome", flat=True)) == {Outcome.PENDING}
    data = {"candidates": ids, "outcome": "defer", "reason": "", "confirm": "1"}
    response = client.post(url, data)
    assert "Give the reason" in response.content.decode()
    data["reason"] = "Bổ sung"
    assert client.post(url, data).status_code == 302
    assert set(Candidate.objects.values_list("outcome", flat=True)) == {Outcome.DEFER}


def test_closed_round_page_offers_no_change(client, tree, plan, council, synthesis, english):
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = close(opened_round(council, synthesis, [exemplar]))
    candidate = review_round.candidates.get()
    client.force_login(synthesis)
    page = client.get(reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk]))
    assert page.context["outcome_form"] is None
    post = reverse("reviews:candidate_outcome", args=[review_round.pk, candidate.pk])
    response = client.post(post, {"outcome": "pass"}, follow=True)
    assert "The review round is closed" in response.content.decode()
    candidate.refresh_from_db()
    assert candidate.outcome == Outcome.PENDING
    assert review_round.status == RoundStatus.CLOSED


def test_round_detail_ranked_search_and_constant_queries(client, tree, plan, council, synthesis):
    names = ["Đặng Thị Hà", "Nguyễn Văn Lâm", "Trần Quốc Tuấn"]
    exemplars = [proposed(person_in(tree["own"], n), plan, synthesis) for n in names[:1]]
    review_round = opened_round(council, synthesis, exemplars)
    client.force_login(synthesis)
    url = reverse("reviews:round_detail", args=[review_round.pk])
    one = query_count(client, url)
    more = [proposed(person_in(tree["own"], n), plan, synthesis) for n in names[1:]]
    services.candidates_add(review_round=review_round, exemplars=more, actor=synthesis)
    Candidate.objects.filter(name="Trần Quốc Tuấn").update(score=9)
    assert query_count(client, url) == one
    response = client.get(url)
    assert [c.name for c in response.context["page_obj"]] == [
        "Trần Quốc Tuấn", "Đặng Thị Hà", "Nguyễn Văn Lâm",
    ]  # fmt: skip
    response = client.get(url, {"q": "dang thi ha"})
    assert [c.name for c in response.context["page_obj"]] == ["Đặng Thị Hà"]


def test_council_list_constant_queries(client, tree, synthesis):
    client.force_login(synthesis)
    url = reverse("reviews:council_list")
    services.council_create(unit=tree["own"], name="HĐ 1", valid_from=DAY, actor=synthesis)
    one = query_count(client, url)
    for n in (2, 3):
        services.council_create(unit=tree["own"], name=f"HĐ {n}", valid_from=DAY, actor=synthesis)
    assert query_count(client, url) == one
    assert Council.objects.count() == 3


def test_council_create_page(client, tree, synthesis):
    client.force_login(synthesis)
    data = {"unit": tree["own"].pk, "name": "Hội đồng TĐKT Sở", "valid_from": "01/02/2024"}
    response = client.post(reverse("reviews:council_create"), data)
    council = Council.objects.get()
    assert response.url == reverse("reviews:council_detail", args=[council.pk])
    assert (council.name, council.valid_from.isoformat()) == ("Hội đồng TĐKT Sở", "2024-02-01")
    person = factories.person_create("Phan Văn Chủ", unit=tree["own"])
    add = reverse("reviews:council_member_add", args=[council.pk])
    client.post(add, {"person": person.pk, "role": "chair", "valid_from": "01/02/2024"})
    page = client.get(reverse("reviews:council_detail", args=[council.pk]))
    assert [m.person.full_name for m in page.context["members"]] == ["Phan Văn Chủ"]
    assert "01/02/2024" in page.content.decode()


def test_round_create_page_uses_title_pass_mark(client, council, synthesis):
    client.force_login(synthesis)
    title = factories.title("cstd-bo-nganh-tinh")
    data = {"council": council.pk, "name": "Đợt cấp tỉnh", "year": 2024, "level": "province",
            "title": title.pk, "meeting_date": "15/12/2024"}  # fmt: skip
    response = client.post(reverse("reviews:round_create"), data)
    review_round = ReviewRound.objects.get()
    assert response.url == reverse("reviews:round_detail", args=[review_round.pk])
    assert (review_round.threshold_percent, review_round.requires_vote) == (90, True)
    assert review_round.meeting_date.isoformat() == "2024-12-15"
    page = client.get(response.url)
    assert "15/12/2024" in page.content.decode()


def test_form_pages_render(client, tree, plan, council, synthesis, english):
    client.force_login(synthesis)
    assert "Set up a council" in client.get(reverse("reviews:council_create")).content.decode()
    page = client.get(reverse("reviews:round_create"))
    assert list(page.context["form"].fields["council"].queryset) == [council]
    exemplar = proposed(person_in(tree["own"]), plan, synthesis)
    review_round = opened_round(council, synthesis, [exemplar])
    candidate = review_round.candidates.get()
    services.criterion_add(review_round=review_round, name="Thành tích", actor=synthesis)
    member, _ = member_user(council, synthesis)
    client.force_login(member)
    url = reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk])
    page = client.get(url)
    assert page.context["score_form"] is not None and page.context["outcome_form"] is None
    score = reverse("reviews:candidate_score", args=[review_round.pk, candidate.pk])
    crit = review_round.criteria.get()
    client.post(score, {f"c{crit.pk}": "7"})
    candidate.refresh_from_db()
    assert str(candidate.score) == "7.00"
