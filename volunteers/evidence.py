"""Checking an uploaded photo before anything is stored.

Only JPEG, PNG and WebP images are taken, up to EVIDENCE_MAX_BYTES (8 MB by default) and
EVIDENCE_MAX_PIXELS (40 megapixels): the pixel count is read from the header and checked
before decoding, so a small file that would inflate to gigabytes (a decompression bomb) is
refused without being decoded. Pillow's own verify() and a full decode catch damaged and
truncated files. The uploader's file name is only kept, cleaned, for display: the stored
name is random (see volunteers.models.activity.evidence_upload_to).
"""

import hashlib
import io
import unicodedata
import warnings
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from cases.errors import DomainError

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867


def max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", 8 * 1024 * 1024)


def max_pixels():
    return getattr(settings, "EVIDENCE_MAX_PIXELS", 40_000_000)


@dataclass
class CheckedImage:
    content: bytes
    image_format: str
    original_name: str
    width: int
    height: int
    sha256: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    taken_at: datetime | None = None

    @property
    def size(self):
        return len(self.content)


def clean_name(name):
    """The last path component, without control characters, at most 120 characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    return name[-120:]


def _refuse(message):
    raise DomainError(message, field="photos", code="bad_image")


def _read(upload):
    if upload.size is not None and upload.size > max_bytes():
        _refuse(
            _("%(name)s is larger than %(mb)s MB.")
            % {"name": clean_name(upload.name), "mb": max_bytes() // (1024 * 1024)}
        )
    content = upload.read(max_bytes() + 1)
    if len(content) > max_bytes():
        _refuse(_("The photo is larger than %(mb)s MB.") % {"mb": max_bytes() // (1024 * 1024)})
    if not content:
        _refuse(_("The photo file is empty."))
    return content


def _rational(value):
    return Decimal(str(float(value)))


def _degrees(dms, ref):
    degrees, minutes, seconds = (_rational(part) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    if ref in ("S", "W"):
        value = -value
    return value.quantize(Decimal("0.000001"))


def _exif_facts(image):
    """(latitude, longitude, taken_at) from EXIF when present and sane, else Nones."""
    latitude = longitude = taken_at = None
    try:
        exif = image.getexif()
        gps = exif.get_ifd(GPS_IFD)
        if gps.get(2) and gps.get(4):
            latitude, longitude = _degrees(gps[2], gps.get(1)), _degrees(gps[4], gps.get(3))
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                latitude = longitude = None
        original = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL)
        if original:
            taken_at = timezone.make_aware(datetime.strptime(str(original), "%Y:%m:%d %H:%M:%S"))
    except Exception:  # noqa: BLE001 - broken metadata never refuses a good photo
        return None, None, None
    return latitude, longitude, taken_at


def check_image(upload):
    """Read and check one uploaded file; raise DomainError (field "photos") if refused."""
    content = _read(upload)
    name = clean_name(upload.name)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in FORMATS:
                    _refuse(_("%(name)s is not a JPEG, PNG or WebP image.") % {"name": name})
                if width * height > max_pixels():
                    _refuse(
                        _("%(name)s has too many pixels (%(w)s×%(h)s).")
                        % {"name": name, "w": width, "h": height}
                    )
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()  # a full decode: truncated data fails here
                latitude, longitude, taken_at = _exif_facts(image)
        except DomainError:
            raise
        except (
            UnidentifiedImageError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
            OSError,
            SyntaxError,
            ValueError,
        ):
            _refuse(_("%(name)s is not a readable image.") % {"name": name or _("The file")})
    return CheckedImage(
        content=content,
        image_format=image_format,
        original_name=name,
        width=width,
        height=height,
        sha256=hashlib.sha256(content).hexdigest(),
        latitude=latitude,
        longitude=longitude,
        taken_at=taken_at,
    )
