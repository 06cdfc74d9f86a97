"""Members, activity records with photos, household confirmation, delivery and totals."""

import io
import struct
import zlib
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from cases.errors import DomainError
from cases.models import Status
from tests.flows import factories as f
from tests.volunteers import work
from tests.volunteers.factories import VolunteerFactory
from volunteers import services
from volunteers.evidence import check_image, clean_name
from volunteers.models import ActivityRecord, Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the Chinese catalog translates them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def job(farming_job):
    return farming_job()


def test_only_team_members_can_be_assigned(job, team_leader, areas):
    _ar, assignment = job
    outsider = VolunteerFactory(areas=[areas.town_b])
    with pytest.raises(DomainError) as error:
        services.assign_members(by=team_leader, assignment=assignment, volunteers=[outsider])
    assert error.value.field == "members"


def test_a_volunteer_cannot_assign_members(job, volunteer, member):
    _ar, assignment = job
    with pytest.raises(DomainError):
        services.assign_members(by=volunteer, assignment=assignment, volunteers=[member])


def test_volunteer_logs_work_with_a_photo_and_gps(job, volunteer, member):
    ar, assignment = job
    photo = work.image_file("田间.jpg", gps=(30.25, 120.125))
    record = work.log(
        assignment, by=volunteer, volunteer=member, photos=[photo], mu_by_task={"收割": "1.5"}
    )
    assert record.hours == Decimal("4.0") and record.season == "summer"
    evidence = record.evidence.get()
    assert evidence.original_name == "田间.jpg"
    assert evidence.image.name.startswith("evidence/") and "田间" not in evidence.image.name
    assert evidence.image.name.endswith(".jpg") and evidence.image_format == "JPEG"
    assert evidence.latitude == Decimal("30.250000") and evidence.longitude == Decimal("120.125000")
    assert record.progress.get().mu == Decimal("1.5")


def test_mu_cannot_exceed_the_requested_area(job, volunteer, member):
    _ar, assignment = job
    with pytest.raises(DomainError) as error:
        work.log(assignment, by=volunteer, volunteer=member, mu_by_task={"收割": "99"})
    assert error.value.field == "mu"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("x.jpg", b"MZ\x90\x00not an image", "image/jpeg"), "readable"),
        (SimpleUploadedFile("x.gif", work.image_bytes("GIF"), "image/gif"), "JPEG, PNG or WebP"),
        (SimpleUploadedFile("x.bmp", work.image_bytes("BMP"), "image/bmp"), "JPEG, PNG or WebP"),
        (SimpleUploadedFile("x.jpg", work.image_bytes()[:200], "image/jpeg"), "readable"),
        (SimpleUploadedFile("x.png", b"", "image/png"), "empty"),
    ],
)
def test_bad_files_are_refused(upload, message, settings):
    with pytest.raises(DomainError) as error:
        check_image(upload)
    assert error.value.field == "photos" and message in error.value.message


def test_oversize_file_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(DomainError) as error:
        check_image(big_upload())
    assert "larger" in error.value.message


def big_upload():
    noisy = Image.effect_noise((200, 200), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), "image/png")


def png_bomb(width=30000, height=30000):
    """A tiny PNG whose header claims a huge image (a decompression bomb)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused_before_decoding():
    upload = SimpleUploadedFile("bomb.png", png_bomb(), "image/png")
    assert upload.size < 2000
    with pytest.raises(DomainError) as error:
        check_image(upload)
    assert "pixels" in error.value.message or "readable" in error.value.message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\a\\照片.jpg", "照片.jpg"),
        ("evil\x00name\n.jpg", "evilname.jpg"),
        ("a" * 300 + ".jpg", ("a" * 300 + ".jpg")[-120:]),
        ("...", ""),
    ],
)
def test_odd_file_names_are_cleaned_and_never_used_on_disk(name, expected, job, volunteer, member):
    assert clean_name(name) == expected
    _ar, assignment = job
    record = work.log(
        assignment, by=volunteer, volunteer=member, photos=[work.image_file(name=name)]
    )
    stored = record.evidence.get().image.name
    assert stored.startswith("evidence/") and ".." not in stored and "passwd" not in stored


def test_a_bad_photo_saves_nothing_and_the_page_shows_the_error(job, volunteer, member, client_for):
    _ar, assignment = job
    client = client_for(volunteer)
    response = client.post(
        reverse("teams:work:log", args=[assignment.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "work_done": "插秧",
            f"hours_{member.pk}": "3",
            "photos": [work.image_file(), SimpleUploadedFile("x.jpg", b"junk", "image/jpeg")],
        },
    )
    assert response.status_code == 200
    assert "photos" in response.context["form"].errors
    assert not ActivityRecord.objects.exists() and not Evidence.objects.exists()


def test_bad_input_gets_field_errors(job, volunteer, member, client_for):
    _ar, assignment = job
    client = client_for(volunteer)
    url = reverse("teams:work:log", args=[assignment.pk])
    response = client.post(url, {"date": "2099-01-01", "work_done": "x", f"hours_{member.pk}": "3"})
    assert response.status_code == 200 and "date" in response.context["form"].errors
    response = client.post(url, {"date": "nonsense", "work_done": "", f"hours_{member.pk}": "99"})
    errors = response.context["form"].errors
    assert {"date", "work_done", f"hours_{member.pk}"} <= set(errors)
    response = client.post(url, {"date": timezone.localdate().isoformat(), "work_done": "x"})
    assert response.context["form"].non_field_errors()
    assert not ActivityRecord.objects.exists()


def test_whole_farming_job_through_the_pages(
    job, volunteer, member, team_leader, case_worker, client_for
):
    """Log work with a photo, household confirms, leader confirms delivery, follow-up, close."""
    ar, assignment = job
    client = client_for(volunteer)
    response = client.post(
        reverse("teams:work:log", args=[assignment.pk]),
        {
            "date": timezone.localdate().isoformat(),
            "work_done": "收割 1.5 亩",
            f"hours_{member.pk}": "5",
            "mu_0": "1.5",
            "photos": [work.image_file("field.png", fmt="PNG", content_type="image/png")],
        },
    )
    assert response.status_code == 302
    record = ActivityRecord.objects.get()
    photo = record.evidence.get()
    assert client.get(reverse("teams:work:evidence", args=[photo.pk]))["Content-Type"] == (
        "image/png"
    )
    with pytest.raises(DomainError):  # not confirmed by the household yet
        f.deliver(ar, by=team_leader)
    response = client.post(
        reverse("teams:work:confirm", args=[record.pk]), {"confirmed_by_name": "户主 王秀英"}
    )
    assert response.status_code == 302
    f.deliver(ar, by=team_leader)
    ar.refresh_from_db()
    assert ar.status == Status.FOLLOW_UP
    assert ar.dispatches.get().hours == Decimal("5.0")
    assignment.refresh_from_db()
    assert assignment.status == "done"
    case_page = client_for(case_worker).get(
        reverse("casework:assistancerequest:detail", args=[ar.pk])
    )
    assert "户主 王秀英" in case_page.content.decode()
    f.follow_up(ar, by=case_worker)
    f.close(ar, by=case_worker)
    assert ar.status == Status.CLOSED


def test_delivery_without_records_becomes_one_record(job, team_leader):
    ar, _assignment = job
    f.deliver(ar, by=team_leader)
    record = ActivityRecord.objects.get(assistance_request=ar)
    assert record.hours == Decimal("4") and record.work_done == "完成"
