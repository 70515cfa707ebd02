"""Provincial bodies and their divisions, as in the Khánh Hòa plans (seeds 000 and 002).

Each body: (name, code used in decision numbers "…/QĐ-<code>", kind, divisions).
"""

from guongsang.orgs.enums import GroupKind
from guongsang.orgs.enums import UnitKind as K

TNMT_DIVISIONS = [
    "Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý đất đai",
    "Phòng Tài nguyên nước - Khoáng sản - Khí tượng thủy văn", "Chi cục Bảo vệ môi trường",
    "Chi cục Biển và Hải đảo", "Văn phòng Đăng ký đất đai",
    "Trung tâm Công nghệ thông tin tài nguyên và môi trường",
    "Trung tâm Quan trắc tài nguyên và môi trường", "Trung tâm Phát triển quỹ đất",
]  # fmt: skip
PUBLIC_SERVICE_WORDS = ("Văn phòng Đăng ký", "Trung tâm")

# The province's bodies in the demo, before the 2025 reorganisation.
DEMO_BODIES = [
    ("Sở Nội vụ", "SNV", K.DEPARTMENT,
     ["Văn phòng Sở", "Phòng Tổ chức, biên chế và tổ chức phi chính phủ",
      "Phòng Xây dựng chính quyền và công tác thanh niên", "Ban Thi đua - Khen thưởng"]),
    ("Sở Tài nguyên và Môi trường", "STNMT", K.DEPARTMENT, TNMT_DIVISIONS),
    ("Sở Nông nghiệp và Phát triển nông thôn", "SNN", K.DEPARTMENT,
     ["Văn phòng Sở", "Chi cục Thủy sản", "Chi cục Kiểm lâm",
      "Chi cục Trồng trọt và Bảo vệ thực vật"]),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", K.DEPARTMENT,
     ["Văn phòng Sở", "Phòng Giáo dục trung học", "Phòng Khảo thí và Kiểm định chất lượng"]),
    ("Sở Y tế", "SYT", K.DEPARTMENT,
     ["Văn phòng Sở", "Phòng Nghiệp vụ Y", "Chi cục An toàn vệ sinh thực phẩm"]),
    ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH", K.DEPARTMENT,
     ["Văn phòng Sở", "Phòng Lao động - Việc làm", "Phòng Người có công"]),
    ("Công an tỉnh", "CAT", K.ARMED_FORCES, ["Phòng Tham mưu", "Phòng Cảnh sát giao thông"]),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS", K.ARMED_FORCES, ["Phòng Tham mưu", "Phòng Chính trị"]),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BCHBĐBP", K.ARMED_FORCES, ["Phòng Tham mưu"]),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ", K.MASS_ORGANISATION, ["Văn phòng"]),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", K.MASS_ORGANISATION, ["Văn phòng", "Ban Tuyên giáo"]),
    ("Hội Nông dân tỉnh", "HND", K.MASS_ORGANISATION, ["Văn phòng"]),
    ("Ban Tuyên giáo Tỉnh ủy", "BTGTU", K.PARTY, ["Phòng Tuyên truyền"]),
    ("Báo Khánh Hòa", "BKH", K.PUBLIC_SERVICE, ["Phòng Thời sự", "Phòng Điện tử"]),
    ("Đài Phát thanh - Truyền hình Khánh Hòa", "ĐPTTH", K.PUBLIC_SERVICE,
     ["Phòng Thời sự", "Phòng Chuyên đề"]),
]  # fmt: skip

DEMO_SCHOOLS = [  # under Sở Giáo dục và Đào tạo
    "Trường THPT chuyên Lê Quý Đôn", "Trường THPT Lý Tự Trọng", "Trường THPT Nguyễn Văn Trỗi",
    "Trường THPT Hoàng Văn Thụ", "Trường THPT Trần Hưng Đạo",
]  # fmt: skip
DEMO_HOSPITALS = [  # under Sở Y tế
    "Bệnh viện Đa khoa tỉnh Khánh Hòa", "Bệnh viện Y học cổ truyền và Phục hồi chức năng",
    "Bệnh viện Lao và Bệnh phổi", "Trung tâm Kiểm soát bệnh tật tỉnh",
]  # fmt: skip

# The generator's ~40 provincial bodies (name, code, kind); divisions are drawn from lists below.
PROVINCE_BODIES = [
    ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh", "VPĐĐBQH", K.DEPARTMENT),
    ("Văn phòng UBND tỉnh", "VPUB", K.DEPARTMENT), ("Sở Nội vụ", "SNV", K.DEPARTMENT),
    ("Sở Tài chính", "STC", K.DEPARTMENT), ("Sở Tư pháp", "STP", K.DEPARTMENT),
    ("Sở Công Thương", "SCT", K.DEPARTMENT), ("Sở Xây dựng", "SXD", K.DEPARTMENT),
    ("Sở Nông nghiệp và Môi trường", "SNNMT", K.DEPARTMENT),
    ("Sở Khoa học và Công nghệ", "SKHCN", K.DEPARTMENT),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", K.DEPARTMENT), ("Sở Y tế", "SYT", K.DEPARTMENT),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", K.DEPARTMENT),
    ("Sở Dân tộc và Tôn giáo", "SDTTG", K.DEPARTMENT), ("Thanh tra tỉnh", "TTr", K.DEPARTMENT),
    ("Ban Quản lý Khu kinh tế", "BQLKKT", K.DEPARTMENT),
    ("Công an tỉnh", "CAT", K.ARMED_FORCES), ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS", K.ARMED_FORCES),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BCHBĐBP", K.ARMED_FORCES),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "MTTQ", K.MASS_ORGANISATION),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", K.MASS_ORGANISATION),
    ("Hội Nông dân tỉnh", "HND", K.MASS_ORGANISATION),
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", K.MASS_ORGANISATION),
    ("Tỉnh đoàn", "TĐ", K.MASS_ORGANISATION),
    ("Hội Cựu chiến binh tỉnh", "HCCB", K.MASS_ORGANISATION),
    ("Hội Chữ thập đỏ tỉnh", "HCTĐ", K.MASS_ORGANISATION),
    ("Liên minh Hợp tác xã tỉnh", "LMHTX", K.MASS_ORGANISATION),
    ("Văn phòng Tỉnh ủy", "VPTU", K.PARTY), ("Ban Tổ chức Tỉnh ủy", "BTCTU", K.PARTY),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "BTGDVTU", K.PARTY),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", K.PARTY),
    ("Báo và Phát thanh, Truyền hình tỉnh", "BPTTH", K.PUBLIC_SERVICE),
    ("Trường Chính trị tỉnh", "TCT", K.PUBLIC_SERVICE),
    ("Trường Cao đẳng Y tế", "CĐYT", K.PUBLIC_SERVICE),
    ("Trường Cao đẳng Kỹ thuật Công nghệ", "CĐKTCN", K.PUBLIC_SERVICE),
    ("Đài Khí tượng thủy văn tỉnh", "ĐKTTV", K.PUBLIC_SERVICE),
    ("Bảo hiểm xã hội tỉnh", "BHXH", K.PUBLIC_SERVICE), ("Thuế tỉnh", "TTH", K.PUBLIC_SERVICE),
    ("Kho bạc Nhà nước khu vực", "KBNN", K.PUBLIC_SERVICE),
    ("Tòa án nhân dân tỉnh", "TAND", K.OTHER), ("Viện Kiểm sát nhân dân tỉnh", "VKSND", K.OTHER),
]  # fmt: skip

DIVISION_NAMES = [
    "Văn phòng", "Thanh tra", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức - Pháp chế",
    "Phòng Quản lý chuyên ngành", "Phòng Chính sách", "Phòng Chuyển đổi số",
    "Phòng Tổng hợp", "Phòng Kiểm tra, giám sát", "Phòng Hợp tác quốc tế",
]  # fmt: skip
ARMED_DIVISION_NAMES = [
    "Phòng Tham mưu", "Phòng Chính trị", "Phòng Hậu cần - Kỹ thuật", "Phòng Cảnh sát cơ động",
    "Phòng An ninh kinh tế", "Phòng Cảnh sát giao thông", "Ban Chỉ huy khu vực",
    "Đồn Biên phòng", "Phòng Cảnh sát hình sự", "Phòng Quản lý hành chính",
]  # fmt: skip
PUBLIC_SERVICE_NAMES = [
    "Trung tâm Dịch vụ", "Trung tâm Thông tin", "Trung tâm Đào tạo và Bồi dưỡng",
    "Trung tâm Kiểm định", "Ban Quản lý dự án", "Trung tâm Tư vấn",
]  # fmt: skip
HIGH_SCHOOL_NAMES = [
    "Lê Quý Đôn", "Lý Tự Trọng", "Nguyễn Văn Trỗi", "Hoàng Văn Thụ", "Trần Hưng Đạo",
    "Nguyễn Trãi", "Lê Lợi", "Phan Bội Châu", "Nguyễn Du", "Chu Văn An", "Trần Phú",
    "Ngô Gia Tự", "Tô Văn Ơn", "Nguyễn Huệ", "Phan Chu Trinh", "Huỳnh Thúc Kháng",
    "Lê Hồng Phong", "Võ Thị Sáu", "Nguyễn Thị Minh Khai", "Hà Huy Tập", "Trần Cao Vân",
    "Nguyễn Chí Thanh", "Tôn Đức Thắng", "Lương Thế Vinh", "Quang Trung",
]  # fmt: skip
COMMUNE_OFFICES = [
    "Văn phòng HĐND và UBND", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
]  # fmt: skip
COMMUNE_SCHOOLS = ["Trường Mầm non", "Trường Tiểu học", "Trường THCS"]

# Emulation blocks of the demo province: (name, kind, member bodies).
DEMO_GROUPS = [
    (
        "Khối thi đua các Sở, ban, ngành kinh tế",
        GroupKind.BLOCK,
        [
            "Sở Tài nguyên và Môi trường",
            "Sở Nông nghiệp và Phát triển nông thôn",
            "Sở Tài chính",
            "Sở Công Thương",
        ],
    ),
    (
        "Khối thi đua các Sở, ngành văn hóa - xã hội",
        GroupKind.BLOCK,
        [
            "Sở Nội vụ",
            "Sở Giáo dục và Đào tạo",
            "Sở Y tế",
            "Sở Lao động - Thương binh và Xã hội",
            "Báo Khánh Hòa",
            "Đài Phát thanh - Truyền hình Khánh Hòa",
        ],
    ),
    (
        "Khối các cơ quan Đảng, đoàn thể",
        GroupKind.BLOCK,
        [
            "Ban Tuyên giáo Tỉnh ủy",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Liên đoàn Lao động tỉnh",
            "Hội Nông dân tỉnh",
        ],
    ),
    (
        "Khối thi đua lực lượng vũ trang",
        GroupKind.BLOCK,
        ["Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"],
    ),
]
