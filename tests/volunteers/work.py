"""Building volunteer work for tests: requests driven through the real flows, and images.

- ``accepted(kind, ...)``: a request dispatched to `team` and accepted by its leader.
- ``image_file(...)``: an in-memory upload (JPEG by default), optionally with EXIF GPS.
"""

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from cases.models import Kind
from tests.flows import factories as f
from volunteers import services
from volunteers.models import Assignment


def approved(kind, *, case_worker, approver, beneficiary, **detail):
    ar = f.submit(kind, by=case_worker, beneficiary=beneficiary, **detail)
    f.verify(ar, by=case_worker)
    f.sign(ar, by=approver)
    return ar


def accepted(kind, *, case_worker, approver, beneficiary, team, members=(), **detail):
    ar = approved(
        kind, case_worker=case_worker, approver=approver, beneficiary=beneficiary, **detail
    )
    f.dispatch(ar, by=case_worker, team=team)
    f.accept(ar, by=team.leader)
    assignment = Assignment.objects.get(assistance_request=ar, status=Assignment.Status.OPEN)
    if members:
        services.assign_members(by=team.leader, assignment=assignment, volunteers=members)
    return ar, assignment


def farming_window_now():
    today = timezone.localdate()
    return {"window_start": today - timedelta(days=3), "window_end": today + timedelta(days=20)}


def image_bytes(fmt="JPEG", size=(64, 48), gps=None, color=(30, 120, 60)):
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    kwargs = {}
    if gps is not None:
        exif = Image.Exif()
        lat, lon = gps
        exif[0x8825] = {
            1: "N" if lat >= 0 else "S",
            2: _dms(abs(lat)),
            3: "E" if lon >= 0 else "W",
            4: _dms(abs(lon)),
        }
        kwargs["exif"] = exif
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def _dms(value):
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return (float(degrees), float(minutes), float(seconds))


def image_file(name="photo.jpg", fmt="JPEG", content_type="image/jpeg", **kwargs):
    return SimpleUploadedFile(name, image_bytes(fmt, **kwargs), content_type=content_type)


def log(assignment, *, by, volunteer, hours="4", photos=(), day=None, **extra):
    return services.log_activity(
        by=by,
        assignment=assignment,
        date=day or timezone.localdate(),
        work_done=extra.pop("work_done", "收割水稻"),
        participants=[(volunteer, Decimal(hours))],
        photos=photos,
        **extra,
    )


FARMING = Kind.FARMING_HELP
ONE_ON_ONE = Kind.ONE_ON_ONE
