"""The public portal's content that bench/portal.py measures, inserted in bulk.

On top of the synthetic province (generate_dataset): one plan with its movements; recognised
exemplars (individual staff, collectives and households) with PUBLISHED public profiles and
recorded consent (a few featured); portal sections tied to fields; the public stories
(published, over five years, in the sections, each about one to three of the exemplars), plus
a few non-public ones (draft, in review, archived, scheduled) whose titles carry a marker word
the bench searches for to prove none leaks; images (rows only: no file is read to render a
page), published comments, reactions, decisions recognising the exemplars, replications by
other units, and public events honouring them.

`search_text` is filled exactly as the stories services do it: fold(title + lead +
body_text(body)) for a story, fold(name, unit, headline, summary) for a profile, so the
FTS5 triggers (SQLite) and the generated tsvector column (PostgreSQL) of
stories/migrations/0002_search_indexes.py index them as they index an editor's work.

Rows go in with raw inserts (orgs.bulk.raw_insert: COPY on PostgreSQL, executemany
elsewhere), without services or history rows, inside one transaction; then the database
gets its statistics (VACUUM ANALYZE on PostgreSQL, ANALYZE on SQLite).
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from guongsang.awards.enums import DecisionKind, DecisionStatus
from guongsang.awards.models import Decision, DecisionRecipient
from guongsang.common.text import fold
from guongsang.exemplars.enums import ExemplarStatus
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.bulk import next_id, raw_insert, reset_sequences
from guongsang.orgs.models import Household, Person, Unit
from guongsang.plans.enums import PlanStatus
from guongsang.plans.models import Field, Movement, Plan
from guongsang.portal.sharing import slug_of
from guongsang.propagation.enums import EventKind, EventStatus, ReplicationStatus
from guongsang.propagation.models import Event, Replication
from guongsang.stories.enums import CommentStatus, ProfileStatus, ReactionKind, StoryStatus
from guongsang.stories.html import body_text
from guongsang.stories.models import Comment, ExemplarProfile, Image, ReactionTally, Section, Story
from guongsang.titles.enums import Level
from guongsang.titles.models import Title

# A marker word only non-public stories carry: searching it must find nothing.
HIDDEN_MARKER = "kxbimat"
SECTIONS = [
    "Gương sáng ngành giáo dục", "Gương sáng ngành y tế", "Chuyển đổi số", "Nông thôn mới",
    "Dân vận khéo", "Người tốt, việc tốt", "Doanh nghiệp tiêu biểu", "Lực lượng vũ trang",
    "Khuyến học, khuyến tài", "Vì người nghèo", "Môi trường xanh", "Văn hóa, thể thao",
]  # fmt: skip
MOVEMENTS = [
    "Cả nước thi đua đổi mới sáng tạo, chuyển đổi số", "Cả nước chung tay vì người nghèo",
    "Toàn dân đoàn kết xây dựng đời sống văn hóa", "Thi đua dân vận khéo",
    "Cán bộ, công chức thi đua thực hiện văn hóa công sở", "Xây dựng nông thôn mới",
]  # fmt: skip
TOPICS = [
    "đổi mới phương pháp giảng dạy", "chuyển đổi số trong cải cách hành chính",
    "xây dựng nông thôn mới", "giúp nhau thoát nghèo bền vững", "hiến máu tình nguyện",
    "bảo vệ môi trường biển", "sáng kiến tiết kiệm chi phí", "chăm sóc sức khỏe nhân dân",
    "phát triển kinh tế hộ gia đình", "giữ gìn an ninh trật tự ở cơ sở",
    "khuyến học, khuyến tài", "đền ơn đáp nghĩa", "phòng chống thiên tai",
    "ứng dụng khoa học kỹ thuật vào sản xuất", "dân vận khéo", "văn hóa công sở",
    "nuôi trồng thủy sản theo hướng hữu cơ", "cải cách thủ tục hành chính",
]  # fmt: skip
TITLES = [
    "{name}: tấm gương sáng về {topic}", "{name} và hành trình {topic}",
    "Lan tỏa mô hình {topic} từ {unit}", "{unit}: điểm sáng trong {topic}",
    "Người lặng lẽ {topic} ở {unit}", "Chuyện về {name} với {topic}",
]  # fmt: skip
SENTENCES = [
    "Nhiều năm liền, {name} hoàn thành xuất sắc nhiệm vụ được giao tại {unit}.",
    "Từ năm {year}, mô hình {topic} đã được {count} đơn vị trong tỉnh học tập, nhân rộng.",
    "Theo lãnh đạo {unit}, điều làm nên thành công là sự kiên trì và tinh thần trách nhiệm.",
    "Sáng kiến về {topic} giúp tiết kiệm hơn {count} triệu đồng mỗi năm.",
    "Phong trào thi đua đã tạo động lực để cán bộ, người dân cùng tham gia {topic}.",
    "Những việc làm bình dị ấy góp phần lan tỏa giá trị tốt đẹp trong cộng đồng.",
    "Năm {year}, {name} được tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh.",
    "Câu chuyện của {name} là minh chứng sinh động cho {topic}.",
]  # fmt: skip
HEADLINES = [
    "Điển hình tiên tiến trong {topic}", "Gương sáng {topic} của {unit}",
    "Nhiều năm liền dẫn đầu phong trào {topic}",
]  # fmt: skip
COMMENTS = [
    "Một tấm gương rất đáng học tập!", "Cảm ơn tòa soạn đã giới thiệu câu chuyện ý nghĩa.",
    "Mong mô hình này được nhân rộng ở địa phương tôi.", "Xin chúc mừng và cảm ơn anh chị.",
]  # fmt: skip
EVENT_KINDS = list(EventKind.values)
START = datetime.datetime(2021, 1, 4, 8, 0, tzinfo=datetime.UTC)


@dataclass
class PortalData:
    section_slugs: list[str]
    profiles: list[tuple[int, str]]  # (profile pk, slug of the exemplar's name)
    search_queries: list[str]
    figures: dict = field(default_factory=dict)


def build(*, stories: int, profiles: int, seed: int) -> PortalData:
    rng = random.Random(seed)
    with transaction.atomic():
        data = _Builder(rng, stories, profiles).run()
    # The statistics a deployment's planner has: autovacuum's on PostgreSQL, ANALYZE (or
    # PRAGMA optimize) run by the operator on SQLite (README, "Deployment").
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return data


def _dt(value: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(value)


class _Builder:
    def __init__(self, rng: random.Random, stories: int, profiles: int):
        self.rng = rng
        self.story_count = stories
        self.profile_count = profiles
        self.now = timezone.now()
        self.figures: dict = {}

    def run(self) -> PortalData:
        self.root = Unit.objects.filter(depth=1).order_by("path").first()
        self.clerk = get_user_model().objects.create(username="bench-portal-editor")
        self.plan = Plan.objects.create(
            number="35/KH-UBND", title="Kế hoạch phát hiện, bồi dưỡng, nhân rộng điển hình",
            issuer=self.root, issuer_name=self.root.name, issued_on=datetime.date(2021, 3, 1),
            start_year=2021, end_year=2025, status=PlanStatus.ISSUED, created_by=self.clerk,
        )  # fmt: skip
        self.movements = Movement.objects.bulk_create(
            [Movement(plan=self.plan, name=name, start_year=2021) for name in MOVEMENTS]
        )
        self.fields = list(Field.objects.order_by("pk").values_list("pk", flat=True))
        self.units = list(
            Unit.objects.filter(depth__gte=2).order_by("pk").values_list("pk", "name")
        )
        self._exemplars()
        self._profiles()
        self._sections()
        self._stories()
        self._interaction()
        self._recognition_and_replication()
        self._events()
        reset_sequences(Exemplar, ExemplarProfile, Story, Image, Decision, Event)
        return PortalData(
            section_slugs=[s.slug for s in self.sections],
            profiles=[(pk, slug_of(e[1])) for pk, e in zip(self.profile_ids, self.exemplars,
                                                             strict=True)],
            search_queries=self._search_queries(),
            figures=self.figures,
        )  # fmt: skip

    # -- exemplars and their public profiles --------------------------------------------------
    def _subjects(self) -> list[tuple]:
        """(subject column, subject id, name, name_sort, scope unit id, unit name): about 30 %
        collectives (as many as there are units), 10 % households, the rest individual staff."""
        rng, count = self.rng, self.profile_count
        units = list(Unit.objects.filter(depth__gte=2).values_list("pk", "name", "name_sort"))
        homes = list(Household.objects.values_list(
            "pk", "name", "name_sort", "locality_id", "locality__name"))  # fmt: skip
        units = rng.sample(units, min(len(units), round(count * 0.3)))
        homes = rng.sample(homes, min(len(homes), round(count * 0.1)))
        people = rng.sample(
            list(Person.objects.filter(unit__isnull=False).values_list(
                "pk", "full_name", "name_sort", "unit_id", "unit__name")),
            count - len(units) - len(homes),
        )  # fmt: skip
        subjects = [("person", pk, n, key, unit, un) for pk, n, key, unit, un in people]
        subjects += [("unit", pk, n, key, pk, n) for pk, n, key in units]
        subjects += [("household", pk, n, key, unit, un) for pk, n, key, unit, un in homes]
        rng.shuffle(subjects)
        return subjects

    def _exemplars(self) -> None:
        rng = self.rng
        first = next_id(Exemplar)
        registered = _dt(self.now - datetime.timedelta(days=400))
        self.exemplars = []  # (pk, name, unit name, subject kind column, subject id)
        rows = []
        for n, (column, subject, name, key, unit, unit_name) in enumerate(self._subjects()):
            pk = first + n
            self.exemplars.append((pk, name, unit_name, column, subject))
            year = rng.randint(2021, 2025)
            subject_ids = [subject if column == c else None for c in ("person", "unit",
                                                                      "household")]  # fmt: skip
            rows.append((
                pk, *subject_ids, self.plan.pk, rng.choice(self.movements).pk, year,
                ExemplarStatus.RECOGNISED.value, rng.choice(Level.values), unit, unit_name,
                name, f"{fold(name)} | {fold(unit_name)}", key,
                f"{name} là điển hình tiên tiến của {unit_name}.", "[]", "[]", self.clerk.pk,
                registered,
            ))  # fmt: skip
        self.figures["exemplars"] = raw_insert(
            Exemplar,
            ["id", "person", "unit", "household", "plan", "movement", "year", "status", "level",
             "scope_unit", "unit_name", "subject_name", "search_text", "name_sort", "summary",
             "key_achievements", "titles_held", "registered_by", "registered_at"],
            rows,
        )  # fmt: skip
        through = Exemplar.fields.through
        raw_insert(
            through,
            ["exemplar", "field"],
            ((e[0], f) for e in self.exemplars for f in rng.sample(self.fields, 2)),
        )

    def _profiles(self) -> None:
        rng = self.rng
        first = next_id(ExemplarProfile)
        self.profile_ids = [first + n for n in range(len(self.exemplars))]
        recorded = _dt(self.now - datetime.timedelta(days=500))
        rows = []
        span = (self.now - START).total_seconds()
        for n, (pk, (exemplar, name, unit_name, _c, _s)) in enumerate(
            zip(self.profile_ids, self.exemplars, strict=True)
        ):
            topic = rng.choice(TOPICS)
            headline = rng.choice(HEADLINES).format(topic=topic, unit=unit_name)
            summary = " ".join(self._sentence(name, unit_name, topic) for _ in range(4))
            videos = "https://www.youtube.com/watch?v=bench" if n % 7 == 0 else ""
            published = START + datetime.timedelta(seconds=rng.random() * span * 0.98)
            parts = (name, unit_name, headline, summary)
            rows.append((
                pk, exemplar, ProfileStatus.PUBLISHED.value, headline, summary, videos, True,
                "Phiếu đồng ý có chữ ký, lưu tại đơn vị", self.clerk.pk, recorded, n < 12,
                _dt(published), rng.randint(0, 5000), fold(" ".join(p for p in parts if p)),
            ))  # fmt: skip
        self.figures["profiles"] = raw_insert(
            ExemplarProfile,
            ["id", "exemplar", "status", "headline", "public_summary", "video_urls",
             "consent_given", "consent_note", "consent_recorded_by", "consent_recorded_at",
             "is_featured", "published_at", "view_count", "search_text"],
            rows,
        )  # fmt: skip

    def _sentence(self, name: str, unit: str, topic: str) -> str:
        rng = self.rng
        return rng.choice(SENTENCES).format(
            name=name, unit=unit, topic=topic, year=rng.randint(2015, 2024),
            count=rng.randint(3, 120),
        )  # fmt: skip

    # -- sections and stories ---------------------------------------------------------------
    def _sections(self) -> None:
        self.sections = Section.objects.bulk_create(
            [
                Section(name=name, slug=slug_of(name), position=i,
                        field_id=self.fields[i % len(self.fields)],
                        description=f"Những câu chuyện về {name.lower()}.")
                for i, name in enumerate(SECTIONS)
            ]
        )  # fmt: skip

    def _story_text(self, exemplars: list) -> tuple[str, str, str]:
        rng = self.rng
        _pk, name, unit, _c, _s = exemplars[0]
        topic = rng.choice(TOPICS)
        title = rng.choice(TITLES).format(name=name, unit=unit, topic=topic)
        lead = f"{name} ({unit}) là một trong những điển hình tiên tiến về {topic}."
        paragraphs = []
        for _p in range(rng.randint(3, 5)):
            sentences = " ".join(self._sentence(name, unit, topic) for _ in range(3))
            paragraphs.append(f"<p>{sentences}</p>")
        if len(exemplars) > 1:
            others = ", ".join(e[1] for e in exemplars[1:])
            paragraphs.append(f"<p>Cùng với đó là những tấm gương {others}.</p>")
        return title, lead, "".join(paragraphs)

    def _stories(self) -> None:
        rng, count = self.rng, self.story_count
        hidden = max(4, count // 100)  # drafts, in review, archived, scheduled
        first = next_id(Story)
        self.story_ids = list(range(first, first + count))
        self.public_story_ids = self.story_ids[: count - hidden]
        span = (self.now - START).total_seconds()
        hidden_statuses = [
            StoryStatus.DRAFT,
            StoryStatus.IN_REVIEW,
            StoryStatus.ARCHIVED,
            StoryStatus.PUBLISHED,
        ]  # fmt: skip (in this order: see the dates)
        stories, links, self.titles = [], [], []
        for n, pk in enumerate(self.story_ids):
            about = rng.sample(self.exemplars, rng.choice((1, 1, 1, 2, 2, 3)))
            title, lead, body = self._story_text(about)
            if n < len(self.public_story_ids):
                status = StoryStatus.PUBLISHED.value
                # More stories lately: the square root skews the dates towards now.
                published = START + datetime.timedelta(seconds=span * rng.random() ** 0.5 * 0.99)
                self.titles.append(title)
            else:
                status = hidden_statuses[n % 4].value
                title = f"{title} {HIDDEN_MARKER}"
                # Archived: was public; published: scheduled a month ahead; others: never.
                published = self.now + datetime.timedelta(days=-30 if n % 4 == 2 else 30)
            section = rng.choice(self.sections).pk if rng.random() < 0.9 else None
            stories.append((
                pk, title, slug_of(title), lead, body, section, rng.choice(self.units)[0],
                status, _dt(published) if n % 4 >= 2 or status == "published" else None,
                "https://www.youtube.com/watch?v=bench" if n % 11 == 0 else "",
                self.clerk.pk, self.clerk.pk, rng.randint(0, 20_000),
                fold(" ".join((title, lead, body_text(body)))),
            ))  # fmt: skip
            links.extend((pk, e[0]) for e in about)
        self.figures["stories"] = raw_insert(
            Story,
            ["id", "title", "slug", "lead", "body", "section", "unit", "status", "published_at",
             "video_url", "author", "reviewed_by", "view_count", "search_text"],
            stories,
        )  # fmt: skip
        self.figures["public stories"] = len(self.public_story_ids)
        raw_insert(Story.exemplars.through, ["story", "exemplar"], links)

    # -- images, comments, reactions --------------------------------------------------------
    def _interaction(self) -> None:
        rng = self.rng
        first = next_id(Image)
        images = []
        for n, pk in enumerate(rng.sample(self.story_ids, len(self.story_ids) // 3)):
            images.append((first + n, pk, None, f"images/2025/05/bai-{pk}.jpg",
                           f"images/2025/05/thumbs/bai-{pk}.jpg", 1600, 1067,
                           "Ảnh minh họa bài viết", "", 0))  # fmt: skip
        for pk in rng.sample(self.profile_ids, len(self.profile_ids) // 2):
            images.append((first + len(images), None, pk, f"images/2025/05/dh-{pk}.jpg",
                           f"images/2025/05/thumbs/dh-{pk}.jpg", 1200, 1600,
                           "Chân dung điển hình", "", 0))  # fmt: skip
        self.figures["images"] = raw_insert(
            Image,
            ["id", "story", "profile", "image", "thumbnail", "width", "height", "alt", "caption",
             "position"],
            images,
        )  # fmt: skip
        created = _dt(self.now - datetime.timedelta(days=3))
        published = CommentStatus.PUBLISHED.value
        comments = [
            (pk, None, "Bạn đọc", rng.choice(COMMENTS), published, created, "bench", None)
            for pk in rng.sample(self.public_story_ids, len(self.public_story_ids) // 10)
        ] + [
            (None, pk, "Bạn đọc", rng.choice(COMMENTS), published, created, "bench", None)
            for pk in rng.sample(self.profile_ids, len(self.profile_ids) // 5)
        ]
        self.figures["comments"] = raw_insert(
            Comment,
            ["story", "profile", "author_name", "text", "status", "created_at", "client_key",
             "moderated_at"],
            comments,
        )  # fmt: skip
        raw_insert(
            ReactionTally,
            ["story", "kind", "count"],
            (
                (pk, kind, rng.randint(1, 300))
                for pk in rng.sample(self.public_story_ids, len(self.public_story_ids) // 5)
                for kind in rng.sample(ReactionKind.values, 2)
            ),
        )

    # -- decisions and replications ---------------------------------------------------------
    def _recognition_and_replication(self) -> None:
        rng = self.rng
        titles = {
            kind: list(Title.objects.filter(subject_kind=kind).values_list("pk", "level"))
            for kind in ("individual", "collective", "household")
        }
        kind_of = {"person": "individual", "unit": "collective", "household": "household"}
        first = next_id(Decision)
        decisions, recipients = [], []
        groups = {}
        for exemplar in self.exemplars:
            groups.setdefault(kind_of[exemplar[3]], []).append(exemplar)
        for kind, members in groups.items():
            for start in range(0, len(members), 20):  # a decision names up to 20 exemplars
                pk = first + len(decisions)
                title, level = rng.choice(titles[kind])
                year = rng.randint(2021, 2024)
                date = datetime.date(year + 1, rng.randint(1, 4), rng.randint(1, 28))
                decisions.append((
                    pk, f"{pk}/QĐ-UBND", date, DecisionKind.RECOGNITION.value,
                    DecisionStatus.ISSUED.value, self.root.pk, self.root.name, title, level,
                    year, self.clerk.pk, _dt(self.now - datetime.timedelta(days=30)),
                ))  # fmt: skip
                for e_pk, name, unit_name, column, subject in members[start : start + 20]:
                    ids = [subject if column == c else None for c in ("person", "unit",
                                                                      "household")]  # fmt: skip
                    recipients.append((pk, e_pk, *ids, name, unit_name))
        self.figures["decisions"] = raw_insert(
            Decision,
            ["id", "number", "date", "kind", "status", "authority", "authority_name", "title",
             "level", "year", "created_by", "issued_at"],
            decisions,
        )  # fmt: skip
        raw_insert(
            DecisionRecipient,
            ["decision", "exemplar", "person", "unit", "household", "name", "unit_name"],
            recipients,
        )
        replications = set()
        for exemplar in rng.sample(self.exemplars, len(self.exemplars) // 3):
            for unit, _name in rng.sample(self.units, rng.randint(1, 6)):
                replications.add((exemplar[0], unit))
        statuses = ReplicationStatus.values
        self.figures["replications"] = raw_insert(
            Replication,
            ["exemplar", "unit", "start", "status", "outcome", "beneficiaries", "created_by"],
            (
                (e, u, datetime.date(2024, rng.randint(1, 12), 1), rng.choice(statuses),
                 "Áp dụng hiệu quả tại đơn vị", rng.randint(10, 2000), self.clerk.pk)
                for e, u in sorted(replications)
            ),
        )  # fmt: skip

    # -- events --------------------------------------------------------------------------------
    def _events(self) -> None:
        rng = self.rng
        count = max(20, self.profile_count // 20)
        first = next_id(Event)
        events, honoured, presenting = [], [], []
        for n in range(count):
            pk = first + n
            upcoming = n < 15
            start = self.now + datetime.timedelta(days=rng.randint(1, 90) if upcoming else
                                                  -rng.randint(1, 1500))  # fmt: skip
            kind = rng.choice(EVENT_KINDS)
            status = EventStatus.PLANNED if upcoming else EventStatus.HELD
            events.append((
                pk, kind, f"{EventKind(kind).label} năm {start.year} ({n + 1})", self.root.pk,
                _dt(start), _dt(start + datetime.timedelta(hours=4)), "Hội trường Tỉnh ủy",
                "Tôn vinh các điển hình tiên tiến.", status.value, n % 10 != 9, "",
                rng.randint(50, 500), self.plan.pk, self.clerk.pk,
            ))  # fmt: skip
            for e in rng.sample(self.exemplars, min(8, len(self.exemplars))):
                honoured.append((pk, e[0]))
            presenting.extend((pk, e[0]) for e in rng.sample(self.exemplars, 2))
        self.figures["events"] = raw_insert(
            Event,
            ["id", "kind", "title", "organiser", "start", "end", "location", "description",
             "status", "is_public", "participants", "participant_count", "plan", "created_by"],
            events,
        )  # fmt: skip
        raw_insert(Event.honoured.through, ["event", "exemplar"], honoured)
        raw_insert(Event.presenting.through, ["event", "exemplar"], presenting)

    # -- what the public searches for ---------------------------------------------------------
    def _search_queries(self) -> list[str]:
        """A name (with or without accents, or surname and given name), words of a story
        title, a topic (which matches thousands of stories), a unit, two words of a title."""
        rng = self.rng
        queries = []
        for i in range(80):
            _pk, name, unit_name, _c, _s = rng.choice(self.exemplars)
            words = name.split()
            pick = i % 6
            if pick == 0:
                queries.append(name)
            elif pick == 1:
                queries.append(fold(f"{words[0]} {words[-1]}"))
            elif pick == 2:
                queries.append(" ".join(rng.choice(self.titles).split()[:4]))
            elif pick == 3:
                queries.append(fold(rng.choice(TOPICS)))
            elif pick == 4:
                queries.append(" ".join(unit_name.split()[-3:]))
            else:  # two words far apart in a title, without accents
                title = rng.choice(self.titles).split()
                queries.append(fold(f"{title[0]} {title[-1]}"))
        return queries
