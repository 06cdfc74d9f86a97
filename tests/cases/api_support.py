"""Helpers for the API tests: clients with tokens, intake payloads, one step at a time."""

from datetime import timedelta

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.models import Beneficiary
from tests.cases.factories import BeneficiaryFactory

V1 = "/api/v1"


def api_client(user=None):
    """An APIClient authenticated with `user`'s token (anonymous when None)."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def intake_payload(kind, beneficiary, **overrides):
    today = timezone.localdate()
    payloads = {
        "fee_waiver": {
            "court": "临溪县人民法院",
            "claim_type": "other",
            "fee_amount": "2000.00",
            "relief_sought": "reduce",
            "reduction_percent": 50,
            "hardship_evidence": "低收入证明",
        },
        "one_on_one": {
            "need": "缺少生产资金",
            "hardship_type": "living",
            "project": "养殖湖羊",
            "help_funds": True,
            "funds_amount": "3000.00",
            "term_start": today.isoformat(),
            "term_end": (today + timedelta(days=365)).isoformat(),
            "visit_interval_days": 30,
            "target_result": "年增收5000元",
        },
        "farming_help": {
            "season": "summer",
            "crops": "水稻",
            "area_mu": "3.5",
            "tasks": "收割、插秧",
            "window_start": today.isoformat(),
            "window_end": (today + timedelta(days=20)).isoformat(),
            "person_days": "6.0",
            "mode": "labour",
        },
    }
    return {"beneficiary": beneficiary.pk, "summary": "测试", **payloads[kind], **overrides}


def intake_url(kind):
    return f"{V1}/requests/{kind.replace('_', '-')}/"


def step_payloads(team=None):
    today = timezone.localdate().isoformat()
    return {
        "verify": {
            "visit_date": today,
            "findings": "入户核实属实",
            "checklist": [{"item": "户口簿", "received": True}],
            "verified": True,
        },
        "sign-off": {"decision": "approve", "comment": "同意"},
        "answer": {"answer": "已补充材料"},
        "dispatch": {"team": team.pk if team else None, "note": "请尽快"},
        "accept": {"accepted": True},
        "deliver": {"delivered_on": today, "hours": "4.0", "work_done": "完成"},
        "file-with-court": {"filed_on": today, "case_number": "(2026)浙0188民初1号"},
        "court-decision": {"decision": "granted", "relief_amount": "1000.00", "decided_on": today},
        "follow-up": {"done_on": today, "method": "phone", "findings": "满意", "satisfaction": 5},
        "close": {"result": "solved", "amount_delivered": "1000.00", "summary": "已办结"},
    }


def register(client, kind, beneficiary, **overrides):
    response = client.post(intake_url(kind), intake_payload(kind, beneficiary, **overrides))
    assert response.status_code == 201, response.json()
    return response.json()


def open_task(client, request_id):
    """The request's one open task, as `client` sees it."""
    detail = client.get(f"{V1}/requests/{request_id}/").json()
    assert len(detail["open_tasks"]) == 1, detail
    return client.get(f"{V1}/tasks/{detail['open_tasks'][0]}/").json()


def complete(client, request_id, step, payload, expect=200):
    task = open_task(client, request_id)
    url = f"{V1}/tasks/{task['id']}/complete/{step}/"
    assert task["complete_url"] == url, (task, step)
    response = client.post(url, payload)
    assert response.status_code == expect, (step, response.status_code, response.json())
    return response.json()


def beneficiary_in(village, created_by, **kwargs):
    kwargs.setdefault("category", Beneficiary.Category.SERVICE_FAMILY)
    return BeneficiaryFactory(area=village, created_by=created_by, **kwargs)
