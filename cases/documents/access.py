"""Who may have which document.

Letters of a request: whoever can see the request (the request selector). The dossier and the
year-end report carry the whole case history, so they also need the permission to read it
(`cases.view_caseevent`: case workers, approvers, leaders, auditors, administrators); team
leaders and volunteers who see a request because it was sent to their team get its letters
only.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import RenderedDocument
from ..selectors import areas_visible_to, assistance_requests_visible_to

HISTORY_PERMISSION = "cases.view_caseevent"


def visible_request(user, pk):
    return get_object_or_404(
        assistance_requests_visible_to(user).select_related("beneficiary__area", "area__parent"),
        pk=pk,
    )


def may_have_dossier(user, assistance_request):
    return (
        user.has_perm(HISTORY_PERMISSION)
        and assistance_requests_visible_to(user).filter(pk=assistance_request.pk).exists()
    )


def report_areas(user):
    """Areas the user may have a year-end report of."""
    if not user.has_perm(HISTORY_PERMISSION):
        return areas_visible_to(user).none()
    return areas_visible_to(user)


def may_have(user, document):
    if document.kind == RenderedDocument.Kind.DOSSIER:
        return may_have_dossier(user, document.assistance_request)
    return report_areas(user).filter(pk=document.area_id).exists()


def visible_job(user, pk):
    document = get_object_or_404(
        RenderedDocument.objects.select_related("assistance_request", "area"), pk=pk
    )
    if not may_have(user, document):
        raise Http404
    return document
