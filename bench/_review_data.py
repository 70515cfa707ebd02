"""The closed review round that bench/review.py measures, inserted in bulk.

On top of the synthetic province (generate_dataset): one plan, proposed exemplars of
individual staff (each with a nurturing plan, a progress note, an evaluation, one piece of
evidence and a public posting), the province's council of 30 members (chair, 3 vice chairs,
25 members, secretary; each a user with the council role), and a CLOSED round for the
provincial "Chiến sĩ thi đua" title: 2 weighted criteria, each candidate scored on both
(2 scores per candidate), every member present and voting on every candidate
(30 participations and 30 ballots per candidate), the ballots chained by their real
hashes (tally.ballot_hash), the tallies, outcomes and final hash stored as closing does.

Rows go in with raw inserts (orgs.bulk.raw_insert: COPY on PostgreSQL, executemany
elsewhere), without services or history rows, inside one transaction; PostgreSQL then gets
VACUUM ANALYZE.
"""

import datetime
import json
import random
import uuid
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from guongsang.common.text import fold
from guongsang.exemplars.enums import EvidenceKind, ExemplarStatus
from guongsang.exemplars.models import (
    Evaluation,
    Evidence,
    Exemplar,
    NurturingPlan,
    ProgressNote,
)
from guongsang.orgs.bulk import next_id, raw_insert, reset_sequences
from guongsang.orgs.enums import Role
from guongsang.orgs.models import Person, RoleAssignment, Unit
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Plan
from guongsang.reviews.enums import Channel, Choice, MemberRole, Outcome, RoundStatus
from guongsang.reviews.models import (
    Attendance,
    Ballot,
    Candidate,
    Council,
    CouncilMember,
    DiscussionComment,
    Participation,
    ReviewRound,
    Score,
    ScoringCriterion,
)
from guongsang.reviews.tally import ballot_hash, genesis_hash
from guongsang.titles.models import Title

YEAR = 2025
MEETING = datetime.date(2025, 12, 10)
MEMBERS = 30
TITLE_CODE = "cstd-bo-nganh-tinh"
CRITERIA = [("Thành tích nổi bật trong năm", Decimal(2)), ("Sáng kiến, giải pháp", Decimal(1))]
ROLES = [MemberRole.CHAIR] + [MemberRole.VICE_CHAIR] * 3 + [MemberRole.SECRETARY]
ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ được giao",
    "Có sáng kiến được công nhận hiệu quả áp dụng cấp cơ sở",
    "Dẫn đầu phong trào thi đua của đơn vị",
    "Tham gia tích cực công tác cải cách hành chính",
    "Được tập thể đơn vị tín nhiệm cao",
]


@dataclass
class ReviewData:
    round_id: int
    candidate_ids: list[int]
    chair_user: object
    synthesis_user: object
    search_queries: list[str]
    figures: dict = field(default_factory=dict)


def build(*, candidates: int, seed: int) -> ReviewData:
    rng = random.Random(seed)
    with transaction.atomic():
        data = _Builder(rng, candidates).run()
    if connection.vendor == "postgresql":
        # The steady state autovacuum reaches soon after a bulk load: statistics, and the
        # visibility map that index-only scans need.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return data


class _Builder:
    def __init__(self, rng: random.Random, count: int):
        self.rng = rng
        self.count = count
        self.now = timezone.now()
        self.figures: dict = {}

    def run(self) -> ReviewData:
        self.root = Unit.objects.filter(depth=1).order_by("path").first()
        self.title = Title.objects.get(code=TITLE_CODE)
        self.clerk = get_user_model().objects.create(username="bench-review-clerk")
        self.plan = Plan.objects.create(
            number="120/KH-UBND",
            title="Kế hoạch tổ chức phong trào thi đua năm 2025",
            issuer=self.root,
            issuer_name=self.root.name,
            issued_on=datetime.date(2025, 1, 15),
            start_year=YEAR,
            end_year=YEAR,
            status=PlanStatus.ISSUED,
            created_by=self.clerk,
        )
        people = list(
            Person.objects.filter(unit__isnull=False)
            .order_by("pk")
            .values_list("pk", "full_name", "name_sort", "unit_id", "unit__name")
        )
        if len(people) < self.count + MEMBERS:
            raise SystemExit(f"only {len(people)} staff: too few for {self.count} candidates")
        chosen = self.rng.sample(people, self.count + MEMBERS)
        self.subjects, member_people = chosen[: self.count], chosen[self.count :]
        self._council(member_people)
        self._exemplars()
        self._round()
        self._candidates_and_scores()
        self._ballots()
        self._postings_and_comments()
        reset_sequences(Exemplar, Candidate)
        return ReviewData(
            round_id=self.round.pk,
            candidate_ids=self.candidate_ids,
            chair_user=self.member_users[0],
            synthesis_user=self.synthesis_user,
            search_queries=self._search_queries(),
            figures=self.figures,
        )

    # -- the council and its members ------------------------------------------------------
    def _council(self, member_people) -> None:
        User = get_user_model()
        self.council = Council.objects.create(
            unit=self.root,
            name=f"Hội đồng Thi đua - Khen thưởng {self.root.name}",
            valid_from=datetime.date(2021, 6, 1),
        )
        users = User.objects.bulk_create(
            [
                User(username=f"bench-review-member-{i + 1}", first_name=row[1])
                for i, row in enumerate(member_people)
            ]
        )
        self.synthesis_user = User.objects.create(username="bench-review-synthesis")
        assignments = [RoleAssignment(user=u, role=Role.COUNCIL, unit=self.root) for u in users]
        assignments.append(
            RoleAssignment(user=self.synthesis_user, role=Role.SYNTHESIS, unit=self.root)
        )
        RoleAssignment.objects.bulk_create(assignments)
        for user, row in zip(users, member_people, strict=True):
            Person.objects.filter(pk=row[0]).update(user=user)
        roles = ROLES[:1] + ROLES[1:4] + [MemberRole.MEMBER] * (MEMBERS - 5) + ROLES[4:]
        self.members = CouncilMember.objects.bulk_create(
            [
                CouncilMember(
                    council=self.council,
                    person_id=row[0],
                    role=role,
                    valid_from=self.council.valid_from,
                )
                for row, role in zip(member_people, roles, strict=True)
            ]
        )
        self.member_users = users
        self.figures["members"] = len(self.members)

    # -- the proposed exemplars and their dossiers ---------------------------------------
    def _exemplars(self) -> None:
        rng, now = self.rng, self.now
        first = next_id(Exemplar)
        self.exemplar_ids = list(range(first, first + self.count))
        registered = connection.ops.adapt_datetimefield_value(now - datetime.timedelta(days=200))

        def rows():
            for pk, (person_id, name, name_sort, unit_id, unit_name) in zip(
                self.exemplar_ids, self.subjects, strict=True
            ):
                achievements = rng.sample(ACHIEVEMENTS, 3)
                yield (
                    pk, person_id, self.plan.pk, YEAR, ExemplarStatus.UNDER_REVIEW.value,
                    unit_id, unit_name, name, f"{fold(name)} | {fold(unit_name)}", name_sort,
                    f"{name} công tác tại {unit_name}. " + ". ".join(achievements) + ".",
                    json.dumps(achievements, ensure_ascii=False), "[]",
                    self.clerk.pk, registered,
                )  # fmt: skip

        self.figures["exemplars"] = raw_insert(
            Exemplar,
            [
                "id", "person", "plan", "year", "status", "scope_unit", "unit_name",
                "subject_name", "search_text", "name_sort", "summary", "key_achievements",
                "titles_held", "registered_by", "registered_at",
            ],
            rows(),
        )  # fmt: skip
        ids = self.exemplar_ids
        mentors = [m.person_id for m in self.members]
        start, end = datetime.date(2025, 2, 1), datetime.date(2025, 11, 30)
        raw_insert(
            NurturingPlan,
            ["exemplar", "support_kinds", "support_detail", "weaknesses", "mentor", "start", "end"],
            (
                (pk, "[]", "Bồi dưỡng chuyên môn, tạo điều kiện tham gia đề tài cấp tỉnh",
                 "Kỹ năng ngoại ngữ", rng.choice(mentors), start, end)
                for pk in ids
            ),
        )  # fmt: skip
        created = connection.ops.adapt_datetimefield_value(now - datetime.timedelta(days=60))
        raw_insert(
            ProgressNote,
            ["exemplar", "date", "text", "author", "created_at"],
            (
                (pk, datetime.date(2025, 9, 30), "Hoàn thành các mốc bồi dưỡng quý III.",
                 self.clerk.pk, created)
                for pk in ids
            ),
        )  # fmt: skip
        raw_insert(
            Evaluation,
            ["exemplar", "date", "effect", "efficiency", "potential", "influence", "comment",
             "evaluator"],
            (
                (pk, datetime.date(2025, 10, 15), rng.randint(3, 5), rng.randint(3, 5),
                 rng.randint(2, 5), rng.randint(2, 5), "Tiến bộ rõ rệt.", self.clerk.pk)
                for pk in ids
            ),
        )  # fmt: skip
        raw_insert(
            Evidence,
            ["exemplar", "file", "original_name", "content_type", "size", "kind", "description",
             "uploaded_by", "uploaded_at"],
            (
                (pk, f"evidence/2025/10/bao-cao-thanh-tich-{pk}.pdf",
                 "Báo cáo thành tích.pdf", "application/pdf", 250_000,
                 EvidenceKind.DOCUMENT.value, "Mẫu số 05", self.clerk.pk, created)
                for pk in ids
            ),
        )  # fmt: skip

    # -- the round ----------------------------------------------------------------------
    def _round(self) -> None:
        self.round = ReviewRound.objects.create(
            council=self.council,
            name=f"Bình xét danh hiệu {self.title.name} năm {YEAR}",
            plan=self.plan,
            year=YEAR,
            level=self.title.level,
            title=self.title,
            status=RoundStatus.OPEN,  # closed at the end of _ballots
            meeting_date=MEETING,
            threshold_percent=self.title.vote_threshold_percent or 90,
            requires_vote=True,
            opened_at=self.now - datetime.timedelta(days=3),
            created_by=self.clerk,
        )
        self.criteria = [
            ScoringCriterion.objects.create(
                round=self.round, name=name, weight=weight, max_score=10, order=i
            )
            for i, (name, weight) in enumerate(CRITERIA)
        ]
        Attendance.objects.bulk_create(
            [Attendance(round=self.round, member=m, present=True) for m in self.members]
        )

    def _candidates_and_scores(self) -> None:
        rng = self.rng
        first = next_id(Candidate)
        self.candidate_ids = list(range(first, first + self.count))
        total_weight = sum(w for _n, w in CRITERIA)
        self.quality = {}
        candidates, scores = [], []
        for i, (pk, exemplar_id, subject) in enumerate(
            zip(self.candidate_ids, self.exemplar_ids, self.subjects, strict=True)
        ):
            _person, name, name_sort, _unit, unit_name = subject
            quality = rng.betavariate(6, 2)  # most candidates are strong
            self.quality[pk] = quality
            rapporteur = self.members[i % MEMBERS].pk
            values = [max(1, min(10, round(quality * 10 + rng.gauss(0, 1)))) for _c in CRITERIA]
            weighted = sum(w * v for (_n, w), v in zip(CRITERIA, values, strict=True))
            score = (weighted / total_weight).quantize(Decimal("0.01"), ROUND_HALF_UP)
            candidates.append(
                [pk, self.round.pk, exemplar_id, name, unit_name, name_sort,
                 f"{fold(name)} | {fold(unit_name)}", score]
            )  # fmt: skip
            for criterion, value in zip(self.criteria, values, strict=True):
                scores.append((pk, criterion.pk, rapporteur, value))
        self.candidate_rows = candidates
        self.score_rows = scores

    # -- the secret ballot, closed --------------------------------------------------------
    def _ballots(self) -> None:
        rng, round_id = self.rng, self.round.pk
        threshold = self.round.threshold_percent
        previous = genesis_hash(round_id)
        position = 0
        ballots, participations = [], []
        member_ids = [m.pk for m in self.members]
        agree_value, disagree_value = Choice.AGREE.value, Choice.DISAGREE.value
        online = Channel.ONLINE.value
        for row in self.candidate_rows:
            pk = row[0]
            p = min(0.99, 0.55 + 0.5 * self.quality[pk])
            choices = [agree_value if rng.random() < p else disagree_value for _m in member_ids]
            agree = choices.count(agree_value)
            disagree = len(choices) - agree
            passed = agree * 100 >= threshold * MEMBERS
            row += [
                Outcome.PASS.value if passed else Outcome.FAIL.value,
                "" if passed else "Không đạt tỷ lệ phiếu đồng ý theo quy định",
                agree,
                disagree,
            ]
            for member_id in member_ids:
                participations.append((_uuid(rng), pk, member_id, online))
            for choice in choices:
                position += 1
                nonce = f"{rng.getrandbits(128):032x}"
                digest = ballot_hash(
                    previous_hash=previous, round_id=round_id, candidate_id=pk, choice=choice,
                    channel=online, position=position, nonce=nonce,
                )  # fmt: skip
                ballots.append(
                    (_uuid(rng), round_id, pk, choice, online, position, nonce, previous, digest)
                )
                previous = digest
        rng.shuffle(participations)  # no order shared with the ballots
        self.figures["candidates"] = raw_insert(
            Candidate,
            ["id", "round", "exemplar", "name", "unit_name", "name_sort", "search_text",
             "score", "outcome", "outcome_reason", "agree", "disagree"],
            (tuple(row) for row in self.candidate_rows),
        )  # fmt: skip
        self.figures["scores"] = raw_insert(
            Score, ["candidate", "criterion", "member", "value"], self.score_rows
        )
        self.figures["participations"] = raw_insert(
            Participation, ["id", "candidate", "member", "channel"], participations
        )
        self.figures["ballots"] = raw_insert(
            Ballot,
            ["id", "round", "candidate", "choice", "channel", "position", "nonce",
             "previous_hash", "hash"],
            ballots,
        )  # fmt: skip
        self.figures["passed"] = sum(1 for row in self.candidate_rows if row[8] == "pass")
        ReviewRound.objects.filter(pk=round_id).update(
            status=RoundStatus.CLOSED, closed_at=self.now, final_hash=previous
        )
        self.round.refresh_from_db()

    def _postings_and_comments(self) -> None:
        from django.apps import apps

        PublicPosting = apps.get_model("awards", "PublicPosting")
        start, end = datetime.date(2025, 11, 3), datetime.date(2025, 11, 17)
        raw_insert(
            PublicPosting,
            ["candidate_exemplar", "title", "start", "end"],
            ((pk, self.title.pk, start, end) for pk in self.exemplar_ids),
        )
        created = connection.ops.adapt_datetimefield_value(self.now - datetime.timedelta(days=5))
        self.figures["comments"] = raw_insert(
            DiscussionComment,
            ["candidate", "author", "text", "created_at"],
            (
                (pk, self.member_users[i % MEMBERS].pk,
                 "Đề nghị làm rõ hiệu quả áp dụng của sáng kiến.", created)
                for i, pk in enumerate(self.candidate_ids[::10])
            ),
        )  # fmt: skip

    def _search_queries(self) -> list[str]:
        """What a secretary types: a full name, a surname and given name, or a unit."""
        rows = self.rng.sample(self.candidate_rows, min(60, len(self.candidate_rows)))
        queries = []
        for i, row in enumerate(rows):
            name, unit_name = row[3], row[4]
            words = name.split()
            if i % 3 == 0:
                queries.append(name)
            elif i % 3 == 1:
                queries.append(f"{words[0]} {words[-1]}")
            else:
                queries.append(" ".join(fold(unit_name).split()[:3]))
        return queries


def _uuid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex
