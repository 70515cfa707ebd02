from guongsang.common.text import fold, person_sort_key, search_terms, sort_key


def test_fold_removes_diacritics_and_case():
    assert fold("  Khánh   Hòa ") == "khanh hoa"
    assert fold("ĐIỂN HÌNH tiên tiến") == "dien hinh tien tien"


def test_search_terms_split_folded_words():
    assert search_terms("Điển  hình") == ["dien", "hinh"]
    assert search_terms("") == []


def test_sort_key_follows_vietnamese_alphabet():
    names = ["Đà Nẵng", "Dung", "Ăn", "Anh", "Âu", "Bình", "An Giang"]
    assert sorted(names, key=sort_key) == ["An Giang", "Anh", "Ăn", "Âu", "Bình", "Dung", "Đà Nẵng"]


def test_sort_key_orders_tones_after_letters():
    assert sorted(["Hỏa", "Hòa", "Hoa", "Họa", "Hóa"], key=sort_key) == [
        "Hoa", "Hòa", "Hỏa", "Hóa", "Họa",
    ]  # fmt: skip


def test_sort_key_is_digits_only_so_any_collation_agrees():
    assert sort_key("Sở Tài nguyên và Môi trường 2").isdigit()


def test_person_sort_key_sorts_by_given_name():
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Minh Bảo"]
    assert sorted(people, key=person_sort_key) == ["Nguyễn Thị An", "Lê Minh Bảo", "Trần Văn Bình"]
