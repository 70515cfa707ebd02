"""Photo uploads: only real JPEG/PNG/WebP within size, resized, metadata stripped."""

import io
import os

import pytest
from django.core.exceptions import PermissionDenied
from PIL import Image as PillowImage

from guongsang.common.errors import DomainError
from guongsang.stories import services
from guongsang.stories.services import images as image_services
from tests.stories.conftest import image_bytes, story_create, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def story(tree, editor):
    return story_create(tree["own_child"], editor)


def _jpeg_with_gps_and_rotation() -> bytes:
    picture = PillowImage.new("RGB", (3000, 2000), (10, 120, 200))
    exif = PillowImage.Exif()
    exif[0x010F] = "Máy ảnh bí mật"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    gps = {1: "N", 2: (12.0, 15.0, 30.0), 3: "E", 4: (109.0, 11.0, 20.0)}
    exif[0x8825] = gps
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_upload_strips_exif_applies_orientation_and_resizes(story, editor, media):
    data = _jpeg_with_gps_and_rotation()
    with PillowImage.open(io.BytesIO(data)) as original:  # the test file really carries GPS
        assert original.getexif().get_ifd(0x8825)

    image = services.image_add(
        story=story, upload=upload(data, name="nha-ong-a-gps.jpg"), alt="Lớp học", actor=editor
    )

    assert (image.width, image.height) == (1067, 1600)  # upright: portrait after rotation
    assert "nha-ong-a" not in image.image.name and image.image.name.endswith(".jpg")
    for field, long_side in ((image.image, 1600), (image.thumbnail, 400)):
        with PillowImage.open(field.path) as stored:
            assert stored.format == "JPEG"
            assert max(stored.size) == long_side and stored.height > stored.width
            assert len(stored.getexif()) == 0
            assert "exif" not in stored.info
    assert image.position == 1
    assert str(media) in image.image.path


@pytest.mark.parametrize("fmt, extension", [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted_and_kept_in_their_format(story, editor, fmt, extension):
    data = image_bytes(fmt, size=(500, 300), color=(0, 128, 0, 128))

    image = services.image_add(
        story=story, upload=upload(data, name=f"a.{extension}"), alt="Cây xanh", actor=editor
    )

    assert image.image.name.endswith(f".{extension}")
    assert (image.width, image.height) == (500, 300)
    with PillowImage.open(image.thumbnail.path) as thumb:
        assert thumb.size == (400, 240)


def test_png_text_metadata_is_stripped(story, editor):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyễn Văn A, 0905123456")
    data = image_bytes("PNG", pnginfo=info)

    image = services.image_add(story=story, upload=upload(data, "a.png"), alt="x", actor=editor)

    with PillowImage.open(image.image.path) as stored:
        assert "Author" not in stored.info


REFUSED = {
    "php renamed .jpg": (b"<?php system($_GET['c']); ?>", "anh.jpg"),
    "text renamed .jpg": ("Xin chào".encode() * 20, "anh.jpg"),
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>', "anh.svg"),
    "gif": (image_bytes("GIF"), "anh.gif"),
    "bmp": (image_bytes("BMP"), "anh.jpg"),
    "truncated jpeg": (image_bytes("JPEG")[:200], "anh.jpg"),
    "empty": (b"", "anh.jpg"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_wrong_types_are_refused_with_a_message(story, editor, case, english, media):
    data, name = REFUSED[case]

    with pytest.raises(DomainError) as error:
        services.image_add(story=story, upload=upload(data, name), alt="x", actor=editor)

    assert "only those are accepted" in error.value.message
    assert not story.images.exists()
    assert not any(p.is_file() for p in media.rglob("*"))


def test_too_large_file_is_refused(story, editor, english, monkeypatch):
    monkeypatch.setattr(image_services, "MAX_IMAGE_BYTES", 1000)

    with pytest.raises(DomainError, match="larger than 10 MB"):
        services.image_add(
            story=story, upload=upload(image_bytes(size=(400, 400))), alt="x", actor=editor
        )


def test_real_size_limit_is_ten_megabytes(story, editor, english):
    data = image_bytes("PNG", size=(10, 10)) + b"\0" * (10 * 1024 * 1024)

    with pytest.raises(DomainError, match="larger than 10 MB"):
        services.image_add(story=story, upload=upload(data, "a.png"), alt="x", actor=editor)


def test_decompression_bomb_is_refused(story, editor, english):
    # 8000 × 6000 = 48 megapixels in a few hundred kilobytes of PNG.
    data = image_bytes("PNG", size=(8000, 6000), color=(255, 255, 255))
    assert len(data) < 10 * 1024 * 1024

    with pytest.raises(DomainError, match="40 megapixels"):
        services.image_add(story=story, upload=upload(data, "a.png"), alt="x", actor=editor)


def test_alt_text_is_required_and_plain(story, editor):
    with pytest.raises(DomainError):
        services.image_add(story=story, upload=upload(image_bytes()), alt="  ", actor=editor)

    image = services.image_add(
        story=story,
        upload=upload(image_bytes()),
        alt='"><script>alert(1)</script>Ảnh',
        caption="<img src=x onerror=alert(1)>Chú thích",
        actor=editor,
    )
    assert (image.alt, image.caption) == ('">Ảnh', "Chú thích")


def test_images_change_only_while_draft_and_by_editors(story, editor, officer):
    image = services.image_add(story=story, upload=upload(image_bytes()), alt="a", actor=editor)
    with pytest.raises(PermissionDenied):
        services.image_update(image=image, alt="b", actor=officer)
    services.image_update(image=image, alt="b", caption="c", position=5, actor=editor)
    image.refresh_from_db()
    assert (image.alt, image.caption, image.position) == ("b", "c", 5)

    services.story_submit(story=story, actor=editor)
    with pytest.raises(DomainError):
        services.image_add(story=story, upload=upload(image_bytes()), alt="x", actor=editor)
    with pytest.raises(DomainError):
        services.image_delete(image=image, actor=editor)


def test_delete_removes_the_files(story, editor, django_capture_on_commit_callbacks):
    image = services.image_add(story=story, upload=upload(image_bytes()), alt="a", actor=editor)
    paths = [image.image.path, image.thumbnail.path]

    with django_capture_on_commit_callbacks(execute=True):
        services.image_delete(image=image, actor=editor)

    assert not story.images.exists()
    assert not any(os.path.exists(p) for p in paths)


def test_profile_photos(editor, collective_exemplar):
    profile = services.profile_create_or_update(
        exemplar=collective_exemplar, actor=editor, headline="Tập thể"
    )

    image = services.image_add(profile=profile, upload=upload(image_bytes()), alt="a", actor=editor)

    assert list(profile.images.all()) == [image]
