"""Recognition in the demo: Sở Nông nghiệp và Môi trường's council, its rounds, the decision.

Once the exemplars have been proposed (lifecycle.py), as it happens at the end of 2025:
- the department sets up its Hội đồng Thi đua - Khen thưởng from 01/01/2025: the director
  (thutruong) chairs it, a deputy director is vice chair, the unit's emulation officer
  (canbo) is its secretary, five heads of divisions are members — one of them is the demo
  user hoidong;
- on 12/12/2025 the council reviews the proposed individuals for "Chiến sĩ thi đua cơ sở"
  2025: two weighted criteria scored by the members who have accounts, one member absent
  with a written opinion, the chair, the secretary and hoidong voting online and the others
  on paper counted in by the secretary; those without "Lao động tiên tiến" 2025 (the
  title's prerequisite) fall short of the 80% mark and are deferred; the secretary closes
  the vote;
- the department's 2025 emulation fund pays the awards of decision 125/QĐ-SNNMT, which
  recognises the passed exemplars; two of them are sent up to the province with a tờ trình
  for its Bằng khen, waiting in the province's inbox;
- a second round, "Tập thể lao động xuất sắc" 2025, is open: the chair and the secretary have
  voted, hoidong has not yet.
Every step goes through the services with the demo user allowed to take it.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from guongsang.awards import services as awards
from guongsang.awards.enums import DecisionKind
from guongsang.common.audit import audited_save
from guongsang.demo.lifecycle import HO_CHI_MINH, PROVINCE_PLAN, Lifecycle
from guongsang.exemplars import services as ex
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Membership, Person, Unit
from guongsang.plans.models import Plan
from guongsang.reviews import services as reviews
from guongsang.reviews.enums import Choice, MemberRole, Outcome
from guongsang.reviews.models import Candidate, Council, CouncilMember, ReviewRound
from guongsang.reviews.services.ballots import (
    attendance_set,
    ballot_cast,
    ballots_count_in,
    written_opinion_record,
)
from guongsang.reviews.services.closing import round_close
from guongsang.titles.enums import Level
from guongsang.titles.models import Title, TitleRecord

DEPARTMENT = "Sở Nông nghiệp và Môi trường"
COUNCIL = "Hội đồng Thi đua - Khen thưởng Sở Nông nghiệp và Môi trường"
COUNCIL_FROM = datetime.date(2025, 1, 1)
MEETING = datetime.date(2025, 12, 12)
YEAR = 2025
CSTD = "cstd-co-so"
PREREQUISITES = ("lao-dong-tien-tien", "chien-si-tien-tien")
COLLECTIVE = "tap-the-lao-dong-xuat-sac"
PROPOSED_TITLE = "bang-khen-tinh-ca-nhan"
CRITERIA = [
    ("Kết quả thực hiện nhiệm vụ được giao", Decimal("0.6")),
    ("Sáng kiến, giải pháp và phạm vi ảnh hưởng", Decimal("0.4")),
]
MORE_CANDIDATES = 2
MEMBERS = 5
DECISION = ("125/QĐ-SNNMT", datetime.date(2025, 12, 22))
PROPOSAL = ("86/TTr-SNNMT", datetime.date(2025, 12, 26))
FUND_OPENING = Decimal("500000000")
FUND_ENTRIES = [
    (datetime.date(2025, 3, 14), Decimal("120000000"), False,
     "Kinh phí bổ sung Quỹ thi đua, khen thưởng năm 2025 từ dự toán ngân sách"),
    (datetime.date(2025, 5, 20), Decimal("-18500000"), True,
     "Hội nghị biểu dương điển hình tiên tiến ngành nông nghiệp và môi trường"),
    (datetime.date(2025, 9, 10), Decimal("-6200000"), True,
     "In ấn tài liệu giới thiệu các mô hình, cách làm hay để nhân rộng"),
]  # fmt: skip
SEED = 2026


class Recognition:
    def __init__(self, *, lifecycle: Lifecycle, seed: int = SEED):
        self.lifecycle = lifecycle
        self.admin = lifecycle.admin
        self.rng = random.Random(seed)
        users = get_user_model().objects.filter(username__in=["canbo", "thutruong", "hoidong"])
        self.users = {user.username: user for user in users}
        self.department = Unit.objects.get(name=DEPARTMENT, status="active")
        codes = [CSTD, COLLECTIVE, PROPOSED_TITLE]
        self.titles = {t.code: t for t in Title.objects.filter(code__in=codes)}
        self.seats: dict[str, list[CouncilMember]] = {}

    def build(self) -> dict:
        candidates = self.individuals_proposed()
        council = self.council(exclude=[e.person_id for e in candidates])
        review_round = self.closed_round(council, candidates)
        self.fund()
        recognised = self.decision(review_round)
        # Two go up; at least one stays recognised here (the portal demo presents it).
        self.proposal(recognised[: min(2, len(recognised) - 1)])
        self.open_round(council)
        return {"councils": 1, "rounds": ReviewRound.objects.filter(council=council).count()}

    # -- the candidates ------------------------------------------------------------------
    def individuals_proposed(self) -> list[Exemplar]:
        """The department's proposed individuals, and two more proposed now (by canbo and
        thutruong, as lifecycle.py does), none of whom already holds the title for 2025."""
        plan = Plan.objects.get(number=PROVINCE_PLAN)
        for person in self._more_people(MORE_CANDIDATES):
            exemplar = ex.exemplar_register(
                subject=person,
                plan=plan,
                year=YEAR,
                actor=self.users["canbo"],
                movement=self.lifecycle.movement(plan, HO_CHI_MINH),
                summary=self.lifecycle.summary(person, YEAR),
            )
            self.lifecycle.advance(Exemplar.objects.get(pk=exemplar.pk), "proposed")
        return list(
            self._in_department(Exemplar.objects)
            .filter(status=ExemplarStatus.PROPOSED, level="", person__isnull=False)
            .exclude(Exists(self._records(CSTD, person=OuterRef("person"))))
            .select_related("person")
            .order_by("name_sort", "pk")
        )

    def _more_people(self, n: int) -> list[Person]:
        """Staff (not heads, no account, not yet exemplars) holding "Lao động tiên tiến" 2025,
        one per division."""
        people = (
            self._in_department(Person.objects, "unit__")
            .filter(
                user__isnull=True,
                memberships__end__isnull=True,
                memberships__is_head=False,
            )
            .exclude(Exists(Exemplar.objects.filter(person=OuterRef("pk"))))
            .filter(Exists(self._records(*PREREQUISITES, person=OuterRef("pk"))))
            .exclude(Exists(self._records(CSTD, person=OuterRef("pk"))))
            .exclude(unit=self.department)
            .select_related("unit")
            .order_by("unit__path", "pk")
        )
        chosen, units = [], set()
        for person in people:
            if person.unit_id not in units and len(chosen) < n:
                chosen.append(person)
                units.add(person.unit_id)
        return chosen

    def _in_department(self, queryset, prefix: str = "scope_unit__"):
        return queryset.filter(
            **{f"{prefix}path__startswith": self.department.path, f"{prefix}status": "active"}
        )

    @staticmethod
    def _records(*codes, **subject):
        return TitleRecord.objects.filter(title__code__in=codes, year=YEAR, **subject)

    # -- the council ---------------------------------------------------------------------
    def council(self, *, exclude: list[int]) -> Council:
        council = reviews.council_create(
            unit=self.department, name=COUNCIL, valid_from=COUNCIL_FROM, actor=self.admin
        )
        staff = Membership.objects.filter(end__isnull=True).select_related("person", "unit")
        head = staff.get(unit=self.department, is_head=True).person
        deputy = (
            staff.filter(unit=self.department, position__startswith="Phó Giám đốc")
            .order_by("pk")
            .first()
            .person
        )
        secretary = Person.objects.get(user=self.users["canbo"])
        heads = (
            staff.filter(unit__in=Unit.objects.get_children(self.department), is_head=True)
            .filter(unit__status="active", person__user__isnull=True)
            .exclude(person__in=exclude)
            .order_by("unit__path")
        )
        # The head of the department's office sits on every council; then the divisions.
        heads = sorted(heads, key=lambda m: m.unit_id != secretary.unit_id)[:MEMBERS]
        seats = [(head, MemberRole.CHAIR), (deputy, MemberRole.VICE_CHAIR)]
        seats += [(m.person, MemberRole.MEMBER) for m in heads]
        seats.append((secretary, MemberRole.SECRETARY))
        members = [
            reviews.council_member_add(council=council, person=p, role=role, actor=self.admin)
            for p, role in seats
        ]
        plain = [m for m in members if m.role == MemberRole.MEMBER]
        self._link_hoidong(plain[0].person)
        absent = plain[-1]  # a member away on duty, who writes in
        self.seats = {
            "online": [m for m in members if m.person.user_id],  # chair, hoidong, secretary
            "paper": [m for m in members if not m.person.user_id and m != absent],
            "absent": [absent],
        }
        return council

    def _link_hoidong(self, person: Person) -> None:
        user = self.users["hoidong"]
        # No service links a user to a person yet (as in accounts.py); audited_save keeps
        # the audit entry.
        person.user = user
        audited_save(person, actor=self.admin, reason="Liên kết tài khoản demo")
        user.first_name = person.full_name
        user.save(update_fields=["first_name"])

    # -- the closed round ----------------------------------------------------------------
    def closed_round(self, council: Council, exemplars: list[Exemplar]) -> ReviewRound:
        review_round = reviews.round_create(
            council=council,
            name=f"Bình xét danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR}",
            year=YEAR,
            level=Level.UNIT,
            title=self.titles[CSTD],
            meeting_date=MEETING,
            actor=self.admin,
        )
        criteria = [
            reviews.criterion_add(review_round=review_round, name=n, weight=w, actor=self.admin)
            for n, w in CRITERIA
        ]
        candidates = reviews.candidates_add(
            review_round=review_round, exemplars=exemplars, actor=self.admin
        )
        reviews.round_open(review_round=review_round, actor=self.admin)
        secretary = self.users["canbo"]
        for seat in self.seats["online"] + self.seats["paper"]:
            attendance_set(review_round=review_round, member=seat, present=True, actor=secretary)
        for seat in self.seats["absent"]:
            attendance_set(
                review_round=review_round,
                member=seat,
                present=False,
                note="Đi công tác, gửi ý kiến bằng văn bản",
                actor=secretary,
            )
        eligible = set(
            self._records(*PREREQUISITES, person__in=[e.person_id for e in exemplars])
            .values_list("person_id", flat=True)
        )  # fmt: skip
        for i, candidate in enumerate(candidates):
            passes = candidate.exemplar.person_id in eligible
            self._score(candidate, criteria, passes)
            self._vote(candidate, passes, spread=i % 2)
            if not passes:
                reviews.comment_add(
                    candidate=candidate,
                    text="Hồ sơ chưa có quyết định công nhận danh hiệu Lao động tiên tiến năm "
                    f"{YEAR}, là điều kiện để xét Chiến sĩ thi đua cơ sở.",
                    actor=self.users["hoidong"],
                )
        self._outcomes(review_round, candidates, eligible)
        return round_close(round=review_round, actor=secretary)

    def _score(self, candidate: Candidate, criteria, passes: bool) -> None:
        low, high = (7, 10) if passes else (5, 7)
        for seat in self.seats["online"]:
            values = {c: self.rng.randint(low, high) for c in criteria}
            reviews.scores_set(candidate=candidate, values=values, actor=seat.person.user)

    def _vote(self, candidate: Candidate, passes: bool, *, spread: int) -> None:
        """Online ballots, the paper ballots counted in, the absent member's opinion."""
        for seat in self.seats["online"]:
            user = seat.person.user
            agree = passes or user != self.users["hoidong"]
            choice = Choice.AGREE if agree else Choice.DISAGREE
            ballot_cast(candidate=candidate, choice=choice, actor=user)
        paper = self.seats["paper"]
        disagree = spread if passes else len(paper) // 2
        ballots_count_in(
            candidate=candidate,
            members=paper,
            agree=len(paper) - disagree,
            disagree=disagree,
            actor=self.users["canbo"],
        )
        for seat in self.seats["absent"]:
            written_opinion_record(
                candidate=candidate,
                member=seat,
                choice=Choice.AGREE if passes else Choice.DISAGREE,
                note="Ý kiến bằng văn bản ngày 10/12/2025",
                actor=self.users["canbo"],
            )

    def _outcomes(self, review_round, candidates: list[Candidate], eligible: set) -> None:
        passed = [c for c in candidates if c.exemplar.person_id in eligible]
        if passed:
            reviews.candidates_outcome_bulk(
                review_round=review_round,
                candidates=passed,
                outcome=Outcome.PASS,
                reason="Đạt trên 80% số phiếu đồng ý của tổng số thành viên Hội đồng.",
                actor=self.admin,
            )
        for candidate in candidates:
            if candidate not in passed:
                reviews.candidate_outcome_set(
                    candidate=candidate,
                    outcome=Outcome.DEFER,
                    reason=f"Chưa được công nhận danh hiệu Lao động tiên tiến năm {YEAR}; "
                    "số phiếu đồng ý chưa đạt 80%. Xem xét lại khi bổ sung hồ sơ.",
                    actor=self.admin,
                )

    # -- the fund, the decision, the proposal --------------------------------------------
    def fund(self) -> None:
        fund = awards.fund_create(
            unit=self.department,
            year=YEAR,
            opening_balance=FUND_OPENING,
            propagation_share_percent=20,
            actor=self.admin,
        )
        for date, amount, propagation, description in FUND_ENTRIES:
            awards.fund_entry_add(
                fund=fund,
                date=date,
                amount=amount,
                description=description,
                is_propagation=propagation,
                actor=self.admin,
            )

    def decision(self, review_round: ReviewRound) -> list[Exemplar]:
        number, date = DECISION
        head = Membership.objects.get(unit=self.department, is_head=True, end__isnull=True)
        decision = awards.decision_create(
            authority=self.department,
            kind=DecisionKind.RECOGNITION,
            title=self.titles[CSTD],
            year=YEAR,
            number=number,
            date=date,
            signer_name=head.person.full_name,
            signer_title=head.position,
            summary=(
                f"Công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {YEAR} theo đề nghị của Hội "
                f"đồng Thi đua - Khen thưởng Sở tại phiên họp ngày {MEETING:%d/%m/%Y}."
            ),
            actor=self.admin,
        )
        recipients = awards.decision_recipients_from_round(
            decision=decision, round=review_round, actor=self.admin
        )
        awards.decision_issue(decision=decision, actor=self.admin)
        return [Exemplar.objects.get(pk=r.exemplar_id) for r in recipients]

    def proposal(self, exemplars: list[Exemplar]) -> None:
        if not exemplars:
            return
        number, date = PROPOSAL
        proposal = awards.proposal_create(
            from_unit=self.department,
            to_unit=Unit.objects.get_parent(self.department),
            exemplars=exemplars,
            number=number,
            date=date,
            title=self.titles[PROPOSED_TITLE],
            summary=(
                f"Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho các cá nhân đạt danh hiệu Chiến "
                f"sĩ thi đua cơ sở năm {YEAR} có thành tích tiêu biểu, xuất sắc."
            ),
            actor=self.admin,
        )
        awards.proposal_send(proposal=proposal, actor=self.users["thutruong"])

    # -- the open round ------------------------------------------------------------------
    def open_round(self, council: Council) -> ReviewRound:
        """Collectives for "Tập thể lao động xuất sắc": open, hoidong has not voted yet."""
        review_round = reviews.round_create(
            council=council,
            name=f"Bình xét danh hiệu Tập thể lao động xuất sắc năm {YEAR}",
            year=YEAR,
            level=Level.UNIT,
            title=self.titles[COLLECTIVE],
            requires_vote=True,
            actor=self.admin,
        )
        collectives = list(
            self._in_department(Exemplar.objects)
            .filter(status=ExemplarStatus.PROPOSED, level="", unit__isnull=False)
            .order_by("name_sort", "pk")
        )
        if not collectives:
            return review_round
        candidates = reviews.candidates_add(
            review_round=review_round, exemplars=collectives, actor=self.admin
        )
        reviews.round_open(review_round=review_round, actor=self.admin)
        for username in ("thutruong", "canbo"):
            for candidate in candidates:
                ballot_cast(candidate=candidate, choice=Choice.AGREE, actor=self.users[username])
        return review_round


def recognition_build(*, lifecycle: Lifecycle) -> dict:
    """The department's council, its closed and open rounds, the fund, decision and proposal."""
    return Recognition(lifecycle=lifecycle).build()
