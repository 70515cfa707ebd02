"""The ballot pages and API: who sees what, no counts while open, the minutes."""

import json
import re

import pytest
from django.urls import reverse

from guongsang.orgs.enums import Role
from guongsang.reviews.enums import Choice, RoundStatus
from guongsang.reviews.models import Ballot, Participation
from guongsang.reviews.services.ballots import ballot_cast
from guongsang.reviews.services.closing import round_close
from guongsang.reviews.tally import verify_chain
from tests import factories
from tests.reviews.test_ballots_support import all_present, round_create, seat_create, user_of


def api(client, method, path, payload=None):
    call = getattr(client, method)
    if payload is None:
        return call(f"/api{path}")
    return call(f"/api{path}", data=json.dumps(payload), content_type="application/json")


@pytest.fixture
def voted_round(tree):
    review_round, seats, candidates = round_create(tree)
    all_present(review_round, seats)
    for seat in seats[:4]:
        ballot_cast(candidate=candidates[0], choice=Choice.AGREE, actor=user_of(seat))
    ballot_cast(candidate=candidates[0], choice=Choice.DISAGREE, actor=user_of(seats[4]))
    return review_round, seats, candidates


def test_ballot_vote_page_lists_candidates_with_buttons(client, tree, english):
    review_round, seats, (first, second) = round_create(tree)
    conflicted = seat_create(review_round.council, tree["own"])
    client.force_login(user_of(conflicted))
    response = client.get(reverse("ballots:vote", args=[review_round.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert first.name in html and second.name in html
    assert html.count('data-testid="agree"') == 2
    assert html.count('data-testid="conflicted"') == 2
    assert "0 of 6 voted" in html


def test_ballot_vote_post_htmx_updates_in_place(client, tree, english):
    review_round, seats, (first, _) = round_create(tree)
    client.force_login(user_of(seats[1]))
    url = reverse("ballots:vote_cast", args=[review_round.pk, first.pk])
    response = client.post(url, {"choice": "agree"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'data-testid="voted"' in html and 'data-testid="agree"' not in html
    assert "1 of 5 voted" in html
    assert Ballot.objects.get().choice == Choice.AGREE
    again = client.post(url, {"choice": "disagree"}, headers={"HX-Request": "true"})
    assert "has already voted on" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_ballot_vote_page_hidden_from_outsiders(client, tree):
    review_round, seats, _ = round_create(tree)
    client.force_login(factories.UserFactory())
    assert client.get(reverse("ballots:vote", args=[review_round.pk])).status_code == 404
    office = factories.user_with_role(Role.SYNTHESIS, tree["parent"])
    client.force_login(office)  # runs the ballot, does not vote
    assert client.get(reverse("ballots:vote", args=[review_round.pk])).status_code == 403


def test_ballot_no_counts_while_open_for_admin(client, voted_round, english):
    review_round, seats, (first, _) = voted_round
    admin = factories.UserFactory(is_superuser=True)
    client.force_login(admin)
    desk = client.get(reverse("ballots:desk", args=[review_round.pk])).content.decode()
    assert "5 of 5" in desk and "<th>Agree</th>" not in desk
    status = api(client, "get", f"/ballots/rounds/{review_round.pk}").json()
    row = next(c for c in status["candidates"] if c["id"] == first.pk)
    assert (row["voted"], row["agree"], row["disagree"], row["passed"]) == (5, None, None, None)
    minutes = client.get(reverse("ballots:minutes", args=[review_round.pk]))
    assert minutes.status_code == 302


def test_ballot_api_vote_and_double_vote(client, tree, english):
    review_round, seats, (first, _) = round_create(tree)
    client.force_login(user_of(seats[1]))
    path = f"/ballots/rounds/{review_round.pk}/votes"
    assert (
        api(client, "post", path, {"candidate_id": first.pk, "choice": "agree"}).status_code == 204
    )
    again = api(client, "post", path, {"candidate_id": first.pk, "choice": "agree"})
    assert again.status_code == 400 and "already voted" in again.json()["detail"]
    bad = api(client, "post", path, {"candidate_id": first.pk, "choice": "maybe"})
    assert bad.status_code == 400 and "Choose" in bad.json()["detail"]


def test_ballot_api_member_cannot_run(client, tree):
    review_round, seats, (first, _) = round_create(tree)
    client.force_login(user_of(seats[1]))
    response = api(client, "post", f"/ballots/rounds/{review_round.pk}/close")
    assert response.status_code == 403
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.OPEN


def test_ballot_api_secretary_runs_the_sitting(client, tree):
    review_round, seats, (first, _) = round_create(tree)
    client.force_login(user_of(seats[-1]))
    base = f"/ballots/rounds/{review_round.pk}"
    for seat in seats:
        payload = {"member_id": seat.pk, "present": seat != seats[3]}
        assert api(client, "put", f"{base}/attendance", payload).status_code == 204
    opinion = {"candidate_id": first.pk, "member_id": seats[3].pk, "choice": "disagree"}
    assert api(client, "put", f"{base}/written-opinions", opinion).status_code == 204
    paper = {
        "candidate_id": first.pk,
        "member_ids": [s.pk for s in seats[:3]],
        "agree": 2,
        "disagree": 1,
    }
    assert api(client, "post", f"{base}/paper", paper).status_code == 204
    closed = api(client, "post", f"{base}/close").json()
    row = next(c for c in closed["candidates"] if c["id"] == first.pk)
    assert (closed["status"], row["agree"], row["disagree"], row["base"]) == ("closed", 2, 2, 5)
    chain = api(client, "get", f"{base}/chain").json()
    assert chain["ok"] and chain["ballots"] == 3 and chain["last_hash"] == closed["final_hash"]


def test_ballot_minutes_after_close(client, voted_round, english):
    review_round, seats, (first, _) = voted_round
    round_close(round=review_round, actor=user_of(seats[-1]))
    client.force_login(user_of(seats[1]))
    html = client.get(reverse("ballots:minutes", args=[review_round.pk])).content.decode()
    review_round.refresh_from_db()
    assert review_round.final_hash in html
    assert re.search(r"80[.,]0% \(4 of 5\)", html)
    assert "20/12/2024" in html


def test_ballot_anonymity_api_exposes_no_link(client, voted_round):
    review_round, seats, _ = voted_round
    assert Participation.objects.count() == Ballot.objects.count() == 5
    assert verify_chain(review_round).ok


def test_ballot_desk_forbidden_to_plain_member(client, tree):
    review_round, seats, _ = round_create(tree)
    client.force_login(user_of(seats[1]))
    assert client.get(reverse("ballots:desk", args=[review_round.pk])).status_code == 403


def test_ballot_paper_page_counts_in(client, tree, english):
    review_round, seats, (first, _) = round_create(tree)
    all_present(review_round, seats)
    client.force_login(user_of(seats[-1]))
    url = reverse("ballots:paper", args=[review_round.pk, first.pk])
    members = [seats[0].pk, seats[1].pk]
    wrong = client.post(url, {"members": members, "agree": 2, "disagree": 1})
    assert "must equal the number of members who voted on paper (2)" in wrong.content.decode()
    response = client.post(url, {"members": members, "agree": 1, "disagree": 1})
    assert response.status_code == 302
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == ["agree", "disagree"]
    assert set(Participation.objects.values_list("member_id", flat=True)) == set(members)


def test_ballot_close_page_then_minutes(client, voted_round):
    review_round, seats, _ = voted_round
    client.force_login(user_of(seats[0]))  # the chair
    response = client.post(reverse("ballots:close", args=[review_round.pk]))
    assert response.url == reverse("ballots:minutes", args=[review_round.pk])
    review_round.refresh_from_db()
    assert review_round.status == RoundStatus.CLOSED and len(review_round.final_hash) == 64


def test_round_page_links_each_user_to_their_ballot_pages(client, tree):
    review_round, seats, _ = round_create(tree)
    page = reverse("reviews:round_detail", args=[review_round.pk])
    client.force_login(user_of(seats[1]))
    html = client.get(page).content.decode()
    assert reverse("ballots:vote", args=[review_round.pk]) in html
    assert 'data-testid="ballot-minutes"' not in html
    office = factories.user_with_role(Role.SYNTHESIS, review_round.council.unit)
    client.force_login(office)
    html = client.get(page).content.decode()
    assert reverse("ballots:desk", args=[review_round.pk]) in html
    assert 'data-testid="ballot-vote"' not in html
    all_present(review_round, seats)
    round_close(round=review_round, actor=office)
    html = client.get(page).content.decode()
    assert reverse("ballots:minutes", args=[review_round.pk]) in html
