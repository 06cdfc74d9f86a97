"""Shared fixtures and helpers of the document tests (imported by tests/cases/test_documents*.py)."""

import subprocess

import pytest

from cases.documents.samples import build_sample_cases
from cases.models import Beneficiary
from tests.cases.factories import BeneficiaryFactory

IMMEDIATE_TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
NAMES = ["欧阳·秀英", "王建国", "李桂兰", "张德胜"]


def pdf_text(pdf):
    """The PDF's text as pdftotext extracts it (what a court clerk's copy-paste would get)."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def compact(text):
    return "".join(text.split())


@pytest.fixture(name="media")
def media_fixture(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(name="documents_beneficiaries")
def documents_beneficiaries_fixture(areas, case_worker):
    categories = [
        Beneficiary.Category.MARTYR_FAMILY,
        Beneficiary.Category.DISABLED_VETERAN,
        Beneficiary.Category.DEMOBILIZED_VETERAN,
        Beneficiary.Category.RETIRED_SOLDIER,
    ]
    return [
        BeneficiaryFactory(
            area=areas.village_a, name=name, category=category, created_by=case_worker
        )
        for name, category in zip(NAMES, categories, strict=True)
    ]


@pytest.fixture(name="cases")
def cases_fixture(case_worker, approver, leader, team_a, volunteer, documents_beneficiaries):
    """One case of each kind through the services (plus a rejection)."""
    for user, name in ((case_worker, "王芳"), (approver, "张建国"), (leader, "陈志明")):
        user.full_name = name
        user.save(update_fields=["full_name"])
    return build_sample_cases(
        case_worker=case_worker,
        approver=approver,
        leader=leader,
        team=team_a,
        beneficiaries=documents_beneficiaries,
    )
