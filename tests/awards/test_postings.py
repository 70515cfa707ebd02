"""Public posting before the council votes: working days, rules, comments, the vote gate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from guongsang.awards import services
from guongsang.awards.models import PostingComment, PublicPosting
from guongsang.awards.services.postings import posting_required, working_days_end
from guongsang.common.errors import DomainError
from guongsang.orgs.enums import Role
from guongsang.reviews.models import Ballot
from guongsang.reviews.services.ballots import ballot_cast, ballots_count_in
from tests import factories
from tests.reviews.test_ballots_support import all_present, round_create, user_of

pytestmark = pytest.mark.django_db

TITLE = "cstd-bo-nganh-tinh"


@pytest.fixture
def staff(tree):
    return factories.user_with_role(Role.SYNTHESIS, tree["parent"])


@pytest.fixture
def posted_round(tree):
    review_round, seats, candidates = round_create(tree, candidates=1, title=factories.title(TITLE))
    all_present(review_round, seats)
    return review_round, seats, candidates[0]


def _post(candidate, staff, start):
    return services.posting_create(
        exemplar=candidate.exemplar, title=factories.title(TITLE), start=start, actor=staff
    )


def _open_posting(candidate, staff):
    return _post(candidate, staff, timezone.localdate() - datetime.timedelta(days=1))


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2025, 3, 10), datetime.date(2025, 3, 21)),  # Monday: day 1
        (datetime.date(2025, 3, 14), datetime.date(2025, 3, 27)),  # Friday: day 1
        (datetime.date(2025, 3, 15), datetime.date(2025, 3, 28)),  # Saturday: Monday is day 1
        (datetime.date(2025, 3, 16), datetime.date(2025, 3, 28)),  # Sunday
    ],
)
def test_ten_working_days(start, end):
    assert working_days_end(start) == end


def test_posting_required_for_province_and_national_voted_titles(db):
    assert posting_required(factories.title("cstd-bo-nganh-tinh"))
    assert posting_required(factories.title("cstd-toan-quoc"))
    assert not posting_required(factories.title("cstd-co-so"))  # unit level
    assert not posting_required(factories.title("lao-dong-tien-tien"))


def test_create_sets_end_and_checks_scope(tree, posted_round, staff):
    _r, _s, candidate = posted_round
    posting = _post(candidate, staff, datetime.date(2025, 3, 10))
    assert posting.end == datetime.date(2025, 3, 21)
    outsider = factories.user_with_role(Role.SYNTHESIS, tree["outside"])
    with pytest.raises(PermissionDenied):
        _post(candidate, outsider, datetime.date(2025, 3, 10))
    with pytest.raises(PermissionDenied):
        services.posting_comment_publish(
            comment=PostingComment.objects.create(posting=posting, author_name="A", text="x"),
            actor=outsider,
        )


def test_public_comment_rules(posted_round, staff, english):
    _r, _s, candidate = posted_round
    posting = _open_posting(candidate, staff)
    add = services.posting_comment_add
    with pytest.raises(DomainError, match="Write a comment"):
        add(posting=posting, author_name="Dân", text="   ")
    with pytest.raises(DomainError, match="at most"):
        add(posting=posting, author_name="Dân", text="x" * 2001)
    comment = add(posting=posting, author_name="Dân", contact="0901", text="x" * 2000)
    assert not comment.is_published
    future = _post(candidate, staff, timezone.localdate() + datetime.timedelta(days=7))
    with pytest.raises(DomainError, match="accepted from"):
        add(posting=future, author_name="Dân", text="Sớm quá")
    past = PublicPosting.objects.create(
        candidate_exemplar=candidate.exemplar,
        title=posting.title,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 1, 12),
    )
    with pytest.raises(DomainError, match="accepted from"):
        add(posting=past, author_name="Dân", text="Muộn quá")


def test_vote_refused_until_posting_ends(posted_round, staff, english):
    review_round, seats, candidate = posted_round
    with pytest.raises(DomainError, match="not been posted"):
        ballot_cast(candidate=candidate, choice="agree", actor=user_of(seats[1]))
    posting = _open_posting(candidate, staff)
    end = posting.end.strftime("%d/%m/%Y")
    with pytest.raises(DomainError, match=f"until {end}"):
        ballot_cast(candidate=candidate, choice="agree", actor=user_of(seats[1]))
    with pytest.raises(DomainError, match=f"until {end}"):
        ballots_count_in(
            candidate=candidate,
            members=[seats[2]],
            agree=1,
            disagree=0,
            actor=user_of(seats[-1]),
        )
    PublicPosting.objects.filter(pk=posting.pk).update(end=timezone.localdate())
    ballot_cast(candidate=candidate, choice="agree", actor=user_of(seats[1]))
    ballots_count_in(
        candidate=candidate, members=[seats[2]], agree=1, disagree=0, actor=user_of(seats[-1])
    )
    assert Ballot.objects.filter(candidate=candidate).count() == 2


def test_vote_not_gated_without_posting_title(tree):
    review_round, seats, (candidate, _other) = round_create(tree)
    ballot_cast(candidate=candidate, choice="agree", actor=user_of(seats[1]))


def test_public_pages_comment_and_moderation(client, posted_round, staff, english):
    _r, _s, candidate = posted_round
    posting = _open_posting(candidate, staff)
    listing = client.get(reverse("awards:posting_list"))
    assert candidate.exemplar.subject_name in listing.content.decode()
    url = reverse("awards:posting_detail", args=[posting.pk])
    response = client.post(url, {"author_name": "Người dân", "text": "Rất xứng đáng."})
    assert response.status_code == 302
    comment = PostingComment.objects.get(posting=posting)
    assert not comment.is_published
    assert "moderation" not in client.get(url).content.decode()
    client.force_login(staff)
    assert 'data-testid="moderation"' in client.get(url).content.decode()
    client.post(reverse("awards:posting_comment_publish", args=[posting.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.is_published


def test_dossier_shows_published_comments_and_creates_posting(client, posted_round, staff):
    review_round, seats, candidate = posted_round
    dossier = reverse("reviews:candidate_detail", args=[review_round.pk, candidate.pk])
    client.force_login(staff)
    response = client.post(
        reverse("awards:posting_create", args=[candidate.exemplar.pk, review_round.title.pk]),
        {
            "start": (timezone.localdate() - datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            "next": dossier,
        },
    )
    assert response.url == dossier
    posting = PublicPosting.objects.get(candidate_exemplar=candidate.exemplar)
    services.posting_comment_add(posting=posting, author_name="Ẩn", text="Chưa duyệt")
    shown = services.posting_comment_add(posting=posting, author_name="Lan", text="Đã duyệt")
    services.posting_comment_publish(comment=shown, actor=staff)
    client.force_login(user_of(seats[1]))
    page = client.get(dossier).content.decode()
    assert "Đã duyệt" in page
    assert "Chưa duyệt" not in page
    assert 'data-testid="posting-create-form"' not in page
