"""The legal title catalogue shipped as data (Law 06/2022/QH15, Decree 152/2025/NĐ-CP).

Administrators edit it in the app when the law changes; `titles_load_catalogue` and the
initial data migration load it without overwriting what an administrator changed.
"""

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE = "Nghị định số 152/2025/NĐ-CP"
REF = f"{LAW}, Điều 23; {DECREE}"

CATALOGUE = [
    # Individual titles
    dict(code="cstd-toan-quoc", name="Chiến sĩ thi đua toàn quốc", kind="title",
         subject_kind="individual", level="national", rank=90, money_multiple="4.5",
         requires_vote=True, vote_threshold_percent=90, legal_reference=REF),
    dict(code="cstd-bo-nganh-tinh", name="Chiến sĩ thi đua cấp bộ, ngành, tỉnh", kind="title",
         subject_kind="individual", level="province", rank=80, money_multiple="3.0",
         requires_vote=True, vote_threshold_percent=90, legal_reference=REF),
    dict(code="cstd-co-so", name="Chiến sĩ thi đua cơ sở", kind="title",
         subject_kind="individual", level="unit", rank=60, money_multiple="1.0",
         requires_vote=True, vote_threshold_percent=80, legal_reference=REF),
    dict(code="lao-dong-tien-tien", name="Lao động tiên tiến", kind="title",
         subject_kind="individual", level="unit", rank=40, money_multiple="0.3",
         legal_reference=REF),
    dict(code="chien-si-tien-tien", name="Chiến sĩ tiên tiến", kind="title",
         subject_kind="individual", level="unit", rank=40, money_multiple="0.3",
         legal_reference=REF),
    # Collective titles
    dict(code="co-thi-dua-chinh-phu", name="Cờ thi đua của Chính phủ", kind="title",
         subject_kind="collective", level="national", rank=95, money_multiple="12.0",
         requires_vote=True, vote_threshold_percent=80, legal_reference=REF),
    dict(code="co-thi-dua-bo-nganh-tinh", name="Cờ thi đua cấp bộ, ngành, tỉnh", kind="title",
         subject_kind="collective", level="province", rank=85, money_multiple="8.0",
         requires_vote=True, vote_threshold_percent=80, legal_reference=REF),
    dict(code="tap-the-lao-dong-xuat-sac", name="Tập thể lao động xuất sắc", kind="title",
         subject_kind="collective", level="unit", rank=70, money_multiple="1.5",
         legal_reference=REF),
    dict(code="don-vi-quyet-thang", name="Đơn vị quyết thắng", kind="title",
         subject_kind="collective", level="unit", rank=70, money_multiple="1.5",
         legal_reference=REF),
    dict(code="tap-the-lao-dong-tien-tien", name="Tập thể lao động tiên tiến", kind="title",
         subject_kind="collective", level="unit", rank=50, money_multiple="0.8",
         legal_reference=REF),
    dict(code="don-vi-tien-tien", name="Đơn vị tiên tiến", kind="title",
         subject_kind="collective", level="unit", rank=50, money_multiple="0.8",
         legal_reference=REF),
    dict(code="thon-to-dan-pho-van-hoa", name="Thôn, tổ dân phố văn hóa", kind="title",
         subject_kind="collective", level="unit", rank=45, money_multiple="1.5",
         legal_reference=REF),
    # Household title
    dict(code="gia-dinh-van-hoa", name="Gia đình văn hóa", kind="title",
         subject_kind="household", level="unit", rank=40, money_multiple="0.1",
         legal_reference=REF),
    # Ratings
    dict(code="htxs-nhiem-vu", name="Hoàn thành xuất sắc nhiệm vụ", kind="rating",
         subject_kind="individual", level="unit", rank=30,
         legal_reference="Nghị định số 90/2020/NĐ-CP (đánh giá, xếp loại chất lượng)"),
    dict(code="htt-nhiem-vu", name="Hoàn thành tốt nhiệm vụ", kind="rating",
         subject_kind="individual", level="unit", rank=20,
         legal_reference="Nghị định số 90/2020/NĐ-CP (đánh giá, xếp loại chất lượng)"),
    dict(code="htxs-nhiem-vu-tap-the", name="Tập thể hoàn thành xuất sắc nhiệm vụ", kind="rating",
         subject_kind="collective", level="unit", rank=30,
         legal_reference="Nghị định số 90/2020/NĐ-CP (đánh giá, xếp loại chất lượng)"),
    # Award forms
    dict(code="huan-chuong-lao-dong-ca-nhan", name="Huân chương Lao động", kind="award_form",
         subject_kind="individual", level="national", rank=88, money_multiple="4.5",
         legal_reference=f"{LAW}; {DECREE}"),
    dict(code="bang-khen-thu-tuong-ca-nhan", name="Bằng khen của Thủ tướng Chính phủ",
         kind="award_form", subject_kind="individual", level="national", rank=75,
         money_multiple="1.0", legal_reference=f"{LAW}; {DECREE}"),
    dict(code="bang-khen-thu-tuong-tap-the", name="Bằng khen của Thủ tướng Chính phủ (tập thể)",
         kind="award_form", subject_kind="collective", level="national", rank=75,
         money_multiple="2.0", legal_reference=f"{LAW}; {DECREE}"),
    dict(code="bang-khen-tinh-ca-nhan", name="Bằng khen cấp bộ, ngành, tỉnh", kind="award_form",
         subject_kind="individual", level="province", rank=65, money_multiple="1.0",
         legal_reference=f"{LAW}; {DECREE}"),
    dict(code="bang-khen-tinh-tap-the", name="Bằng khen cấp bộ, ngành, tỉnh (tập thể)",
         kind="award_form", subject_kind="collective", level="province", rank=65,
         money_multiple="2.0", legal_reference=f"{LAW}; {DECREE}"),
    dict(code="bang-khen-tinh-ho-gia-dinh", name="Bằng khen cấp bộ, ngành, tỉnh (hộ gia đình)",
         kind="award_form", subject_kind="household", level="province", rank=65,
         money_multiple="1.5", legal_reference=f"{LAW}; {DECREE}"),
    dict(code="giay-khen-ca-nhan", name="Giấy khen", kind="award_form",
         subject_kind="individual", level="unit", rank=35, money_multiple="0.3",
         legal_reference=f"{LAW}; {DECREE}"),
    dict(code="giay-khen-tap-the", name="Giấy khen (tập thể)", kind="award_form",
         subject_kind="collective", level="unit", rank=35, money_multiple="0.6",
         legal_reference=f"{LAW}; {DECREE}"),
    dict(code="giay-khen-ho-gia-dinh", name="Giấy khen (hộ gia đình)", kind="award_form",
         subject_kind="household", level="unit", rank=35, money_multiple="0.45",
         legal_reference=f"{LAW}; {DECREE}"),
]  # fmt: skip


def catalogue_load(title_model) -> int:
    """Create the catalogue entries that are missing; returns how many were created."""
    from decimal import Decimal

    from guongsang.common.text import fold, sort_key

    created = 0
    existing = set(title_model.objects.values_list("code", flat=True))
    for entry in CATALOGUE:
        if entry["code"] in existing:
            continue
        fields = dict(entry)
        if fields.get("money_multiple") is not None:
            fields["money_multiple"] = Decimal(fields["money_multiple"])
        title_model.objects.create(
            **fields,
            name_sort=sort_key(fields["name"]),
            search_text=f"{fold(fields['name'])} | {fields['code']}",
        )
        created += 1
    return created
