"""The data of the council's minutes (rendered here as HTML and by awards as DOCX/PDF)."""

import datetime

import pytest

from guongsang.reviews.enums import Choice, MemberRole, Outcome
from guongsang.reviews.minutes import minutes_data
from guongsang.reviews.services.ballots import attendance_set, ballot_cast, written_opinion_record
from guongsang.reviews.services.closing import round_close
from guongsang.reviews.tally import TallyNotAvailable
from tests.reviews.test_ballots_support import all_present, round_create, user_of


def test_minutes_data_refused_while_open(tree):
    review_round, seats, _ = round_create(tree)
    with pytest.raises(TallyNotAvailable):
        minutes_data(review_round)


def test_minutes_data_after_close(tree):
    review_round, seats, (first, second) = round_create(tree, members=5, threshold_percent=80)
    secretary = user_of(seats[-1])
    all_present(review_round, seats[:4])
    attendance_set(review_round=review_round, member=seats[-1], present=False, actor=secretary)
    written_opinion_record(
        candidate=first,
        member=seats[-1],
        choice=Choice.AGREE,
        note="Gửi bằng văn bản",
        actor=secretary,
    )
    for seat in seats[:4]:
        ballot_cast(candidate=first, choice=Choice.AGREE, actor=user_of(seat))
    ballot_cast(candidate=second, choice=Choice.DISAGREE, actor=user_of(seats[0]))
    round_close(round=review_round, actor=secretary)
    data = minutes_data(review_round)
    review_round.refresh_from_db()
    assert data["council"] == review_round.council.name
    assert data["unit"] == tree["parent"].name
    assert data["meeting_date"] == datetime.date(2024, 12, 20)
    assert (data["members_count"], data["present_count"], data["absent_count"]) == (5, 4, 1)
    assert [m["present"] for m in data["members"]].count(False) == 1
    assert {m["role"] for m in data["members"]} == {
        MemberRole.CHAIR,
        MemberRole.MEMBER,
        MemberRole.SECRETARY,
    }
    assert data["written_opinions"] == [
        {
            "member": seats[-1].person.full_name,
            "candidate": first.name,
            "choice": Choice.AGREE,
            "choice_label": str(Choice.AGREE.label),
            "note": "Gửi bằng văn bản",
        }
    ]
    rows = {row["id"]: row for row in data["candidates"]}
    assert rows[first.pk]["agree"] == 5 and rows[first.pk]["written_agree"] == 1
    assert rows[first.pk]["base"] == 5 and rows[first.pk]["percent"] == 100.0
    assert rows[first.pk]["passed"] and rows[first.pk]["suggested_outcome"] == Outcome.PASS
    assert rows[second.pk]["disagree"] == 1 and not rows[second.pk]["passed"]
    assert rows[first.pk]["outcome"] == Outcome.PENDING
    assert data["final_hash"] == review_round.final_hash and data["chain_ok"]
    assert data["threshold_percent"] == 80 and data["quorum_met"]
