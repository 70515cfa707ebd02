"""Yearly titles drawn so that they look like a real emulation record.

Each subject has a steady "quality" and a yearly draw around it, so good performers hold
titles year after year (the streaks the eligibility engine looks for), prerequisites hold
("Chiến sĩ thi đua cơ sở" only with "Lao động tiên tiến" and "Hoàn thành xuất sắc nhiệm vụ";
"Chiến sĩ thi đua cấp tỉnh" only after three consecutive "Chiến sĩ thi đua cơ sở"), and a
subject never holds the same title twice in a year.
"""

import datetime
import random

from guongsang.orgs.enums import UnitKind

YEARS = (2021, 2022, 2023, 2024, 2025)

LDTT, CSTT = "lao-dong-tien-tien", "chien-si-tien-tien"
HTXS, HTT = "htxs-nhiem-vu", "htt-nhiem-vu"
CSTD_CS, CSTD_TINH = "cstd-co-so", "cstd-bo-nganh-tinh"
TTLDXS, TTLDTT = "tap-the-lao-dong-xuat-sac", "tap-the-lao-dong-tien-tien"
DVQT, DVTT = "don-vi-quyet-thang", "don-vi-tien-tien"
HTXS_TT, THON_VH, GDVH = "htxs-nhiem-vu-tap-the", "thon-to-dan-pho-van-hoa", "gia-dinh-van-hoa"

# Titles a council of the province (not the unit) grants.
PROVINCE_LEVEL = {CSTD_TINH, TTLDXS, DVQT}


def quality(rng: random.Random) -> float:
    return rng.betavariate(5, 2)


def person_titles(rng: random.Random, q: float, years, *, armed: bool = False) -> dict:
    """{year: [title codes]} for one individual."""
    result, streak, since_province = {}, 0, 0
    for year in years:
        score = 0.6 * q + 0.4 * rng.random()
        codes = []
        if score > 0.5:
            codes.append(CSTT if armed else LDTT)
        if score > 0.76:
            codes.append(HTXS)
        elif score > 0.66:
            codes.append(HTT)
        if score > 0.81 and HTXS in codes and len(codes) == 2:
            codes.append(CSTD_CS)
            streak += 1
            since_province += 1
        else:
            streak = since_province = 0
        if since_province >= 3 and rng.random() < 0.6:
            codes.append(CSTD_TINH)
            since_province = 0
        result[year] = codes
    return result


def collective_titles(rng: random.Random, q: float, years, *, kind: str) -> dict:
    result = {}
    for year in years:
        score = 0.6 * q + 0.4 * rng.random()
        codes = []
        if kind == UnitKind.TEAM:
            if score > 0.4:
                codes.append(THON_VH)
            result[year] = codes
            continue
        armed = kind == UnitKind.ARMED_FORCES
        if score > 0.74:
            codes.append(DVQT if armed else TTLDXS)
        elif score > 0.4:
            codes.append(DVTT if armed else TTLDTT)
        if score > 0.62:
            codes.append(HTXS_TT)
        result[year] = codes
    return result


def household_titles(rng: random.Random, q: float, years) -> dict:
    return {y: [GDVH] if 0.5 * q + 0.5 * rng.random() > 0.4 else [] for y in years}


def issuer_name(unit_name: str, kind: str) -> str:
    """How a decision names its issuer: "UBND phường Nha Trang", "Sở Y tế"."""
    if kind in (UnitKind.COMMUNE, UnitKind.PROVINCE) and not unit_name.startswith("UBND"):
        return "UBND " + unit_name[0].lower() + unit_name[1:]
    return unit_name


class DecisionBook:
    """One decision number and date per issuer, year and kind of title."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._numbers: dict = {}

    def decision(self, issuer_key, issuer_code: str, year: int, group: str):
        key = (issuer_key, year, group)
        if key not in self._numbers:
            number = f"{self.rng.randint(12, 980)}/QĐ-{issuer_code or 'UBND'}"
            self._numbers[key] = (number, datetime.date(year, 12, self.rng.randint(15, 30)))
        return self._numbers[key]


def decision_code(code: str, kind: str) -> str:
    """The abbreviation after "QĐ-": the unit's code, or UBND for a province or commune."""
    if kind in (UnitKind.COMMUNE, UnitKind.PROVINCE) or not code or code[:2] in ("P-", "W-"):
        return "UBND"
    return code
