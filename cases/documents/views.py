"""Download pages and endpoints for documents.

Letters render on request. The dossier and the year-end report start a background task; the
job page refreshes itself (a <meta> refresh: the CSP forbids inline script) until the PDF is
ready, then offers it.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from viewflow.urls import Application

from ..errors import DomainError
from ..models import Area, RenderedDocument
from ..services.documents import export_dossier
from ..services.registry import reveal_id_number
from . import access, catalog, tasks

REFRESH_SECONDS = 2


def _pdf_response(pdf, filename, *, as_attachment=False):
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
    response["Cache-Control"] = "private, no-store"  # personal data: keep out of caches
    return response


def _letter(slug, assistance_request):
    letter = catalog.LETTERS.get(slug)
    if letter is None or not letter.applies(assistance_request):
        raise Http404
    return letter


@login_required
@require_GET
def letter_pdf(request, pk, slug):
    assistance_request = access.visible_request(request.user, pk)
    letter = _letter(slug, assistance_request)
    rendered = catalog.render_letter(slug, assistance_request)
    return _pdf_response(rendered.pdf, letter.filename(assistance_request))


class RevealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the court packet needs the full ID number"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
    )


@login_required
@require_http_methods(["GET", "POST"])
def court_packet_full(request, pk):
    """The court packet with the full ID number, after the reason is recorded."""
    assistance_request = access.visible_request(request.user, pk)
    letter = _letter("court-packet", assistance_request)
    if not request.user.has_perm("cases.reveal_id_number"):
        raise PermissionDenied
    form = RevealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reveal_id_number(
                by=request.user,
                beneficiary=assistance_request.beneficiary,
                reason=form.cleaned_data["reason"],
                purpose="court packet",
                assistance_request=assistance_request,
            )
        except DomainError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            rendered = catalog.render_letter("court-packet", assistance_request, reveal=True)
            return _pdf_response(rendered.pdf, letter.filename(assistance_request))
    return render(
        request,
        "documents/reveal.html",
        {"form": form, "case": assistance_request, "letter": letter},
    )


@login_required
@require_POST
def start_dossier(request, pk):
    assistance_request = access.visible_request(request.user, pk)
    if not access.may_have_dossier(request.user, assistance_request):
        raise PermissionDenied
    try:
        export_dossier(
            by=request.user,
            assistance_request=assistance_request,
            reason=request.POST.get("reason"),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("casework:assistancerequest:detail", pk=assistance_request.pk)
    document = tasks.start(
        kind=RenderedDocument.Kind.DOSSIER, by=request.user, assistance_request=assistance_request
    )
    return redirect("documents:job", pk=document.pk)


@login_required
@require_POST
def start_year_report(request):
    area = get_object_or_404(access.report_areas(request.user), pk=request.POST.get("area") or 0)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= timezone.localdate().year:
        raise Http404
    document = tasks.start(
        kind=RenderedDocument.Kind.YEAR_REPORT, by=request.user, area=area, year=year
    )
    return redirect("documents:job", pk=document.pk)


@login_required
@require_GET
def job(request, pk):
    document = access.visible_job(request.user, pk)
    return render(
        request,
        "documents/job.html",
        {"document": document, "refresh": None if document.is_finished else REFRESH_SECONDS},
    )


@login_required
@require_GET
def job_download(request, pk):
    document = access.visible_job(request.user, pk)
    if document.status != RenderedDocument.Status.DONE or not document.file:
        raise Http404
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=False,
        filename=tasks.filename_for(document),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def workspace(request):
    """Year-end reports and the user's recent document jobs."""
    if not request.user.has_perm(access.HISTORY_PERMISSION):
        raise PermissionDenied
    areas = access.report_areas(request.user).exclude(level=Area.Level.VILLAGE)
    jobs = RenderedDocument.objects.filter(requested_by=request.user).select_related(
        "assistance_request__beneficiary", "area"
    )[:20]
    this_year = timezone.localdate().year
    return render(
        request,
        "documents/workspace.html",
        {"areas": areas, "jobs": jobs, "years": range(this_year, this_year - 5, -1)},
    )


def links_for(user, assistance_request):
    """The documents a user can have for a request: [{slug, title, url, method}]."""
    links = [
        {
            "slug": letter.slug,
            "title": letter.title,
            "url": reverse("letters:letter", args=[assistance_request.pk, letter.slug]),
            "method": "GET",
        }
        for letter in catalog.letters_for(assistance_request)
    ]
    if any(link["slug"] == "court-packet" for link in links) and user.has_perm(
        "cases.reveal_id_number"
    ):
        links.append(
            {
                "slug": "court-packet-full",
                "title": "司法救助申请材料（完整身份证号）",
                "url": reverse("letters:court_packet_full", args=[assistance_request.pk]),
                "method": "POST",
            }
        )
    if access.may_have_dossier(user, assistance_request):
        links.append(
            {
                "slug": "dossier",
                "title": "案卷",
                "url": reverse("documents:dossier", args=[assistance_request.pk]),
                "method": "POST",
            }
        )
    return links


@login_required
@require_GET
def api_request_documents(request, pk):
    """JSON: the document links of a request (GET renders a letter; POST starts a job)."""
    assistance_request = access.visible_request(request.user, pk)
    return JsonResponse({"request": pk, "documents": links_for(request.user, assistance_request)})


@login_required
@require_GET
def api_job(request, pk):
    document = access.visible_job(request.user, pk)
    done = document.status == RenderedDocument.Status.DONE
    return JsonResponse(
        {
            "id": document.pk,
            "kind": document.kind,
            "status": document.status,
            "progress": document.progress,
            "step": document.step,
            "pages": document.pages,
            "error": document.error,
            "download": reverse("documents:download", args=[document.pk]) if done else None,
        }
    )


# Letters go to whoever can see the request (team leaders too), so they live outside the
# Documents app of the site, whose pages need the case-history permission.
letter_urlpatterns = (
    [
        path("requests/<int:pk>/<slug:slug>.pdf", letter_pdf, name="letter"),
        path("requests/<int:pk>/court-packet/full/", court_packet_full, name="court_packet_full"),
        path("api/requests/<int:pk>/", api_request_documents, name="api_request"),
    ],
    "letters",
)


class DocumentsApp(Application):
    title = _("Documents")
    icon = "picture_as_pdf"
    app_name = "documents"
    menu_template_name = None  # no viewsets: without this the menu prints viewflow's hint

    def has_view_permission(self, user, obj=None):
        return user.is_authenticated and user.has_perm(access.HISTORY_PERMISSION)

    @property
    def index_path(self):
        return path("", workspace, name="index")

    @property
    def dossier_path(self):
        return path("requests/<int:pk>/dossier/", start_dossier, name="dossier")

    @property
    def year_report_path(self):
        return path("year-report/", start_year_report, name="year_report")

    @property
    def job_path(self):
        return path("jobs/<int:pk>/", job, name="job")

    @property
    def download_path(self):
        return path("jobs/<int:pk>/download/", job_download, name="download")

    @property
    def api_job_path(self):
        return path("api/jobs/<int:pk>/", api_job, name="api_job")
