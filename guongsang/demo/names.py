"""Vietnamese personal names, weighted roughly as they occur, and a seeded name picker."""

import datetime
import random

from guongsang.orgs.enums import Gender

# Surname and rough share of the population (percent).
SURNAMES = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Phan", 4.5), ("Võ", 4),
    ("Hoàng", 3), ("Huỳnh", 3), ("Vũ", 2), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 1.5), ("Hồ", 1.5),
    ("Ngô", 1.3), ("Dương", 1), ("Trương", 1), ("Đinh", 0.8), ("Lý", 0.5), ("Lâm", 0.5),
    ("Mai", 0.5), ("Cao", 0.5), ("Đoàn", 0.5), ("Lương", 0.3), ("Tạ", 0.2),
]  # fmt: skip
MIDDLE_MALE = [
    "Văn", "Văn", "Văn", "Minh", "Quốc", "Hữu", "Đức", "Thanh", "Công", "Xuân", "Ngọc",
    "Hoàng", "Anh", "Tấn", "Thành", "Trọng", "Đình", "Quang", "Bảo", "Gia", "Nhật", "Duy",
]  # fmt: skip
MIDDLE_FEMALE = [
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thanh", "Thu", "Thúy", "Hồng", "Mỹ", "Kim", "Bích",
    "Phương", "Khánh", "Minh", "Diệu", "Quỳnh", "Bảo", "Hoài", "Như",
]  # fmt: skip
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Định", "Đông", "Hải", "Hào", "Hiếu", "Hòa",
    "Hoàng", "Hùng", "Huy", "Khang", "Khoa", "Khôi", "Kiên", "Lâm", "Long", "Lộc", "Lợi",
    "Minh", "Nam", "Nghĩa", "Nhân", "Phong", "Phúc", "Phước", "Quang", "Quân", "Sơn", "Tài",
    "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Vinh", "Việt", "Vũ",
    "Bảo", "Duy", "Hưng", "Khánh", "Lực", "Sang", "Tín", "Trí",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Châu", "Chi", "Diệp", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
    "Hoa", "Hồng", "Huệ", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân",
    "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thu", "Thủy",
    "Trang", "Trinh", "Uyên", "Vân", "Vy", "Yến", "Xuân", "Nhi", "Thư",
]  # fmt: skip

_SURNAME_NAMES = [name for name, _ in SURNAMES]
_SURNAME_WEIGHTS = [weight for _, weight in SURNAMES]


class NamePicker:
    """Draws names, genders and birth dates from one seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def surname(self) -> str:
        return self.rng.choices(_SURNAME_NAMES, _SURNAME_WEIGHTS)[0]

    def full_name(self, gender: str, surname: str | None = None) -> str:
        rng = self.rng
        if gender == Gender.FEMALE:
            middle, given = rng.choice(MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE)
        else:
            middle, given = rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)
        return f"{surname or self.surname()} {middle} {given}"

    def gender(self, female_share: float = 0.5) -> str:
        return Gender.FEMALE if self.rng.random() < female_share else Gender.MALE

    def birth_date(self, min_age: int, max_age: int, today_year: int = 2025) -> datetime.date:
        year = today_year - self.rng.randint(min_age, max_age)
        return datetime.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def person(self, *, min_age=23, max_age=58, female_share=0.5) -> tuple[str, str, object]:
        gender = self.gender(female_share)
        return self.full_name(gender), gender, self.birth_date(min_age, max_age)
