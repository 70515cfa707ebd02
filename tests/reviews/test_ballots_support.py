"""Councils, rounds and candidates for the ballot tests, made directly with the ORM."""

import datetime
import itertools

from guongsang.orgs.enums import Role
from guongsang.orgs.models import Person
from guongsang.reviews.enums import MemberRole, RoundStatus
from guongsang.reviews.models import Attendance, Candidate, Council, CouncilMember, ReviewRound
from tests import factories
from tests.exemplars.conftest import exemplar_register, plan_create

_names = itertools.count(1)


def seat_create(council, unit, role=MemberRole.MEMBER):
    user = factories.UserFactory()
    person = Person.objects.create(full_name=f"Thành viên {next(_names)}", unit=unit, user=user)
    return CouncilMember.objects.create(
        council=council, person=person, role=role, valid_from=datetime.date(2024, 1, 1)
    )


def round_create(tree, *, members=5, candidates=2, status=RoundStatus.OPEN, **fields):
    """A round of the province's council: the first seat chairs, the last is the secretary.

    Members belong to `sibling`; candidates are people of `own`.
    """
    council = Council.objects.create(
        unit=tree["parent"],
        name="Hội đồng Thi đua - Khen thưởng tỉnh",
        valid_from=datetime.date(2024, 1, 1),
    )
    seats = []
    for i in range(members):
        role = MemberRole.MEMBER
        if i == 0:
            role = MemberRole.CHAIR
        elif i == members - 1:
            role = MemberRole.SECRETARY
        seats.append(seat_create(council, tree["sibling"], role))
    creator = factories.UserFactory()
    review_round = ReviewRound.objects.create(
        council=council,
        name="Bình xét Chiến sĩ thi đua cấp tỉnh năm 2024",
        year=2024,
        level="province",
        status=status,
        meeting_date=datetime.date(2024, 12, 20),
        created_by=creator,
        **fields,
    )
    officer = factories.user_with_role(Role.OFFICER, tree["parent"])
    plan = plan_create(tree["parent"])
    made = []
    for _ in range(candidates):
        person = factories.person_create(unit=tree["own"])
        exemplar = exemplar_register(person, plan, officer)
        made.append(
            Candidate.objects.create(
                round=review_round,
                exemplar=exemplar,
                name=person.full_name,
                unit_name=tree["own"].name,
                name_sort=person.name_sort,
            )
        )
    return review_round, seats, made


def all_present(review_round, seats):
    for seat in seats:
        Attendance.objects.update_or_create(
            round=review_round, member=seat, defaults={"present": True}
        )


def user_of(seat):
    return seat.person.user
