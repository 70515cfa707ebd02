"""Photos of stories and profiles: checked by content, re-encoded without metadata, resized.

Only JPEG, PNG and WebP are accepted, judged by what Pillow finds in the file (not its name),
at most 10 MB and 40 megapixels (a small file can unpack into a huge bitmap). The image is
turned upright from its EXIF orientation, then saved anew with no EXIF (GPS position, camera,
date) or text chunks, at most 1600 px on its long side, with a 400 px thumbnail.
"""

import io
import uuid
import warnings

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

from guongsang.common.audit import audited_save
from guongsang.common.errors import DomainError
from guongsang.stories.enums import StoryStatus
from guongsang.stories.html import plain_text
from guongsang.stories.models import ExemplarProfile, Image, Story
from guongsang.stories.services.common import require

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
LONG_SIDE = 1600
THUMBNAIL_SIDE = 400
# Pillow format name → (file extension, save options).
FORMATS = {
    "JPEG": ("jpg", {"quality": 85, "optimize": True}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 85}),
}


def _not_an_image(name: str) -> DomainError:
    return DomainError(
        _("“%(name)s” is not a JPEG, PNG or WebP photo; only those are accepted.") % {"name": name}
    )


def image_check(upload) -> str:
    """The upload's Pillow format, or a DomainError saying why it is refused."""
    name = getattr(upload, "name", "") or ""
    if not upload.size:
        raise _not_an_image(name)
    if upload.size > MAX_IMAGE_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than 10 MB; send a smaller photo.") % {"name": name}
        )
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(upload) as probe:
                fmt = probe.format
                width, height = probe.size
                if fmt in FORMATS and width * height <= MAX_IMAGE_PIXELS:
                    probe.verify()
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise _too_many_pixels(name) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _not_an_image(name) from None
    finally:
        upload.seek(0)
    if fmt not in FORMATS:
        raise _not_an_image(name)
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(name)
    return fmt


def _too_many_pixels(name: str) -> DomainError:
    return DomainError(
        _("“%(name)s” has more than 40 megapixels; send a smaller photo.") % {"name": name}
    )


def _encode(picture: PillowImage.Image, fmt: str) -> bytes:
    if fmt == "JPEG" and picture.mode != "RGB":
        picture = picture.convert("RGB")
    elif fmt in ("PNG", "WEBP") and picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    out = io.BytesIO()
    # Nothing of the original's metadata is passed on: no exif, no text chunks, no XMP.
    picture.save(out, format=fmt, **FORMATS[fmt][1])
    return out.getvalue()


def _render(upload, fmt: str) -> tuple[bytes, bytes, int, int]:
    """(image, thumbnail, width, height): upright, resized, re-encoded without metadata."""
    upload.seek(0)
    try:
        with PillowImage.open(upload) as original:
            original.load()
            picture = ImageOps.exif_transpose(original)
    except (OSError, SyntaxError, ValueError):
        raise _not_an_image(getattr(upload, "name", "")) from None
    picture.thumbnail((LONG_SIDE, LONG_SIDE), PillowImage.Resampling.LANCZOS)
    thumbnail = picture.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE), PillowImage.Resampling.LANCZOS)
    return _encode(picture, fmt), _encode(thumbnail, fmt), picture.width, picture.height


def _check_target(story: Story | None, profile: ExemplarProfile | None, actor):
    if (story is None) == (profile is None):
        raise ValueError("an image belongs to exactly one story or profile")
    if story is not None:
        require(actor, "stories.change_story", story)
        status = Story.objects.values_list("status", flat=True).get(pk=story.pk)
        if status != StoryStatus.DRAFT:
            raise DomainError(_("Images of a story are changed only while it is a draft."))
    else:
        require(actor, "stories.change_exemplarprofile", profile)


def _alt(alt: str) -> str:
    alt = plain_text(alt)
    if not alt:
        raise DomainError(
            _("Describe the photo for people who cannot see it (the alternative text).")
        )
    return alt


@transaction.atomic
def image_add(
    *, upload, alt: str, actor, story: Story | None = None, profile: ExemplarProfile | None = None,
    caption: str = "", position: int | None = None,
) -> Image:  # fmt: skip
    _check_target(story, profile, actor)
    alt = _alt(alt)
    fmt = image_check(upload)
    data, thumb, width, height = _render(upload, fmt)
    if position is None:
        siblings = (
            Image.objects.filter(story=story) if story else Image.objects.filter(profile=profile)
        )
        position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    extension = FORMATS[fmt][0]
    name = uuid.uuid4().hex  # the uploaded name may carry personal data: it is not kept
    image = Image(story=story, profile=profile, alt=alt, caption=plain_text(caption),
                  position=position, width=width, height=height)  # fmt: skip
    image.image.save(f"{name}.{extension}", ContentFile(data), save=False)
    image.thumbnail.save(f"{name}.{extension}", ContentFile(thumb), save=False)
    try:
        return audited_save(image, actor=actor)
    except Exception:
        _remove_files(image)  # files are not transactional: do not leave orphans behind
        raise


def _remove_files(image: Image) -> None:
    for field in (image.image, image.thumbnail):
        if field.name:
            field.storage.delete(field.name)


@transaction.atomic
def image_update(
    *, image: Image, actor, alt: str | None = None, caption: str | None = None,
    position: int | None = None,
) -> Image:  # fmt: skip
    _check_target(image.story, image.profile, actor)
    if alt is not None:
        image.alt = _alt(alt)
    if caption is not None:
        image.caption = plain_text(caption)
    if position is not None:
        image.position = position
    return audited_save(image, actor=actor)


@transaction.atomic
def image_delete(*, image: Image, actor) -> None:
    _check_target(image.story, image.profile, actor)
    image.delete()
    transaction.on_commit(lambda: _remove_files(image))
