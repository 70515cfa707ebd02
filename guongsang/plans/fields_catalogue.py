"""The default fields (lĩnh vực) named by the plans; administrators add more."""

FIELDS = [
    ("xay-dung-dang-chinh-quyen", "Xây dựng Đảng, chính quyền, đoàn thể"),
    ("quoc-phong-an-ninh", "Quốc phòng, an ninh"),
    ("tai-chinh", "Tài chính, ngân sách"),
    ("thong-tin-truyen-thong", "Thông tin và truyền thông, chuyển đổi số"),
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("van-hoa-the-thao", "Văn hóa, thể thao"),
    ("giao-duc-dao-tao", "Giáo dục và đào tạo"),
    ("y-te", "Y tế, chăm sóc sức khỏe Nhân dân"),
    ("nong-thon-moi", "Xây dựng nông thôn mới, đô thị văn minh"),
    ("san-xuat-kinh-doanh", "Sản xuất, kinh doanh"),
    ("giam-ngheo", "Giảm nghèo, an sinh xã hội"),
    ("doi-song-xa-hoi", "Đời sống xã hội"),
    ("tai-nguyen-moi-truong", "Tài nguyên và môi trường"),
    ("hoc-tap-lam-theo-bac", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("van-hoa-cong-so", "Văn hóa công sở"),
]


def fields_load(field_model) -> int:
    from guongsang.common.text import sort_key

    existing = set(field_model.objects.values_list("code", flat=True))
    missing = [(code, name) for code, name in FIELDS if code not in existing]
    field_model.objects.bulk_create(
        [field_model(code=code, name=name, name_sort=sort_key(name)) for code, name in missing]
    )
    return len(missing)
