"""Propagation in the demo: the portal's sections, profiles and stories, the public's comments,
the department's propagation work, its events and the replications of a recognised model.

Once the exemplars are recognised (recognition.py), as the work goes on from late 2025:
- the editor (bientap) sets up the portal's sections, publishes the public profiles of the
  exemplars that may be public — the individual recognised by decision 125/QĐ-SNNMT, the
  good deed found during storm no. 13 and the household's new model — once their written
  consent is recorded, and features two of them; a new factor nominated by canbo has a draft
  profile only: no consent is recorded, so it cannot be published;
- bientap writes the stories: most published, one returned once and back in review (its
  subject's consent is missing, so it cannot be approved yet), one draft, one scheduled for
  next week, one archived; the first has a drawn illustration, to show the image pipeline;
- readers comment (two comments published by the editor, one waiting) and report an error;
- the department's officer (canbo) logs propagation on every channel since 2024 against a
  propagation quota added to the department's plan, organises the honouring conference of
  29/12/2025 (fulfilling the plan's congress milestone), a study visit, an exchange next month
  and a congress; communes (recorded by the admin, as they have no demo account) and a
  division adopt the recognised model, with figures before and after.
Every write goes through the services, with the demo user allowed to make it. What is said
and counted (texts, figures) is in propagation_content.py.
"""

import datetime
import io
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from guongsang.awards.enums import DecisionStatus
from guongsang.awards.models import Decision
from guongsang.demo import propagation_content as text
from guongsang.demo.lifecycle import OFFICE_CULTURE, PROVINCE_PLAN, Lifecycle
from guongsang.demo.propagation_content import DEPARTMENT, HALL
from guongsang.exemplars import services as ex
from guongsang.exemplars.enums import DiscoveryKind, ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Person, Unit
from guongsang.plans.enums import QuotaCounts
from guongsang.plans.models import Field, Milestone, Plan
from guongsang.plans.services.plans import quota_create
from guongsang.portal.sharing import short_path
from guongsang.propagation import services as pr
from guongsang.propagation.enums import EventKind, EventStatus
from guongsang.stories import services as st
from guongsang.stories.services import public

OLD_DEPARTMENT = "Sở Tài nguyên và Môi trường"
PUBLISHED = ["loi", "phuong", "digital", "household", "replication", "media", "honouring"]


D = datetime.date


class Propagation:
    def __init__(self, *, lifecycle: Lifecycle):
        self.lifecycle = lifecycle
        self.admin = lifecycle.admin
        users = get_user_model().objects.filter(username__in=["bientap", "canbo"])
        self.users = {user.username: user for user in users}
        self.department = Unit.objects.get(name=DEPARTMENT, status="active")
        self.province_plan = Plan.objects.get(number=PROVINCE_PLAN)
        self.department_plan = Plan.objects.get(issuer__name=OLD_DEPARTMENT)
        self.now = timezone.localtime()
        self.exemplars: dict[str, Exemplar] = {}
        self.profiles: dict = {}
        self.stories: dict = {}
        self.events: dict = {}
        self.context: dict[str, str] = {}

    def build(self) -> dict:
        self.find_exemplars()
        self.sections = self.sections_create()
        self.profiles_publish()
        self.quota()
        self.activities = [self.activity(*row) for row in text.ACTIVITIES]
        self.events_create()
        self.replications = [self.replication(*row) for row in text.REPLICATIONS]
        self.context |= text.replication_words(self.replications, self.department)
        self.context |= text.media_words(self.activities)
        self.stories_write()
        self.public_feedback()
        self.event_material()
        return {"stories": len(self.stories), "events": len(self.events)}

    # -- the exemplars shown -------------------------------------------------------------
    def find_exemplars(self) -> None:
        recognised = Exemplar.objects.filter(status=ExemplarStatus.RECOGNISED, person__isnull=False)
        found = {
            "phuong": recognised.order_by("pk").first(),
            "loi": Exemplar.objects.filter(discovery_kind=DiscoveryKind.GOOD_DEED).first(),
            "ho": Exemplar.objects.filter(
                discovery_kind=DiscoveryKind.NEW_MODEL, household__isnull=False
            ).first(),
            "clerk": self.clerk_nominate(),
        }
        self.exemplars = {key: e for key, e in found.items() if e is not None}
        self.decision = Decision.objects.filter(
            status=DecisionStatus.ISSUED, recipients__exemplar=self.exemplars["phuong"]
        ).first()
        self.context = self.words()

    def clerk_nominate(self) -> Exemplar:
        """A new factor found by the officer: an official of the land registration office."""
        unit = self.lifecycle.unit(f"{DEPARTMENT} / Văn phòng Đăng ký đất đai")
        person = (
            Person.objects.filter(
                unit=unit,
                user__isnull=True,
                memberships__end__isnull=True,
                memberships__is_head=False,
                exemplars_exemplar_set__isnull=True,
            )
            .order_by("pk")
            .first()
        )
        return ex.exemplar_nominate(
            subject=person,
            plan=self.province_plan,
            year=2025,
            discovery_kind=DiscoveryKind.NEW_FACTOR,
            actor=self.users["canbo"],
            movement=self.lifecycle.movement(self.province_plan, OFFICE_CULTURE),
            summary=text.CLERK_SUMMARY,
        )

    def words(self) -> dict[str, str]:
        """The names, positions and figures the texts are written with."""
        e = self.exemplars
        words = {}
        for key in ("phuong", "loi", "clerk"):
            person = e[key].person
            called = f"{text.honorific(person)} {person.full_name}"
            words |= {key: called, key.capitalize(): text.capitalised(called),
                      f"{key}_name": person.full_name, f"{key}_she": text.honorific(person),
                      f"{key}_role": f"{person.position} {person.unit.name}"}  # fmt: skip
        household = e["ho"].household
        words |= {
            "ho": household.name[0].lower() + household.name[1:],
            "Ho": household.name,
            "address": household.address,
            "commune": household.locality.name,
            "income": f"{text.vn_number(household.annual_income / 1_000_000)} triệu đồng",
        }
        decision = self.decision
        if decision is not None:
            words["decision"] = f"Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}"
            words["recipients"] = str(decision.recipients.count())
            words["phuong_title"] = (
                f"Năm 2025, {words['phuong']} được công nhận danh hiệu Chiến sĩ thi đua cơ sở "
                f"({words['decision']} của {decision.authority.name})."
            )
        return words

    def say(self, template: str) -> str:
        return template.format(**self.context)

    # -- the portal ----------------------------------------------------------------------
    def sections_create(self) -> dict:
        fields = {f.code: f for f in Field.objects.all()}
        return {
            slug: st.section_create(
                name=name,
                slug=slug,
                description=description,
                field=fields.get(code),
                position=i,
                actor=self.users["bientap"],
            )
            for i, (name, slug, code, description) in enumerate(text.SECTIONS, start=1)
        }

    def profiles_publish(self) -> None:
        editor = self.users["bientap"]
        for key, exemplar in self.exemplars.items():
            headline, summary = text.PROFILES[key]
            profile = st.profile_create_or_update(
                exemplar=exemplar, actor=editor, headline=headline, public_summary=self.say(summary)
            )
            if key in text.CONSENT_NOTES:  # the clerk's consent is not recorded yet
                note = self.say(text.CONSENT_NOTES[key])
                profile = st.consent_record(profile=profile, given=True, note=note, actor=editor)
                profile = st.profile_publish(profile=profile, actor=editor)
                if key in ("phuong", "loi"):
                    profile = st.profile_feature(profile=profile, featured=True, actor=editor)
            self.profiles[key] = profile

    def stories_write(self) -> None:
        editor = self.users["bientap"]
        brief = self.story("loi_brief")
        self.approve(brief)
        st.story_archive(story=brief, actor=editor, reason=text.ARCHIVE_REASON)
        for key in PUBLISHED:
            story = self.story(key)
            if key == "loi":
                st.image_add(
                    upload=illustration(), alt=text.IMAGE_ALT, caption=text.IMAGE_CAPTION,
                    story=story, actor=editor,
                )  # fmt: skip
            self.approve(story)
        clerk = self.story("clerk")
        st.story_submit(story=clerk, actor=editor)
        st.story_return(story=clerk, actor=self.admin, reason=text.CLERK_RETURN)
        clerk = st.story_update(story=clerk, actor=editor, body=clerk.body + text.CLERK_FIGURES)
        st.story_submit(story=clerk, actor=editor)  # cannot be approved: no consent recorded
        self.story("loi_draft")
        publish_at = working_day(self.now + datetime.timedelta(days=7), hour=8)
        self.approve(self.story("exchange", publish_at=publish_at))

    def story(self, key: str, **fields):
        slug, keys, title, lead, body = text.STORIES[key]
        unit = self.exemplars["ho"].scope_unit if key == "household" else self.department
        story = st.story_create(
            unit=unit,
            title=self.say(title),
            lead=self.say(lead),
            body=self.say(body),
            section=self.sections[slug],
            exemplars=[self.exemplars[k] for k in keys],
            actor=self.users["bientap"],
            **fields,
        )
        self.stories[key] = story
        return story

    def approve(self, story) -> None:
        editor = self.users["bientap"]
        st.story_submit(story=story, actor=editor)
        st.story_approve(story=story, actor=editor)

    def public_feedback(self) -> None:
        editor = self.users["bientap"]
        for i, (target, name, words, published) in enumerate(text.COMMENTS, start=1):
            comment = public.comment_submit(
                target=self.target(target), author_name=name, text=words,
                client_key=public.client_key_of(f"203.0.113.{i}"),
            )  # fmt: skip
            if published:
                st.comment_publish(comment=comment, actor=editor)
        target, name, contact, words = text.REPORT
        public.report_submit(
            target=self.target(target), name=name, contact=contact, text=words,
            client_key=public.client_key_of("198.51.100.7"),
        )  # fmt: skip
        for key, counts in text.REACTIONS.items():
            for kind, count in counts.items():
                for _ in range(count):
                    public.reaction_add(story=self.stories[key], kind=kind)

    def target(self, ref: str):
        kind, key = ref.split(":")
        return self.stories[key] if kind == "story" else self.profiles[key]

    # -- propagation work ----------------------------------------------------------------
    def quota(self) -> None:
        """The department plan's movement asks each division to honour its exemplars at least
        once a year (seed 000): a propagation quota, so its dashboard shows who is behind."""
        quota_create(
            plan=self.department_plan, actor=self.admin, title=text.QUOTA,
            counts=QuotaCounts.PROPAGATION, minimum=1, period="year", requires_summary=False,
            unit_scope="children",
        )  # fmt: skip

    def activity(self, date, unit_name, channel, title, outlet, reach, keys, on_plan):
        return pr.activity_create(
            unit=self.lifecycle.unit(f"{DEPARTMENT} / {unit_name}"),
            date=date,
            channel=channel,
            title=self.say(title),
            outlet=outlet,
            reach=reach,
            exemplars=[self.exemplars[k] for k in keys],
            plan=self.department_plan if on_plan else None,
            actor=self.users["canbo"],
        )

    def events_create(self) -> None:
        """The honouring conference of 29/12/2025 (the department plan's "Đại hội (Hội nghị)
        Điển hình tiên tiến cấp cơ sở năm 2025"), a study visit, an exchange, a congress."""
        e = self.exemplars
        divisions = list(Unit.objects.get_children(self.department).filter(status="active"))
        named = {u.name: u for u in divisions}
        honoured = [r.exemplar for r in self.decision.recipients.select_related("exemplar")]
        honouring = D(2025, 12, 29)
        self.event(
            "honouring", EventKind.HONOURING_CONFERENCE, at(honouring, 8), hours=3.5,
            participant_count=150, participant_units=divisions, honoured=[*honoured, e["loi"]],
            presenting=[e["phuong"]], held=True,
            milestone=Milestone.objects.get(plan=self.department_plan, kind="congress"),
        )  # fmt: skip
        crops = named["Chi cục Trồng trọt và Bảo vệ thực vật"]
        self.event(
            "visit", EventKind.STUDY_VISIT, at(D(2026, 4, 16), 7, 30), hours=3.5,
            organiser=crops, location="Xã Diên Khánh", participant_count=35,
            participant_units=[named["Chi cục Thủy sản"]], presenting=[e["phuong"]], held=True,
        )  # fmt: skip
        exchange = self.exchange_day()
        self.event(
            "exchange", EventKind.EXPERIENCE_EXCHANGE, exchange, hours=3, participant_count=80,
            participant_units=[named["Văn phòng Sở"], named["Chi cục Thủy sản"], crops],
            presenting=[e["phuong"], e["loi"]],
        )  # fmt: skip
        self.event(
            "congress", EventKind.CONGRESS, self.congress_day(exchange), hours=4,
            participant_count=200, participant_units=divisions, presenting=[e["phuong"]],
        )  # fmt: skip
        self.context |= {
            "honouring_date": f"{honouring:%d/%m/%Y}",
            "honouring_count": "150",
            "exchange_date": f"{exchange:%d/%m/%Y}",
            "exchange_time": f"{exchange:%H} giờ {exchange:%M}",
            "exchange_place": HALL,
        }

    def event(self, key, kind, start, *, hours, held=False, organiser=None, **fields):
        title, participants, description = text.EVENTS[key]
        canbo = self.users["canbo"]
        event = pr.event_create(
            organiser=organiser or self.department,
            kind=kind,
            title=title.format(year=timezone.localtime(start).year),
            start=start,
            end=start + datetime.timedelta(hours=hours),
            location=fields.pop("location", HALL),
            participants=participants,
            description=self.say(description),
            actor=canbo,
            **fields,
        )
        if held:
            event = pr.event_status_set(event=event, status=EventStatus.HELD, actor=canbo)
        self.events[key] = event

    def exchange_day(self) -> datetime.datetime:
        """About a week into next month."""
        first = (self.now.date().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return working_day(at(first + datetime.timedelta(days=7), 8), hour=8)

    def congress_day(self, exchange: datetime.datetime) -> datetime.datetime:
        """18 December this year if that falls after the exchange, else three weeks after it."""
        day = at(D(self.now.year, 12, 18), 8)
        if day < exchange + datetime.timedelta(days=7):
            day = exchange + datetime.timedelta(days=21)
        return working_day(day, hour=8)

    def event_material(self) -> None:
        """The story about the honouring conference, linked from the event's public page."""
        story = self.stories["honouring"]
        pr.event_material_add(
            event=self.events["honouring"],
            title=text.MATERIAL_TITLE,
            url=settings.SITE_URL.rstrip("/") + short_path("story", story.pk),
            actor=self.users["canbo"],
        )

    def replication(self, where, start, status, reached, before, after, outcome):
        adopter = self.lifecycle.unit(where)
        in_department = adopter.path.startswith(self.department.path)
        if start is None:  # planned for the next season
            start = (self.now.date().replace(day=1) + datetime.timedelta(days=62)).replace(day=1)
        return pr.replication_create(
            exemplar=self.exemplars["phuong"],
            unit=adopter,
            start=start,
            status=status,
            beneficiaries=reached,
            metric_name=text.SPRAYS if before else "",
            metric_before=Decimal(before) if before else None,
            metric_after=Decimal(after) if after else None,
            outcome=outcome,
            notes="" if start <= self.now.date() else "Dự kiến áp dụng từ vụ tới.",
            actor=self.users["canbo"] if in_department else self.admin,
        )


# -- helpers -------------------------------------------------------------------------------
def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def working_day(moment: datetime.datetime, *, hour: int) -> datetime.datetime:
    """The moment moved to the next Monday if it falls on a weekend, at `hour` o'clock."""
    day = timezone.localtime(moment).date()
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return at(day, hour)


def illustration() -> SimpleUploadedFile:
    """A drawn illustration (sea, sky, a boat), clearly not a photograph."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (1200, 675), (120, 160, 190))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 380, 1200, 675), fill=(30, 80, 130))
    for y in range(410, 675, 45):
        draw.arc((-100, y - 20, 1300, y + 20), 0, 180, fill=(200, 220, 235), width=3)
    draw.polygon([(430, 400), (770, 400), (720, 470), (480, 470)], fill=(200, 60, 50))
    draw.rectangle((560, 300, 640, 400), fill=(240, 240, 235))
    draw.line((600, 300, 600, 220), fill=(60, 60, 60), width=6)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return SimpleUploadedFile("minh-hoa.png", out.getvalue(), content_type="image/png")


def propagation_build(*, lifecycle: Lifecycle) -> dict:
    """Sections, profiles, stories, comments, propagation activities, events, replications."""
    return Propagation(lifecycle=lifecycle).build()
