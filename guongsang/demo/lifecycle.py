"""The exemplars' life in the demo: the plans of seeds 002 and 000 and ~40 exemplars.

In two steps, as it happened:
- `lifecycle_history`, before the 1 March 2025 reorganisation: the province plan 12065/KH-UBND
  (UBND tỉnh Khánh Hòa, 2021–2025) and the department plan of Sở Tài nguyên và Môi trường
  (2023–2025) are imported from their plan files (docs/plans/), issued by the units as they
  were then, and the department's 2023–2025 exemplars are registered in its divisions;
- `lifecycle_build`, once the demo accounts exist: the exemplars of the province plan are
  registered by canbo (officer, Sở Nông nghiệp và Môi trường), tonghop (synthesising office,
  Sở Nội vụ) and admin, one self-registered by nhanvien and two discovered; they are nurtured
  (plans of support, progress notes, evaluations) by whoever may change them, proposed by the
  unit head (thutruong) or the synthesising office, one withdrawn and one not recognised,
  each with its reason. Every step goes through the services, so permissions are checked
  and every record has its audit trail.
"""

import datetime
import random
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model

from guongsang.common.errors import DomainError
from guongsang.exemplars import services as ex
from guongsang.exemplars.enums import DiscoveryKind, SupportKind
from guongsang.exemplars.models import Exemplar
from guongsang.orgs.models import Household, Person, Unit
from guongsang.plans.models import Milestone, Movement, Plan
from guongsang.plans.planfile import plan_file_import
from guongsang.plans.services.plans import milestone_update, plan_update

PLAN_DIR = Path(settings.BASE_DIR) / "docs" / "plans"
PROVINCE_PLAN = "12065/KH-UBND"
DEPARTMENT = "Sở Tài nguyên và Môi trường"
SUCCESSOR = "Sở Nông nghiệp và Môi trường"
NOI_VU = "Sở Nội vụ"
SEED = 2026
# Milestones due before this date were met on time; the 2025 final reviews are still open.
DONE_BEFORE = datetime.date(2025, 5, 1)

# Movements of the province plan, by a word of their name.
NTM = "nông thôn mới"
BUSINESS = "oanh nghiệp"
CIVILISED = "đô thị văn minh"
TEACHING = "giảng dạy"
POLICE = "(Công an tỉnh)"
ARMY = "(Bộ Chỉ huy Quân sự tỉnh)"
HEALTH = "Y tế, chăm sóc"
HO_CHI_MINH = "Hồ Chí Minh"
HOUSEHOLD = "hộ gia đình"
POVERTY = "người nghèo"
OFFICE_CULTURE = "văn hóa công sở"

# The department's exemplars, registered from 2023 to February 2025, before the merge (after
# it, its divisions lie under the successor, outside the units the plan applies to):
# (subject kind, division, year, with an achievement summary, final step).
HISTORY = [
    ("person", "Thanh tra Sở", 2023, True, "proposed"),
    ("person", "Phòng Kế hoạch - Tài chính", 2023, True, "nurturing"),
    ("unit", "Chi cục Biển và Hải đảo", 2023, True, "proposed"),
    ("person", "Phòng Tài nguyên nước - Khoáng sản - Khí tượng thủy văn", 2023, True, "registered"),
    ("person", "Văn phòng Đăng ký đất đai", 2024, True, "nurturing"),
    ("unit", "Trung tâm Công nghệ thông tin tài nguyên và môi trường", 2024, True, "proposed"),
    ("person", "Chi cục Bảo vệ môi trường", 2024, False, "registered"),
    ("person", "Phòng Quản lý đất đai", 2025, True, "nurturing"),
    ("unit", "Trung tâm Phát triển quỹ đất", 2025, True, "registered"),
]

# The province plan's exemplars: (registering user, subject kind, "body / unit" or commune,
# movement word, year, final step). Sở Nội vụ's divisions include those of the former
# Sở Lao động - Thương binh và Xã hội; Sở Nông nghiệp và Môi trường's those of both merged Sở.
PROVINCE = [
    ("canbo", "unit", f"{SUCCESSOR} / Chi cục Thủy sản", NTM, 2024, "proposed"),
    ("canbo", "unit", f"{SUCCESSOR} / Chi cục Kiểm lâm", NTM, 2025, "nurturing"),
    ("canbo", "person", f"{SUCCESSOR} / Chi cục Trồng trọt và Bảo vệ thực vật", NTM, 2024,
     "proposed"),
    ("canbo", "person", f"{SUCCESSOR} / Chi cục Kiểm lâm", NTM, 2025, "registered"),
    ("canbo", "person", f"{SUCCESSOR} / Chi cục Bảo vệ môi trường", HO_CHI_MINH, 2025,
     "nurturing"),
    ("canbo", "person", f"{SUCCESSOR} / Trung tâm Quan trắc tài nguyên và môi trường",
     HO_CHI_MINH, 2023, "withdrawn"),
    ("canbo", "unit", f"{SUCCESSOR} / Phòng Quản lý đất đai", OFFICE_CULTURE, 2025, "registered"),
    ("tonghop", "unit", f"{NOI_VU} / Phòng Công tác thi đua, khen thưởng", OFFICE_CULTURE, 2024,
     "proposed"),
    ("tonghop", "person", f"{NOI_VU} / Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
     OFFICE_CULTURE, 2024, "nurturing"),
    ("tonghop", "person", f"{NOI_VU} / Phòng Lao động - Việc làm", POVERTY, 2025, "proposed"),
    ("tonghop", "unit", f"{NOI_VU} / Phòng Người có công", POVERTY, 2025, "registered"),
    ("tonghop", "person", f"{NOI_VU} / Phòng Xây dựng chính quyền và công tác thanh niên",
     HO_CHI_MINH, 2023, "not_recognised"),
    ("admin", "unit", "Sở Giáo dục và Đào tạo / Trường THPT chuyên Lê Quý Đôn", TEACHING, 2023,
     "proposed"),
    ("admin", "person", "Sở Giáo dục và Đào tạo / Trường THPT Lý Tự Trọng", TEACHING, 2024,
     "nurturing"),
    ("admin", "person", "Sở Giáo dục và Đào tạo / Trường THPT Nguyễn Văn Trỗi", TEACHING, 2025,
     "registered"),
    ("admin", "unit", "Phường Bắc Nha Trang / Trường Tiểu học Vĩnh Hải 1", TEACHING, 2024,
     "nurturing"),
    ("admin", "unit", "Sở Y tế / Bệnh viện Đa khoa tỉnh Khánh Hòa", HEALTH, 2022, "proposed"),
    ("admin", "person", "Sở Y tế / Bệnh viện Y học cổ truyền và Phục hồi chức năng", HEALTH,
     2024, "nurturing"),
    ("admin", "person", "Sở Y tế / Trung tâm Kiểm soát bệnh tật tỉnh", HEALTH, 2025,
     "registered"),
    ("admin", "unit", "Công an tỉnh / Phòng Cảnh sát giao thông", POLICE, 2023, "proposed"),
    ("admin", "person", "Bộ Chỉ huy Quân sự tỉnh / Phòng Tham mưu", ARMY, 2024, "nurturing"),
    ("admin", "household", "Xã Cam Lâm", HOUSEHOLD, 2024, "proposed"),
    ("admin", "household", "Xã Diên Khánh", HOUSEHOLD, 2025, "nurturing"),
    ("admin", "household", "Phường Phan Rang", HOUSEHOLD, 2025, "registered"),
    ("admin", "unit", "Xã Ninh Phước", NTM, 2023, "nurturing"),
    ("admin", "unit", "Xã Cam Lâm / Thôn 1", CIVILISED, 2024, "registered"),
    ("admin", "person", "Liên đoàn Lao động tỉnh / Ban Tuyên giáo", BUSINESS, 2025, "registered"),
    ("admin", "person", "Ban Tuyên giáo Tỉnh ủy / Phòng Tuyên truyền", HO_CHI_MINH, 2024,
     "proposed"),
    ("admin", "unit", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh / Văn phòng", CIVILISED, 2022,
     "nurturing"),
    ("admin", "household", "Phường Nha Trang", POVERTY, 2023, "nurturing"),
]  # fmt: skip
REASONS = {
    "withdrawn": "Chuyển công tác ra ngoài tỉnh, đơn vị rút khỏi danh sách điển hình.",
    "not_recognised": "Chưa đạt tiêu chí về sáng kiến có phạm vi ảnh hưởng trong ngành.",
}


def plan_file(seed: str) -> str:
    """The text of the plan file made from a seed plan ("002" → docs/plans/002-….yaml)."""
    paths = sorted(PLAN_DIR.glob(f"{seed}-*.yaml"))
    if not paths:
        raise FileNotFoundError(f"docs/plans/{seed}-*.yaml")
    return paths[0].read_text(encoding="utf-8")


def _own_units_first(text: str, issuer: Unit) -> str:
    """The plan file with its bare unit names that several units share ("Văn phòng Sở") placed
    under the issuer, as a department's plan means its own office."""
    data = yaml.safe_load(text)

    def local(ref):
        name = ref if isinstance(ref, str) else ref.get("name")
        if not isinstance(name, str) or (isinstance(ref, dict) and set(ref) & {"code", "under"}):
            return ref
        if Unit.objects.filter(name=name).count() < 2:
            return ref
        ref = {"name": name} if isinstance(ref, str) else dict(ref)
        return {**ref, "under": {"name": issuer.name}}

    for milestone in data.get("milestones") or []:
        milestone["responsible"] = [local(r) for r in milestone.get("responsible") or []]
    for movement in data.get("movements") or []:
        if movement.get("lead"):
            movement["lead"] = local(movement["lead"])
    for quota in data.get("quotas") or []:
        if quota.get("recipient"):
            quota["recipient"] = local(quota["recipient"])
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def plan_import(text: str, *, actor, issuer: Unit | None = None) -> Plan:
    if issuer is not None:
        text = _own_units_first(text, issuer)
    result = plan_file_import(text, actor=actor, issuer=issuer)
    if not result.ok:
        raise DomainError("; ".join(str(error) for error in result.errors))
    return result.plan


class Lifecycle:
    def __init__(self, *, admin, seed: int = SEED):
        self.admin = admin
        self.rng = random.Random(seed)
        self.users = {"admin": admin}
        self.exemplars: list[tuple[Exemplar, str]] = []  # (exemplar, final step)
        self.province_plan_id = None

    # -- before the reorganisation -------------------------------------------------------
    def history(self) -> None:
        province = plan_import(plan_file("002"), actor=self.admin)
        self.province_plan_id = province.pk
        department = Unit.objects.get(name=DEPARTMENT, status="active")
        plan = plan_import(plan_file("000"), actor=self.admin, issuer=department)
        movement = plan.movements.order_by("pk").first()
        for kind, division, year, with_summary, step in HISTORY:
            unit = self.unit(f"{DEPARTMENT} / {division}")
            subject = unit if kind == "unit" else self.person(unit)
            exemplar = ex.exemplar_register(
                subject=subject,
                plan=plan,
                year=year,
                actor=self.admin,
                movement=movement,
                summary=self.summary(subject, year) if with_summary else "",
            )
            self.exemplars.append((exemplar, step))

    # -- with the demo accounts ----------------------------------------------------------
    def build(self) -> None:
        users = get_user_model().objects.filter(
            username__in=["canbo", "thutruong", "tonghop", "nhanvien"]
        )
        self.users.update({user.username: user for user in users})
        province = Plan.objects.get(pk=self.province_plan_id)
        for row in PROVINCE:
            self.register(province, *row)
        self.discoveries(province)
        for exemplar, step in self.exemplars:
            self.advance(Exemplar.objects.get(pk=exemplar.pk), step)
        for milestone in Milestone.objects.filter(due_date__lt=DONE_BEFORE, done_on__isnull=True):
            milestone_update(milestone=milestone, actor=self.admin, done_on=milestone.due_date)

    def register(self, plan, username, kind, where, word, year, step) -> Exemplar:
        actor = self.users[username]
        subject = self.subject(kind, where)
        exemplar = ex.exemplar_register(
            subject=subject,
            plan=plan,
            year=year,
            actor=actor,
            movement=self.movement(plan, word),
            summary=self.summary(subject, year),
        )
        self.exemplars.append((exemplar, step))
        return exemplar

    def discoveries(self, plan: Plan) -> None:
        """A good deed found by the officer, a new model by the province, a self-registration."""
        fisher = self.person(self.unit(f"{SUCCESSOR} / Chi cục Thủy sản"), index=1)
        found = ex.exemplar_nominate(
            subject=fisher,
            plan=plan,
            year=2025,
            discovery_kind=DiscoveryKind.GOOD_DEED,
            actor=self.users["canbo"],
            movement=self.movement(plan, NTM),
            summary="Cứu 5 ngư dân gặp nạn trên biển trong cơn bão số 13 năm 2025.",
        )
        self.exemplars.append((found, "nurturing"))
        household = self.household("Phường Bắc Nha Trang")
        model = ex.exemplar_nominate(
            subject=household,
            plan=plan,
            year=2025,
            discovery_kind=DiscoveryKind.NEW_MODEL,
            actor=self.admin,
            movement=self.movement(plan, HOUSEHOLD),
            summary="Mô hình nuôi tôm hùm lồng kết hợp du lịch trải nghiệm, thu nhập cao.",
        )
        self.exemplars.append((model, "registered"))
        if "nhanvien" in self.users:
            # "Let collectives and individuals choose to register" (12065/KH-UBND, II.2.a).
            plan = plan_update(plan=plan, actor=self.admin, allows_self_registration=True)
            own = ex.exemplar_self_register(
                plan=plan,
                year=2025,
                actor=self.users["nhanvien"],
                movement=self.movement(plan, HO_CHI_MINH),
                summary="Hoàn thành xuất sắc nhiệm vụ 3 năm liền; 2 sáng kiến cấp cơ sở.",
            )
            self.exemplars.append((own, "registered"))

    # -- the steps after registration ----------------------------------------------------
    def advance(self, exemplar: Exemplar, step: str) -> None:
        if step == "registered":
            return
        writer = self.writer(exemplar)
        if step == "withdrawn":
            ex.exemplar_withdraw(exemplar=exemplar, actor=writer, reason=REASONS[step])
            return
        ex.exemplar_start_nurturing(exemplar=exemplar, actor=writer)
        self.nurture(exemplar, writer)
        if step == "proposed":
            ex.exemplar_propose(
                exemplar=exemplar,
                actor=self.approver(exemplar),
                reason="Đủ điều kiện giới thiệu biểu dương, đề nghị cấp trên xem xét.",
            )
        elif step == "not_recognised":
            ex.exemplar_not_recognise(
                exemplar=exemplar, actor=self.approver(exemplar), reason=REASONS[step]
            )

    def nurture(self, exemplar: Exemplar, actor) -> None:
        year = exemplar.year
        kinds = self.rng.sample(list(SupportKind.values), k=2)
        ex.nurturing_plan_save(
            exemplar=exemplar,
            actor=actor,
            support_kinds=kinds,
            support_detail="Cử đi tập huấn; hỗ trợ kinh phí nhân rộng mô hình.",
            weaknesses="Cần tổng kết cách làm thành tài liệu để nhân rộng.",
            start=datetime.date(year, 3, 1),
        )
        ex.progress_note_add(
            exemplar=exemplar,
            actor=actor,
            date=datetime.date(year, 6, 30),
            text="Đã hoàn thành tài liệu giới thiệu cách làm; chuẩn bị báo cáo điển hình.",
        )
        scores = [self.rng.randint(3, 5) for _ in range(4)]
        ex.evaluation_add(
            exemplar=exemplar,
            actor=actor,
            date=datetime.date(year, 11, 15),
            effect=scores[0],
            efficiency=scores[1],
            potential=scores[2],
            influence=scores[3],
            comment="Mô hình có hiệu quả, có khả năng nhân rộng trong ngành.",
        )

    def writer(self, exemplar: Exemplar):
        """Who nurtures it: the officer or the synthesising office of its unit, or the admin."""
        for username in ("canbo", "tonghop"):
            user = self.users.get(username)
            if user and user.has_perm("exemplars.nurture", exemplar):
                return user
        return self.admin

    def approver(self, exemplar: Exemplar):
        """Who sends it up: the unit head, or the synthesising office, or the admin."""
        for username in ("thutruong", "tonghop"):
            user = self.users.get(username)
            if user and user.has_perm("exemplars.propose", exemplar):
                return user
        return self.admin

    # -- finding subjects ----------------------------------------------------------------
    def unit(self, where: str) -> Unit:
        """An active unit by "parent / name" (or a name): the parent may be closed."""
        *parent_name, name = [part.strip() for part in where.split(" / ")]
        units = Unit.objects.filter(name=name, status="active")
        if parent_name:
            parent = (
                Unit.objects.filter(name=parent_name[0]).order_by("status", "-pk").first()
            )  # "active" sorts first
            units = units.filter(path__startswith=parent.path, depth=parent.depth + 1)
        return units.order_by("pk").first() or units.get()

    def person(self, unit: Unit, index: int = 0) -> Person:
        people = Person.objects.filter(
            unit=unit, user__isnull=True, memberships__end__isnull=True
        ).order_by("pk")
        return people[index] if people.count() > index else people.first()

    def household(self, commune_name: str) -> Household:
        used = Exemplar.objects.filter(household__isnull=False).values("household_id")
        return (
            Household.objects.filter(locality=self.unit(commune_name))
            .exclude(pk__in=used)
            .order_by("-annual_income", "pk")
            .first()
        )

    def subject(self, kind: str, where: str):
        if kind == "household":
            return self.household(where)
        unit = self.unit(where)
        return unit if kind == "unit" else self.person(unit)

    def movement(self, plan: Plan, word: str | None) -> Movement | None:
        if not word:
            return None
        return plan.movements.filter(name__icontains=word).order_by("pk").first()

    @staticmethod
    def summary(subject, year: int) -> str:
        return (
            f"{subject}: hoàn thành xuất sắc nhiệm vụ năm {year}; có cách làm mới, "
            "sáng kiến được áp dụng hiệu quả; tích cực tham gia các phong trào thi đua."
        )


def lifecycle_history(*, admin) -> Lifecycle:
    """Before the 2025 reorganisation: import the plans, register the department's exemplars."""
    lifecycle = Lifecycle(admin=admin)
    lifecycle.history()
    return lifecycle


def lifecycle_build(*, lifecycle: Lifecycle) -> dict:
    """With the demo accounts: register, nurture, propose and withdraw the exemplars."""
    lifecycle.build()
    return {
        "plans": Plan.objects.count(),
        "exemplars": Exemplar.objects.count(),
    }
