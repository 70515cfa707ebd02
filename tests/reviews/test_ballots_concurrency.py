"""Fifty members voting at the same moment (PostgreSQL only: SQLite has no row locks)."""

import threading

import pytest
from django.db import connection, connections

from guongsang.common.errors import DomainError
from guongsang.reviews.enums import Choice
from guongsang.reviews.models import Ballot, Participation
from guongsang.reviews.services.ballots import ballot_cast
from guongsang.reviews.tally import verify_chain
from tests.reviews.test_ballots_support import round_create, user_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: ballot casting is serialised with SELECT … FOR UPDATE",
    ),
]
THREADS = 50


def run_together(calls) -> tuple[int, list[Exception]]:
    """Run the calls in threads released at once by a barrier; each thread its own connection."""
    barrier = threading.Barrier(len(calls))
    errors: list[Exception] = []
    done = []
    lock = threading.Lock()

    def worker(call):
        try:
            barrier.wait()
            call()
            with lock:
                done.append(1)
        except Exception as error:  # noqa: BLE001 — collected and asserted below
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(done), errors


def test_ballot_fifty_members_vote_at_once(tree):
    review_round, seats, (candidate,) = round_create(tree, members=THREADS, candidates=1)
    choices = [Choice.AGREE if i % 3 else Choice.DISAGREE for i in range(THREADS)]
    users = [user_of(seat) for seat in seats]
    calls = [
        (lambda u=u, c=c: ballot_cast(candidate=candidate, choice=c, actor=u))
        for u, c in zip(users, choices, strict=True)
    ]
    succeeded, errors = run_together(calls)
    assert errors == [] and succeeded == THREADS
    assert Participation.objects.count() == THREADS
    assert sorted(Ballot.objects.values_list("position", flat=True)) == list(range(1, THREADS + 1))
    assert Ballot.objects.filter(choice=Choice.AGREE).count() == choices.count(Choice.AGREE)
    assert verify_chain(review_round).ok


def test_ballot_fifty_double_votes_one_counted(tree):
    review_round, seats, (candidate,) = round_create(tree, members=3, candidates=1)
    user = user_of(seats[1])
    calls = [
        (lambda: ballot_cast(candidate=candidate, choice=Choice.AGREE, actor=user))
        for _ in range(THREADS)
    ]
    succeeded, errors = run_together(calls)
    assert succeeded == 1
    assert len(errors) == THREADS - 1 and all(isinstance(e, DomainError) for e in errors)
    assert Participation.objects.count() == Ballot.objects.count() == 1
    assert verify_chain(review_round).ok
