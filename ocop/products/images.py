"""Validation and thumbnails of uploaded product photos (Pillow)."""

from __future__ import annotations

import io
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ocop.core.errors import DomainError

MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A small compressed file can declare a huge canvas (a "decompression bomb"): refuse it before
# decoding. 60 megapixels is above any phone or camera photo people upload.
MAX_PHOTO_PIXELS = 60_000_000
THUMBNAIL_SIZE = (320, 320)
ALLOWED_FORMATS = frozenset({"JPEG", "PNG", "WEBP", "GIF"})


def photo_validate(upload: UploadedFile[bytes]) -> str:
    """Refuse anything that is not a real JPEG/PNG/WebP/GIF image of at most 5 MB and 60 MP."""
    if upload.size is None or upload.size > MAX_PHOTO_BYTES:
        raise DomainError(_("The photo is larger than 5 MB. Choose a smaller file."))
    upload.seek(0)
    too_large = _("The photo has more than 60 megapixels. Choose a smaller photo.")
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise DomainError(too_large)
            image.verify()
            fmt = image.format or ""
    except Image.DecompressionBombError as exc:
        raise DomainError(too_large) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError(
            _("The file is not an image (JPEG, PNG, WebP or GIF). Choose a photo.")
        ) from exc
    finally:
        upload.seek(0)
    if fmt not in ALLOWED_FORMATS:
        raise DomainError(_("The file is not an image (JPEG, PNG, WebP or GIF). Choose a photo."))
    return fmt


def photo_thumbnail(upload: UploadedFile[bytes]) -> ContentFile[bytes]:
    """A JPEG thumbnail at most 320×320 px, keeping the aspect ratio."""
    upload.seek(0)
    with Image.open(upload) as image:
        image.load()
        thumb = image.convert("RGB")
        thumb.thumbnail(THUMBNAIL_SIZE)
        out = io.BytesIO()
        thumb.save(out, format="JPEG", quality=85)
    upload.seek(0)
    stem = PurePath(upload.name or "photo").stem
    return ContentFile(out.getvalue(), name=f"{stem}-thumb.jpg")
