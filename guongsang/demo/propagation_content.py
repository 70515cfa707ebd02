"""What the demo's propagation says and counts (guongsang/demo/propagation.py): the portal's
sections, profiles, stories, comments and error report; the activities, events and
replications with their figures. In Vietnamese.

Names, positions, units, dates and figures come from the demo's data through `str.format`
fields, so the text always matches the records it describes. Claims stay modest and
concrete: what was done, where, with which figures and from whose report.
"""

import datetime
from decimal import Decimal

from guongsang.propagation.enums import Channel, ReplicationStatus

DEPARTMENT = "Sở Nông nghiệp và Môi trường"
HALL = "Hội trường Sở Nông nghiệp và Môi trường, Nha Trang"

# (name, slug, field code or "", description)
SECTIONS = [
    ("Gương người tốt, việc tốt", "guong-nguoi-tot-viec-tot", "",
     "Những việc làm tốt, hành động đẹp được phát hiện, biểu dương kịp thời."),
    ("Nông thôn mới", "nong-thon-moi", "nong-thon-moi",
     "Cách làm hay trong phong trào “Cả nước chung sức xây dựng nông thôn mới”."),
    ("Chuyển đổi số", "chuyen-doi-so", "thong-tin-truyen-thong",
     "Sáng kiến ứng dụng công nghệ số trong công việc và phục vụ người dân."),
    ("Cải cách hành chính", "cai-cach-hanh-chinh", "cai-cach-hanh-chinh",
     "Những cách làm giúp người dân, doanh nghiệp giải quyết thủ tục thuận lợi hơn."),
    ("Điển hình tiên tiến ngành Nông nghiệp và Môi trường", "nganh-nong-nghiep-va-moi-truong", "",
     "Tập thể, cá nhân, hộ gia đình tiêu biểu trong ngành nông nghiệp và môi trường."),
]  # fmt: skip

PROFILES = {
    "phuong": (
        "Đưa bản tin dự báo sâu bệnh đến tận tay nông dân",
        "{Phuong}, {phuong_role}, tổ chức phát hành bản tin dự báo sâu bệnh hằng tuần qua các "
        "nhóm Zalo của cán bộ nông nghiệp xã và nông dân vùng trồng lúa, đồng thời hướng dẫn "
        "áp dụng quản lý dịch hại tổng hợp (IPM). Ở các điểm trình diễn, số lần phun thuốc bảo "
        "vệ thực vật giảm từ 5–6 lần xuống 3–4 lần mỗi vụ. {phuong_title}",
    ),
    "loi": (
        "Cùng tổ công tác đưa 5 ngư dân gặp nạn vào bờ an toàn trong bão số 13 năm 2025",
        "{Loi}, {loi_role}, trong những ngày bão số 13 (tháng 11/2025) đã cùng tổ công tác của "
        "Chi cục và lực lượng chức năng hỗ trợ đưa 5 ngư dân có tàu cá bị hỏng máy vào bờ an "
        "toàn. Cả 5 ngư dân đã được sơ cứu và trở về với gia đình. Việc làm tốt được phát hiện "
        "và biểu dương tại hội nghị cuối năm 2025 của Sở Nông nghiệp và Môi trường.",
    ),
    "ho": (
        "Nuôi tôm hùm lồng kết hợp đón khách tham quan, trải nghiệm",
        "{Ho} ({address}) nuôi tôm hùm lồng và đón khách ra lồng bè tham quan, tìm hiểu nghề "
        "nuôi. Thu nhập bình quân của hộ khoảng {income} mỗi năm. Gia đình nuôi đúng vùng quy "
        "hoạch, thu gom rác thải từ lồng bè và sẵn sàng chia sẻ kinh nghiệm với các hộ lân cận. "
        "Mô hình mới được phát hiện năm 2025, đang được địa phương theo dõi, hỗ trợ.",
    ),
    "clerk": (
        "Bộ hướng dẫn trực tuyến giúp người dân chuẩn bị đúng hồ sơ đất đai",
        "{clerk_name}, {clerk_role}, xây dựng bộ hướng dẫn trực tuyến kèm mẫu kê khai điền sẵn "
        "cho 12 thủ tục đăng ký đất đai thường gặp.",
    ),
}
CONSENT_NOTES = {
    "phuong": "Đồng ý bằng văn bản ngày 05/01/2026; bản gốc lưu tại Văn phòng Sở.",
    "loi": "Đồng ý bằng văn bản ngày 08/01/2026; bản gốc lưu tại Văn phòng Sở.",
    "ho": "Chủ hộ đồng ý bằng văn bản ngày 12/01/2026; bản gốc lưu tại UBND {commune}.",
}

# Each story: key, section slug, exemplar keys, title, lead, body (HTML).
STORIES = {
    "loi_brief": (
        "guong-nguoi-tot-viec-tot", ["loi"],
        "Ghi nhận viên chức Chi cục Thủy sản tham gia cứu ngư dân trong bão số 13",
        "Tin ngắn: Sở Nông nghiệp và Môi trường ghi nhận việc làm của {loi} cùng tổ công tác "
        "trong những ngày bão số 13.",
        "<p>Trong những ngày bão số 13 (tháng 11/2025), {loi}, {loi_role}, cùng tổ công tác "
        "của Chi cục và lực lượng chức năng đã hỗ trợ đưa 5 ngư dân gặp nạn vào bờ an toàn.</p>"
        "<p>Sở Nông nghiệp và Môi trường ghi nhận việc làm này và giao Văn phòng Sở hoàn thiện "
        "hồ sơ đề nghị biểu dương.</p>",
    ),
    "loi": (
        "guong-nguoi-tot-viec-tot", ["loi"],
        "Ca trực bão và 5 ngư dân được đưa vào bờ an toàn",
        "Trong bão số 13 năm 2025, {loi}, {loi_role}, cùng tổ công tác trực suốt đêm, phối "
        "hợp với lực lượng chức năng đưa 5 ngư dân có tàu cá bị hỏng máy vào bờ.",
        "<p>Khi bão số 13 tiến gần vùng biển Khánh Hòa đầu tháng 11/2025, Chi cục Thủy sản tổ "
        "chức trực 24/24 giờ để nắm vị trí tàu cá, thông báo cho chủ tàu và hướng dẫn tàu vào "
        "nơi tránh trú.</p>"
        "<p>Trong ca trực, tổ công tác nhận tin một tàu cá bị hỏng máy, trôi dạt gần bờ, trên "
        "tàu có 5 ngư dân. {Loi} giữ liên lạc với thuyền trưởng, báo cáo lãnh đạo Chi cục và "
        "phối hợp với lực lượng chức năng cùng ngư dân địa phương lai dắt tàu vào bờ.</p>"
        "<h2>Điều làm nên kết quả</h2>"
        "<ul><li>Giữ liên lạc thường xuyên với chủ tàu, thuyền trưởng;</li>"
        "<li>Phối hợp nhanh với lực lượng chức năng và các tàu neo đậu gần khu vực;</li>"
        "<li>Hướng dẫn ngư dân giữ an toàn trên tàu trong lúc chờ hỗ trợ.</li></ul>"
        "<p>Cả 5 ngư dân đã được sơ cứu và trở về với gia đình. {Loi} cho biết đây là kết quả "
        "chung của tổ công tác và những người đã tham gia hỗ trợ.</p>",
    ),
    "phuong": (
        "nong-thon-moi", ["phuong"],
        "Bản tin dự báo sâu bệnh gửi tận tay nông dân",
        "Mỗi tuần một bản tin ngắn về tình hình sâu bệnh và cách phòng trừ được gửi qua các "
        "nhóm Zalo đến cán bộ nông nghiệp xã và nông dân các vùng trồng lúa.",
        "<p>{Phuong}, {phuong_role}, cùng đồng nghiệp xây dựng bản tin dự báo sâu bệnh hằng "
        "tuần từ số liệu điều tra đồng ruộng. Bản tin viết ngắn gọn: loại sâu bệnh đang phát "
        "sinh, mật độ, khu vực cần theo dõi và biện pháp xử lý phù hợp.</p>"
        "<h2>Giảm phun thuốc ở các điểm trình diễn</h2>"
        "<p>Cùng với bản tin, Chi cục hướng dẫn nông dân áp dụng quản lý dịch hại tổng hợp "
        "(IPM): thăm đồng định kỳ, chỉ phun thuốc khi mật độ sâu bệnh vượt ngưỡng. Ở các điểm "
        "trình diễn, số lần phun thuốc bảo vệ thực vật giảm từ 5–6 lần xuống 3–4 lần mỗi "
        "vụ.</p>"
        "<ul><li>Bản tin phát hành đều đặn hằng tuần trong mùa vụ;</li>"
        "<li>Cán bộ nông nghiệp xã chuyển tiếp bản tin đến các tổ hợp tác, hợp tác xã;</li>"
        "<li>Nông dân hỏi lại trực tiếp trong nhóm để được hướng dẫn.</li></ul>"
        "<p>{phuong_title}</p>",
    ),
    "digital": (
        "chuyen-doi-so", ["phuong"],
        "Chuyển đổi số từ những việc nhỏ trên đồng ruộng",
        "Nhóm Zalo và một bảng tính dùng chung đã giúp Chi cục Trồng trọt và Bảo vệ thực vật "
        "rút ngắn thời gian đưa thông tin sâu bệnh đến nông dân.",
        "<p>Trước đây, thông tin dự báo sâu bệnh chủ yếu được gửi bằng văn bản giấy đến các "
        "xã, nhiều khi đến tay nông dân chậm vài ngày. Từ năm 2024, {phuong} đề xuất dùng bảng "
        "tính trực tuyến để cán bộ các xã cập nhật số liệu điều tra đồng ruộng, và gửi bản tin "
        "qua các nhóm Zalo.</p>"
        "<h2>Cách làm</h2>"
        "<ul><li>Cán bộ xã nhập số liệu điều tra vào bảng tính dùng chung theo mẫu thống "
        "nhất;</li>"
        "<li>Chi cục tổng hợp, phân tích và phát hành bản tin trong ngày;</li>"
        "<li>Bản tin kèm hình ảnh nhận biết sâu bệnh để nông dân dễ đối chiếu ngoài đồng.</li>"
        "</ul>"
        "<p>Cách làm đơn giản, chi phí thấp, phù hợp với điều kiện của cán bộ cơ sở. Chi cục "
        "đang hoàn thiện mẫu số liệu để các đơn vị khác trong ngành có thể dùng chung.</p>",
    ),
    "honouring": (
        "nganh-nong-nghiep-va-moi-truong", ["phuong", "loi"],
        "Sở Nông nghiệp và Môi trường biểu dương điển hình tiên tiến năm 2025",
        "Ngày {honouring_date}, Sở Nông nghiệp và Môi trường tổ chức hội nghị biểu dương các "
        "tập thể, cá nhân điển hình tiên tiến năm 2025.",
        "<p>Hội nghị có khoảng {honouring_count} đại biểu: lãnh đạo Sở, đại diện các phòng, chi "
        "cục, trung tâm và các cá nhân được biểu dương.</p>"
        "<p>Tại hội nghị, Sở công bố {decision}, công nhận danh hiệu Chiến sĩ thi đua cơ sở năm "
        "2025 cho {recipients} cá nhân, và biểu dương {loi} vì đã cùng tổ công tác hỗ trợ đưa 5 "
        "ngư dân gặp nạn vào bờ an toàn trong bão số 13.</p>"
        "<h2>Chia sẻ cách làm</h2>"
        "<p>{Phuong} trình bày cách xây dựng bản tin dự báo sâu bệnh hằng tuần và hướng dẫn "
        "nông dân áp dụng quản lý dịch hại tổng hợp; đại biểu trao đổi về khả năng áp dụng ở "
        "các xã khác.</p>"
        "<p>Hội nghị cũng rà soát công tác phát hiện, bồi dưỡng điển hình tiên tiến theo kế "
        "hoạch giai đoạn 2023–2025. Các đơn vị được giao tiếp tục theo dõi, nhân rộng những "
        "cách làm có hiệu quả trong năm 2026.</p>",
    ),
    "household": (
        "nganh-nong-nghiep-va-moi-truong", ["ho"],
        "Lồng tôm hùm đón khách: cách làm kinh tế của một hộ dân ở {commune}",
        "{Ho} kết hợp nuôi tôm hùm lồng với đón khách tham quan, trải nghiệm; thu nhập bình "
        "quân của gia đình khoảng {income} mỗi năm.",
        "<p>{Ho} ở {address} nuôi tôm hùm lồng nhiều năm. Từ năm 2024, gia đình mở thêm dịch "
        "vụ đón khách ra lồng bè tham quan, tìm hiểu quy trình nuôi và trải nghiệm cho tôm "
        "ăn.</p>"
        "<h2>Những điều gia đình chú trọng</h2>"
        "<ul><li>Nuôi đúng vùng quy hoạch, mật độ vừa phải;</li>"
        "<li>Thu gom rác thải, thức ăn thừa từ lồng bè đưa vào bờ xử lý;</li>"
        "<li>Trang bị áo phao, bảo đảm an toàn cho khách khi ra lồng bè.</li></ul>"
        "<p>Thu nhập bình quân của hộ khoảng {income} mỗi năm. Đây là mô hình mới được phát "
        "hiện năm 2025; chính quyền địa phương đang theo dõi, hỗ trợ gia đình hoàn thiện trước "
        "khi giới thiệu nhân rộng.</p>",
    ),
    "replication": (
        "nong-thon-moi", ["phuong"],
        "Cách làm của {phuong} được {adopters} xã áp dụng",
        "Cách hướng dẫn nông dân áp dụng quản lý dịch hại tổng hợp gắn với bản tin dự báo sâu "
        "bệnh đã được nhân rộng ở một số xã trồng lúa của tỉnh.",
        "<p>Từ vụ Hè Thu 2025, cách làm của {phuong} được Chi cục giới thiệu đến một số xã trồng "
        "lúa. Kết quả do các xã báo cáo:</p>"
        "<ul>{replication_items}</ul>"
        "<p>{fisheries_item}</p>"
        "<p>Mức giảm số lần phun thuốc khác nhau tùy điều kiện đồng ruộng từng nơi; các xã tiếp "
        "tục theo dõi qua các vụ sau.</p>",
    ),
    "media": (
        "nganh-nong-nghiep-va-moi-truong", ["phuong", "loi"],
        "Đưa gương điển hình lên báo, đài và mạng xã hội",
        "Từ cuối năm 2025, Văn phòng Sở phối hợp với Báo Khánh Hòa, Đài Phát thanh - Truyền "
        "hình Khánh Hòa giới thiệu các gương điển hình của ngành.",
        "<p>Văn phòng Sở Nông nghiệp và Môi trường đã ghi nhận {activities} hoạt động tuyên "
        "truyền gương điển hình tiên tiến trên các kênh:</p>"
        "<ul>{channel_items}</ul>"
        "<p>Các hoạt động giới thiệu việc làm của {loi} trong bão số 13 và cách làm bản tin dự "
        "báo sâu bệnh của {phuong}. Số lượt tiếp cận do các cơ quan báo chí, trang mạng "
        "xã hội cung cấp; với hội nghị là số người dự.</p>",
    ),
    "clerk": (
        "cai-cach-hanh-chinh", ["clerk"],
        "Bộ hướng dẫn trực tuyến giúp người dân chuẩn bị đúng hồ sơ đất đai",
        "Mẫu kê khai điền sẵn và hướng dẫn từng bước cho 12 thủ tục đăng ký đất đai thường "
        "gặp.",
        "<p>{clerk_name}, {clerk_role}, tổng hợp những lỗi người dân thường gặp khi nộp hồ sơ "
        "đăng ký đất đai và xây dựng bộ hướng dẫn trực tuyến, kèm mẫu kê khai điền sẵn.</p>"
        "<ul><li>12 thủ tục thường gặp, mỗi thủ tục một trang hướng dẫn;</li>"
        "<li>Danh mục giấy tờ cần chuẩn bị, có ví dụ minh họa;</li>"
        "<li>Số điện thoại hỗ trợ trong giờ hành chính.</li></ul>",
    ),
    "loi_draft": (
        "guong-nguoi-tot-viec-tot", ["loi"],
        "Ghi chép: một đêm trực bão ở Chi cục Thủy sản",
        "",
        "<p>Bản nháp, đang bổ sung tư liệu: lịch trực, ý kiến của các thành viên tổ công "
        "tác.</p>",
    ),
    "exchange": (
        "nganh-nong-nghiep-va-moi-truong", ["phuong", "loi"],
        "Sắp diễn ra buổi giao lưu điển hình tiên tiến ngành Nông nghiệp và Môi trường",
        "Ngày {exchange_date}, Sở Nông nghiệp và Môi trường tổ chức buổi giao lưu với {phuong} "
        "và {loi}.",
        "<p>Buổi giao lưu nhằm chia sẻ cách làm bản tin dự báo sâu bệnh, kinh nghiệm trực và "
        "phối hợp cứu hộ ngư dân trong mùa mưa bão.</p>"
        "<p>Thời gian: {exchange_time}, ngày {exchange_date}. Địa điểm: {exchange_place}.</p>",
    ),
}  # fmt: skip
CLERK_RETURN = "Đề nghị nêu rõ nguồn và thời gian của số liệu về hồ sơ phải bổ sung."
CLERK_FIGURES = (
    "<p>Theo số liệu của Văn phòng Đăng ký đất đai, tỷ lệ hồ sơ phải bổ sung, hoàn thiện "
    "giảm từ khoảng 30% xuống khoảng 12% trong 6 tháng cuối năm 2025.</p>"
)
ARCHIVE_REASON = "Đã có bài viết đầy đủ thay thế tin ngắn."
IMAGE_ALT = "Hình minh họa: con tàu trên mặt biển động (hình vẽ đơn giản, không phải ảnh chụp)"
IMAGE_CAPTION = "Hình minh họa"

# target story or profile key, name, text, published?
COMMENTS = [
    ("story:loi", "Nguyễn Thị Hạnh",
     "Cảm ơn ông và tổ công tác đã không quản ngại mưa bão. Mong các cơ quan tiếp tục hỗ trợ "
     "ngư dân sửa chữa tàu sau bão.", True),
    ("profile:ho", "Trần Văn Minh",
     "Gia đình tôi từng đến tham quan lồng bè của hộ, được hướng dẫn rất chu đáo.", True),
    ("story:phuong", "Lê Văn Tám",
     "Bản tin rất hữu ích với bà con. Đề nghị Chi cục gửi bản tin vào đầu tuần để mọi người "
     "kịp thăm đồng.", False),
]  # fmt: skip
REPORT = (
    "story:household",
    "Phạm Thị Lan",
    "lan.pham@example.com",
    "Bài viết ghi gia đình mở dịch vụ đón khách từ năm 2024; theo tôi biết dịch vụ bắt đầu "
    "từ giữa năm 2023. Đề nghị ban biên tập kiểm tra lại.",
)

# -- propagation work --------------------------------------------------------------------
PRESS, TV = "Báo Khánh Hòa", "Đài Phát thanh - Truyền hình Khánh Hòa"
FANPAGE = "Trang Facebook Sở Nông nghiệp và Môi trường tỉnh Khánh Hòa"
QUOTA = (
    "Mỗi phòng, đơn vị tổ chức ít nhất 01 hoạt động tuyên truyền, biểu dương điển hình tiên "
    "tiến mỗi năm"
)
D = datetime.date
# date, unit (of the department), channel, title, outlet, reach, exemplars, on the plan
ACTIVITIES = [
    (D(2024, 5, 17), "Chi cục Bảo vệ môi trường", Channel.CONFERENCE,
     "Hội nghị chuyên đề giới thiệu gương điển hình trong công tác bảo vệ môi trường năm 2024",
     "Hội trường Chi cục Bảo vệ môi trường", 65, [], True),
    (D(2024, 10, 8), "Trung tâm Công nghệ thông tin tài nguyên và môi trường", Channel.PORTAL,
     "Chuyên mục “Gương sáng ngành tài nguyên và môi trường”",
     "Trang thông tin điện tử Sở Tài nguyên và Môi trường", 2950, [], True),
    (D(2025, 4, 22), "Văn phòng Đăng ký đất đai", Channel.TALK,
     "Báo cáo viên giới thiệu cách làm hay trong tiếp nhận hồ sơ đất đai tại Bộ phận Một cửa",
     "Văn phòng Đăng ký đất đai", 40, [], True),
    (D(2025, 6, 5), "Trung tâm Công nghệ thông tin tài nguyên và môi trường", Channel.PORTAL,
     "Giới thiệu gương điển hình nhân Ngày Môi trường thế giới 5/6",
     "Trang thông tin điện tử Sở Nông nghiệp và Môi trường", 3100, [], True),
    (D(2025, 9, 18), "Chi cục Bảo vệ môi trường", Channel.TALK,
     "Báo cáo viên nói chuyện chuyên đề về gương điển hình bảo vệ môi trường",
     "Phường Nha Trang", 120, [], True),
    (D(2025, 11, 10), "Văn phòng Sở", Channel.PRESS,
     "Viên chức Chi cục Thủy sản cùng tổ công tác đưa 5 ngư dân vào bờ an toàn trong bão số 13",
     PRESS, 9800, ["loi"], False),
    (D(2025, 11, 12), "Văn phòng Sở", Channel.RADIO_TV,
     "Bản tin thời sự: người tốt, việc tốt trong mưa bão", TV, None, ["loi"], False),
    (D(2025, 11, 13), "Văn phòng Sở", Channel.SOCIAL,
     "Bài viết về việc làm tốt của {loi} trong bão số 13", FANPAGE, 6400, ["loi"], False),
    (D(2026, 1, 9), "Văn phòng Sở", Channel.CONFERENCE,
     "Giới thiệu gương điển hình tại Hội nghị cán bộ, công chức, viên chức năm 2026 của Sở",
     "Hội nghị cán bộ, công chức, viên chức năm 2026", 210, ["phuong", "loi"], False),
    (D(2026, 2, 5), "Văn phòng Sở", Channel.PRESS,
     "{Phuong}: đưa bản tin dự báo sâu bệnh đến tận tay nông dân", PRESS, 7200, ["phuong"],
     False),
    (D(2026, 3, 19), "Chi cục Trồng trọt và Bảo vệ thực vật", Channel.TALK,
     "Báo cáo viên giới thiệu cách làm bản tin dự báo sâu bệnh cho cán bộ nông nghiệp các xã",
     "Xã Cam Lâm", 48, ["phuong"], False),
    (D(2026, 5, 14), "Văn phòng Sở", Channel.RADIO_TV,
     "Chuyên mục Nông nghiệp - Nông thôn: cách làm quản lý dịch hại tổng hợp ở các xã", TV,
     None, ["phuong"], False),
]  # fmt: skip
# adopting unit, start (None: next season), status, people reached, sprays before/after, outcome
SPRAYS = "Số lần phun thuốc bảo vệ thực vật bình quân mỗi vụ (lần)"
REPLICATIONS = [
    ("Xã Diên Khánh", D(2025, 5, 12), ReplicationStatus.SUSTAINED, 260, "5.5", "3.5",
     "Áp dụng trên 42 ha lúa qua hai vụ Hè Thu 2025 và Đông Xuân 2025 - 2026; xã duy trì nhóm "
     "Zalo chuyển tiếp bản tin."),
    ("Xã Cam Lâm", D(2025, 5, 20), ReplicationStatus.SUSTAINED, 310, "5.0", "3.5",
     "Áp dụng trên 55 ha lúa qua hai vụ; hợp tác xã bố trí người thăm đồng định kỳ."),
    ("Xã Ninh Phước", D(2026, 1, 6), ReplicationStatus.IN_PROGRESS, 150, "6.0", "4.5",
     "Vụ Đông Xuân 2025 - 2026 là vụ đầu áp dụng, trên 24 ha; nhiều hộ chưa quen thăm đồng "
     "theo lịch."),
    ("Xã Suối Hiệp", D(2025, 6, 2), ReplicationStatus.STOPPED, 40, "5.0", None,
     "Tạm dừng sau vụ Hè Thu 2025 vì phần lớn diện tích lúa của các hộ tham gia chuyển sang "
     "trồng bắp."),
    ("Xã Diên Điền", None, ReplicationStatus.PLANNED, None, None, None, ""),
    (f"{DEPARTMENT} / Chi cục Thủy sản", D(2026, 2, 2), ReplicationStatus.IN_PROGRESS, 380, None,
     None, "Phát hành bản tin cảnh báo môi trường vùng nuôi hằng tuần qua nhóm Zalo cho người "
     "nuôi trồng thủy sản, theo cách làm bản tin dự báo sâu bệnh."),
]  # fmt: skip
REACTIONS = {"loi": {"like": 24, "thanks": 11, "inspired": 9},
             "phuong": {"like": 15, "inspired": 6}, "honouring": {"like": 8}}  # fmt: skip
# key: (title, participants, description); "{year}" is the year the event takes place
EVENTS = {
    "honouring": (
        "Hội nghị biểu dương điển hình tiên tiến ngành Nông nghiệp và Môi trường năm 2025",
        "Lãnh đạo Sở; đại diện các phòng, chi cục, trung tâm; các cá nhân được biểu dương.",
        "Công bố {decision}; biểu dương các cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở năm "
        "2025 và việc làm tốt của {loi} trong bão số 13; {phuong} chia sẻ cách làm.",
    ),
    "visit": (
        "Tham quan học tập mô hình quản lý dịch hại tổng hợp trên lúa tại Xã Diên Khánh",
        "Cán bộ nông nghiệp các xã Ninh Phước, Suối Hiệp, Diên Điền; viên chức Chi cục Thủy sản.",
        "Thăm ruộng áp dụng quản lý dịch hại tổng hợp; {phuong} hướng dẫn cách điều tra đồng "
        "ruộng và lập bản tin dự báo.",
    ),
    "exchange": (
        "Giao lưu điển hình tiên tiến: bản tin dự báo sâu bệnh và phối hợp cứu hộ ngư dân mùa "
        "mưa bão",
        "Đại diện Văn phòng Sở, các chi cục và cán bộ nông nghiệp một số xã.",
        "{phuong} và {loi} chia sẻ kinh nghiệm; đại biểu trao đổi cách áp dụng tại đơn vị.",
    ),
    "congress": (
        "Đại hội điển hình tiên tiến ngành Nông nghiệp và Môi trường tỉnh Khánh Hòa năm {year}",
        "Đại biểu các tập thể, cá nhân điển hình tiên tiến của ngành.",
        "Tổng kết phong trào thi đua, công tác xây dựng và nhân rộng điển hình tiên tiến của "
        "ngành; biểu dương tập thể, cá nhân tiêu biểu.",
    ),
}
MATERIAL_TITLE = "Bài viết về hội nghị trên Cổng thông tin Gương Sáng"
CLERK_SUMMARY = (
    "Xây dựng bộ hướng dẫn trực tuyến kèm mẫu kê khai điền sẵn cho 12 thủ tục đăng ký đất đai "
    "thường gặp."
)


# -- words made from the records --------------------------------------------------------------
def honorific(person, year: int = 2025) -> str:
    """How the press calls a person of that age: anh/chị under 40, ông/bà from 40."""
    young = person.birth_date is not None and year - person.birth_date.year < 40
    if person.gender == "female":
        return "chị" if young else "bà"
    return "anh" if young else "ông"


def capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


def vn_number(value) -> str:
    """1234.5 → "1.234,5" (Vietnamese separators)."""
    value = Decimal(value).normalize()
    whole, _, fraction = f"{value:f}".partition(".")
    whole = f"{int(whole):,}".replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def replication_words(replications, department) -> dict[str, str]:
    """The communes' results as list items, and the department's own division's line."""
    items, fisheries, adopters = [], "", 0
    for replication in replications:
        unit, start = replication.unit, replication.start
        if unit.path.startswith(department.path):
            fisheries = f"{unit.name} cũng áp dụng từ tháng {start:%m/%Y}: {replication.outcome}"
            continue
        if replication.status == ReplicationStatus.PLANNED:
            line = f"dự kiến áp dụng từ tháng {start:%m/%Y}."
        elif replication.status == ReplicationStatus.STOPPED:
            line = f"áp dụng từ tháng {start:%m/%Y}. {replication.outcome}"
        else:
            adopters += 1
            line = (
                f"áp dụng từ tháng {start:%m/%Y}, {replication.beneficiaries} hộ tham gia; số lần "
                f"phun thuốc bình quân mỗi vụ từ {vn_number(replication.metric_before)} xuống "
                f"{vn_number(replication.metric_after)} lần."
            )
        items.append(f"<li><strong>{unit.name}</strong>: {line}</li>")
    return {"replication_items": "".join(items), "fisheries_item": fisheries,
            "adopters": str(adopters)}  # fmt: skip


def media_words(activities) -> dict[str, str]:
    """The department office's activities, by outlet, as list items."""
    counts, reach = {}, {}
    office = [a for a in activities if a.unit.name == "Văn phòng Sở"]
    for activity in office:
        counts[activity.outlet] = counts.get(activity.outlet, 0) + 1
        reach[activity.outlet] = reach.get(activity.outlet, 0) + (activity.reach or 0)
    lines = []
    for outlet, count in counts.items():
        line = f"{outlet}: {count} lần"
        if reach[outlet]:
            line += f", khoảng {vn_number(reach[outlet])} lượt tiếp cận"
        lines.append(line)
    items = "".join(f"<li>{line}{';' if i < len(lines) else '.'}</li>"
                    for i, line in enumerate(lines, start=1))  # fmt: skip
    return {"activities": str(len(office)), "channel_items": items}
