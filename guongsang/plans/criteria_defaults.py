"""The criteria sets the law sets (and two plans' exemplar criteria), shipped as data.

Loaded by migration 0003 and editable afterwards by an administrator (they are marked
`is_builtin`). Law 06/2022/QH15 (in force 1/1/2024) and Decree 152/2025/NĐ-CP.
"""

from guongsang.common.text import sort_key

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15"
DECREE = "Nghị định số 152/2025/NĐ-CP"
REF = f"{LAW}; {DECREE}"
FREEZE = {
    "kind": "freeze",
    "label": "Không đang bị kỷ luật, thanh tra, kiểm tra hay khiếu nại, tố cáo chưa giải quyết",
    "params": {"kinds": ["discipline", "inspection", "complaint"]},
}


def _streak(codes, years, label, kind="title_streak"):
    key = "ratings" if kind == "rating_streak" else "titles"
    return {"kind": kind, "label": label, "params": {key: codes, "years": years}}


def _judged(label):
    return {"kind": "judged", "label": label, "params": {}}


DEFAULT_SETS = [
    dict(
        code="cstd-co-so",
        name="Điều kiện xét danh hiệu Chiến sĩ thi đua cơ sở",
        subject_kind="individual",
        title="cstd-co-so",
        legal_reference=REF,
        criteria=[
            _streak(["lao-dong-tien-tien", "chien-si-tien-tien"], 1,
                    "Đạt danh hiệu Lao động tiên tiến (Chiến sĩ tiên tiến) năm xét"),
            {"kind": "any_of", "label": "Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến",
             "params": {}, "children": [
                 _streak(["htxs-nhiem-vu"], 1, "Được xếp loại hoàn thành xuất sắc nhiệm vụ",
                         kind="rating_streak"),
                 _judged("Có sáng kiến được cơ sở công nhận"),
             ]},
            FREEZE,
        ],
    ),
    dict(
        code="cstd-bo-nganh-tinh",
        name="Điều kiện xét danh hiệu Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
        subject_kind="individual",
        title="cstd-bo-nganh-tinh",
        legal_reference=REF,
        criteria=[
            _streak(["cstd-co-so"], 3, "03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở"),
            _judged("Có sáng kiến có phạm vi ảnh hưởng trong bộ, ngành, tỉnh"),
            FREEZE,
        ],
    ),
    dict(
        code="cstd-toan-quoc",
        name="Điều kiện xét danh hiệu Chiến sĩ thi đua toàn quốc",
        subject_kind="individual",
        title="cstd-toan-quoc",
        legal_reference=REF,
        description="Danh hiệu cấp bộ, ngành, tỉnh được xét 3 năm một lần: máy kiểm tra lần "
        "đạt năm xét, lần liền trước do người xét xác nhận theo hồ sơ.",
        criteria=[
            _streak(["cstd-bo-nganh-tinh"], 1,
                    "Đạt danh hiệu Chiến sĩ thi đua cấp bộ, ngành, tỉnh năm xét"),
            _judged("Lần liền trước cũng đạt danh hiệu Chiến sĩ thi đua cấp bộ, ngành, tỉnh"),
            _judged("Có sáng kiến có phạm vi ảnh hưởng toàn quốc"),
            FREEZE,
        ],
    ),
    dict(
        code="tap-the-lao-dong-xuat-sac",
        name="Điều kiện xét danh hiệu Tập thể lao động xuất sắc",
        subject_kind="collective",
        title="tap-the-lao-dong-xuat-sac",
        legal_reference=REF,
        criteria=[
            {"kind": "composition",
             "label": "100% thành viên hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến, "
                      "có cá nhân đạt Chiến sĩ thi đua cơ sở",
             "params": {"year_offset": 0, "rules": [
                 {"titles": ["htt-nhiem-vu", "htxs-nhiem-vu"], "min_share": 1},
                 {"titles": ["lao-dong-tien-tien", "chien-si-tien-tien"], "min_share": 0.7},
                 {"titles": ["cstd-co-so"], "min_count": 1},
             ]}},
            _judged("Sáng tạo, vượt khó hoàn thành xuất sắc nhiệm vụ; nội bộ đoàn kết"),
            FREEZE,
        ],
    ),
    dict(
        code="gia-dinh-van-hoa-3-nam",
        name="Gia đình văn hóa tiêu biểu (03 năm liên tục)",
        subject_kind="household",
        title="gia-dinh-van-hoa",
        legal_reference=REF,
        criteria=[_streak(["gia-dinh-van-hoa"], 3, "03 năm liên tục đạt Gia đình văn hóa"),
                  FREEZE],
    ),
    dict(
        code="dien-hinh-tap-the-5-nam",
        name="Tập thể điển hình tiên tiến giai đoạn 5 năm",
        subject_kind="collective",
        title=None,
        legal_reference="Kế hoạch xây dựng và nhân rộng điển hình tiên tiến 2021-2025 (BTNMT)",
        criteria=[
            _streak(["tap-the-lao-dong-xuat-sac"], 5,
                    "Liên tục các năm đạt danh hiệu Tập thể lao động xuất sắc"),
            _judged("Có nhân tố mới, mô hình mới; dẫn đầu phong trào thi đua"),
            FREEZE,
        ],
    ),
    dict(
        code="dien-hinh-ca-nhan-5-nam",
        name="Cá nhân điển hình tiên tiến giai đoạn 5 năm",
        subject_kind="individual",
        title=None,
        legal_reference="Kế hoạch xây dựng và nhân rộng điển hình tiên tiến 2021-2025 (BTNMT)",
        criteria=[
            _streak(["cstd-co-so"], 5, "Liên tục các năm đạt danh hiệu Chiến sĩ thi đua cơ sở"),
            _streak(["htxs-nhiem-vu"], 5, "Liên tục các năm hoàn thành xuất sắc nhiệm vụ",
                    kind="rating_streak"),
            FREEZE,
            {"kind": "leader_rule",
             "label": "Là thủ trưởng đơn vị thì đơn vị phải là tập thể điển hình tiên tiến",
             "params": {"collective_set": "dien-hinh-tap-the-5-nam"}},
            {"kind": "title_preferred", "label": "Ưu tiên cá nhân đạt danh hiệu cao hơn",
             "params": {"years": 5}},
        ],
    ),
    dict(
        code="dien-hinh-ho-kinh-te",
        name="Hộ gia đình điển hình phát triển kinh tế, giảm nghèo",
        subject_kind="household",
        title=None,
        legal_reference="Kế hoạch số 12065/KH-UBND ngày 26/11/2021 của UBND tỉnh Khánh Hòa",
        criteria=[
            _streak(["gia-dinh-van-hoa"], 5, "Hằng năm đạt danh hiệu Gia đình văn hóa"),
            {"kind": "metric_rule",
             "label": "Thu nhập hằng năm cao nhất trong số các hộ tại địa phương",
             "params": {"metric": "household.annual_income", "best_in": "locality"}},
            FREEZE,
        ],
    ),
]  # fmt: skip


def criteria_defaults_load(criteria_set_model, criterion_model, title_model) -> int:
    """Create the shipped sets that are missing (by code); returns how many were created."""
    existing = set(
        criteria_set_model.objects.filter(is_builtin=True).values_list("code", flat=True)
    )
    titles = dict(title_model.objects.values_list("code", "pk"))
    created = 0
    for entry in DEFAULT_SETS:
        if entry["code"] in existing:
            continue
        fields = {k: v for k, v in entry.items() if k not in ("criteria", "title")}
        criteria_set = criteria_set_model.objects.create(
            **fields,
            scope="legal" if entry["title"] else "subject_kind",
            title_id=titles.get(entry["title"]) if entry["title"] else None,
            is_builtin=True,
            name_sort=sort_key(entry["name"]),
        )
        _create(criterion_model, criteria_set, entry["criteria"], None)
        created += 1
    return created


def _create(criterion_model, criteria_set, items, parent) -> None:
    for order, item in enumerate(items):
        criterion = criterion_model.objects.create(
            criteria_set=criteria_set,
            parent=parent,
            kind=item["kind"],
            label=item["label"],
            params=item.get("params") or {},
            order=order,
            legal_reference=item.get("legal_reference", ""),
        )
        _create(criterion_model, criteria_set, item.get("children") or [], criterion)
