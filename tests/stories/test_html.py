"""The sanitiser: story bodies keep a few formatting tags, other fields keep no markup."""

import pytest

from guongsang.stories.html import body_text, clean_html, plain_text

XSS_BODIES = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">x</p>',
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=x></form>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
]


@pytest.mark.parametrize("payload", XSS_BODIES)
def test_clean_html_removes_every_script_vector(payload):
    cleaned = clean_html(f"<p>Trước</p>{payload}<p>Sau</p>").lower()

    for marker in ("<script", "onerror", "onload", "onclick", "javascript:", "<img", "<svg",
                   "<iframe", "<style", "<form", "<input", "data:text", "style="):  # fmt: skip
        assert marker not in cleaned
    assert cleaned.startswith("<p>trước</p>")  # what came before the payload is kept


def test_clean_html_keeps_the_formatting_tags():
    body = (
        "<h2>Tiêu đề</h2><h3>Mục</h3><h4>Ý</h4><p>Đoạn <strong>đậm</strong> <em>nghiêng</em> "
        "<u>gạch</u><br>dòng</p><ul><li>a</li></ul><ol><li>b</li></ol>"
        "<blockquote>trích</blockquote>"
        "<table><thead><tr><th>Năm</th></tr></thead><tbody><tr><td>2024</td></tr></tbody></table>"
    )

    assert clean_html(body) == body


def test_clean_html_links_keep_safe_schemes_and_get_rel():
    cleaned = clean_html(
        '<a href="https://baokhanhhoa.vn/x" title="Báo" target="_blank">báo</a>'
        '<a href="mailto:bientap@example.vn">thư</a><a href="ftp://x.vn/f">ftp</a>'
        '<a href="/noi-bo">nội bộ</a>'
    )

    assert '<a href="https://baokhanhhoa.vn/x" title="Báo" rel="noopener noreferrer">báo</a>' in (
        cleaned
    )
    assert '<a href="mailto:bientap@example.vn" rel="noopener noreferrer">thư</a>' in cleaned
    assert "ftp:" not in cleaned and "/noi-bo" not in cleaned and "target" not in cleaned


def test_clean_html_drops_images_from_the_body():
    assert clean_html('<p>a<img src="https://x.vn/a.jpg" alt="ảnh">b</p>') == "<p>ab</p>"


def test_plain_text_strips_markup_but_keeps_text():
    assert plain_text("<b>Nguyễn</b> <script>alert(1)</script>Hoa") == "Nguyễn Hoa"
    assert plain_text("a < b & c > d") == "a < b & c > d"
    assert plain_text("&lt;script&gt;alert(1)&lt;/script&gt;Hoa") == "Hoa"
    assert plain_text('"><img src=x onerror=alert(1)>') == '">'


def test_body_text_separates_blocks():
    assert body_text("<p>Một</p><p>Hai<br>Ba</p>") == "Một Hai Ba"
