"""The task steps the API completes: which nodes each endpoint serves and the service it calls.

`/tasks/{id}/complete/<step>/` takes that step's payload; the view checks that the task is
one of the step's nodes, then does it through flows.runner.perform_task (the lock, the node's
rules for the caller, the service, the flow moving on) — the same path as the task pages.
"""

from dataclasses import dataclass

from cases import services

from . import serializers as s


@dataclass(frozen=True)
class Step:
    slug: str
    nodes: tuple
    serializer: type
    perform: object  # (user, assistance_request, flow_task, data) -> None


def _verify(by, ar, node, data):
    services.verify(
        by=by,
        assistance_request=ar,
        visit_date=data["visit_date"],
        findings=data["findings"],
        checklist=[dict(entry) for entry in data["checklist"]],
        verified=data["verified"],
    )


def _sign_off(by, ar, node, data):
    common = {"by": by, "assistance_request": ar, "level": node.level, "comment": data["comment"]}
    if data["decision"] == "approve":
        services.approve(**common, approved_amount=data.get("approved_amount"))
    elif data["decision"] == "reject":
        services.reject(**common)
    else:
        services.return_for_info(**common)


def _call(service):
    def perform(by, ar, node, data):
        service(by=by, assistance_request=ar, **data)

    return perform


STEPS = [
    Step("verify", ("verify",), s.VerifyStepSerializer, _verify),
    Step("sign-off", ("sign_off_first", "sign_off_second"), s.SignOffStepSerializer, _sign_off),
    Step(
        "answer",
        ("answer_first", "answer_second"),
        s.AnswerStepSerializer,
        _call(services.answer_return),
    ),
    Step("dispatch", ("dispatch",), s.DispatchStepSerializer, _call(services.dispatch)),
    Step("accept", ("accept",), s.AcceptStepSerializer, _call(services.accept_dispatch)),
    Step("deliver", ("deliver",), s.DeliveryStepSerializer, _call(services.record_delivery)),
    Step(
        "file-with-court",
        ("file_with_court",),
        s.FileWithCourtStepSerializer,
        _call(services.file_with_court),
    ),
    Step(
        "court-decision",
        ("record_court_decision",),
        s.CourtDecisionStepSerializer,
        _call(services.record_court_decision),
    ),
    Step("follow-up", ("follow_up",), s.FollowUpStepSerializer, _call(services.follow_up)),
    Step("close", ("close",), s.CloseStepSerializer, _call(services.close)),
]
STEP_OF_NODE = {node: step.slug for step in STEPS for node in step.nodes}
