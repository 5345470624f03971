"""Checks on uploaded dossier files: the content must be what the name says, within the size.

Like product photos (``ocop.products.images``): images are opened with Pillow; a PDF must start
with the ``%PDF-`` signature (ISO 32000-1 §7.5.2) — a renamed file is refused.
"""

from __future__ import annotations

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ocop.core.errors import DomainError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
PDF_MAGIC = b"%PDF-"
EXTENSIONS = {".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


def document_file_validate(upload: UploadedFile[bytes]) -> str:
    """The file's format ("PDF", "JPEG", "PNG"), or DomainError with a Vietnamese message."""
    name = upload.name or ""
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    if expected is None:
        raise DomainError(
            _("“%(name)s”: only PDF, JPEG or PNG files are accepted.") % {"name": name}
        )
    if upload.size is None or upload.size > MAX_DOCUMENT_BYTES:
        raise DomainError(
            _("“%(name)s” is larger than 10 MB. Split or compress it.") % {"name": name}
        )
    if upload.size == 0:
        raise DomainError(_("“%(name)s” is empty.") % {"name": name})
    mismatch = DomainError(
        _("“%(name)s” is not a real %(format)s file: its content does not match its name.")
        % {"name": name, "format": expected}
    )
    upload.seek(0)
    try:
        if expected == "PDF":
            if upload.read(len(PDF_MAGIC)) != PDF_MAGIC:
                raise mismatch
            return "PDF"
        try:
            with Image.open(upload) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise DomainError(_("“%(name)s” has more than 60 megapixels.") % {"name": name})
                image.verify()
                found = image.format or ""
        except Image.DecompressionBombError as exc:
            raise DomainError(
                _("“%(name)s” has more than 60 megapixels.") % {"name": name}
            ) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise mismatch from exc
        if found != expected:
            raise mismatch
        return found
    finally:
        upload.seek(0)
