"""The volunteer side of the request services, imported late.

volunteers.services imports cases (audit, errors, selectors), so the request services reach
it through these small functions at call time instead of at import time.
"""


def _work():
    from volunteers import services

    return services


def open_offer(*, dispatch_record):
    return _work().open_offer(dispatch_record=dispatch_record)


def answer_offer(*, dispatch_record, accepted):
    return _work().answer_offer(dispatch_record=dispatch_record, accepted=accepted)


def expire_offer(*, dispatch_record):
    return _work().expire_offer(dispatch_record=dispatch_record)


def offer_hours():
    from volunteers.models import VolunteerSettings

    return VolunteerSettings.current().offer_hours


def current_assignment(assistance_request):
    return _work().current_assignment(assistance_request)


def current_team(assistance_request):
    assignment = _work().current_assignment(assistance_request)
    return assignment.team if assignment else None


def complete_assignment(**kwargs):
    return _work().complete_assignment(**kwargs)


def close_problem(assistance_request):
    """Why the request cannot close yet on the volunteer side ("" if it can)."""
    services = _work()
    from volunteers.services.common import is_money_in_lieu

    if is_money_in_lieu(assistance_request):
        return services.payments_problem(assistance_request)
    return ""
