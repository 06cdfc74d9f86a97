"""The canonical form is written field by field for speed; it must stay byte for byte the
documented one (json.dumps of the document, cases/chain.py), or old events and saved
checkpoints would no longer verify."""

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cases import audit, chain
from cases.models import CaseEvent
from tests.cases.factories import AreaFactory, UserFactory


def documented_canonical(event):
    """The definition in cases/chain.py's docstring, spelled out with json.dumps."""
    document = {
        "v": 1,
        "seq": event["seq"],
        "prev": event["prev_hash"],
        "at": event["at"].astimezone(UTC).isoformat(timespec="microseconds"),
        "kind": event["kind"],
        "actor": event["actor_id"],
        "beneficiary": event["beneficiary_id"],
        "request": event["assistance_request_id"],
        "target": event["target"],
        "reason": event["reason"],
        "changes": event["changes"],
        "ip": event["ip_address"],
        "ua": event["user_agent"],
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


ids = st.none() | st.integers(min_value=1, max_value=2**63 - 1)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)
events = st.fixed_dictionaries(
    {
        "seq": st.integers(min_value=1, max_value=2**63 - 1),
        "prev_hash": st.sampled_from([chain.GENESIS, "ab" * 32]) | st.text(),
        "at": st.datetimes(
            min_value=datetime(1000, 1, 1), max_value=datetime(9998, 12, 31), timezones=st.just(UTC)
        )
        | st.builds(
            lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))),
            st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9998, 12, 30)),
            st.integers(min_value=-23 * 60, max_value=23 * 60),
        ),
        "kind": st.text(),
        "actor_id": ids,
        "beneficiary_id": ids,
        "assistance_request_id": ids,
        "target": st.text(),
        "reason": st.text(),
        "changes": st.dictionaries(st.text(), json_values, max_size=6),
        "ip_address": st.none() | st.ip_addresses().map(str),
        "user_agent": st.text(),
    }
)


@settings(max_examples=500, deadline=None)
@given(events)
def test_canonical_is_the_documented_json(event):
    assert chain.canonical(event) == documented_canonical(event)


EXAMPLES = [
    {"changes": {}, "reason": "", "ip_address": None, "user_agent": ""},
    {
        "changes": {"status": ["submitted", "verified"], "verified": [None, True], "n": [1, 2.5]},
        "reason": '第0次 "引号" \\ 反斜杠\n换行\t\x01\u2028 🙂',
        "ip_address": "10.0.0.1",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64) 中文",
    },
    {
        "changes": {
            "嵌套": {"b": [{"z": None, "a": "é"}], "a": {}},
            "": [[], {}],
            "Z": 12345678901234567890,
        },
        "reason": "x" * 3000,
        "ip_address": "2001:db8::1",
        "user_agent": "u",
    },
]


@pytest.mark.parametrize("example", EXAMPLES)
def test_stored_events_hash_as_documented(db, example):
    """Through the database and back: the walk's rows (as the driver returns them) hash like
    the documented form of the event the ORM reads."""
    actor, area = UserFactory(), AreaFactory()
    token = audit._origin.set((example["ip_address"], example["user_agent"]))
    try:
        written = audit.record(
            "test.event",
            by=actor,
            target=area,
            reason=example["reason"],
            changes=example["changes"],
        )
    finally:
        audit._origin.reset(token)
    stored = CaseEvent.objects.get(pk=written.pk)
    reference = {name: getattr(stored, name) for name in chain.FIELDS}
    expected = hashlib.sha256(documented_canonical(reference)).hexdigest()
    assert written.hash == stored.hash == expected
    (row,) = chain._read("WHERE seq = %s", [written.seq])
    assert chain._row_hash(row) == expected
    assert chain.verify_all().ok


def test_event_time_in_another_zone_hashes_as_utc(db):
    area = AreaFactory()
    shanghai = timezone(timedelta(hours=8))
    event = CaseEvent(
        kind="test.event",
        target=f"cases.area:{area.pk}",
        at=datetime(2026, 11, 22, 16, 0, tzinfo=shanghai),
        changes={},
    )
    chain.append(event)
    assert b'"at":"2026-11-22T08:00:00.000000+00:00"' in chain.canonical(event)
    (row,) = chain._read("WHERE seq = %s", [event.seq])
    assert chain._row_hash(row) == event.hash
