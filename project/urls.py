from django.conf import settings
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView
from viewflow.contrib.auth import AuthViewset

from cases.audit_views import AuditApp
from cases.documents.views import DocumentsApp, letter_urlpatterns
from cases.site import CaseworkSite
from cases.views import RegistryApp
from flows.viewsets import CaseworkApp, flow_apps
from volunteers.views import VolunteersApp

site = CaseworkSite(
    title=_("双拥帮扶工作台"),
    viewsets=[
        RegistryApp(),
        CaseworkApp(),
        *flow_apps(),
        VolunteersApp(),
        AuditApp(),
        DocumentsApp(),
    ],
)

urlpatterns = [
    path("api/v1/", include("cases.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI from our own static files, started by a static script (the CSP forbids inline).
    path("api/docs/", TemplateView.as_view(template_name="api/docs.html"), name="api-docs"),
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=True).urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("letters/", include(letter_urlpatterns)),
    path("", site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


def handler404(request, exception):
    """API paths answer JSON 404s like the API does; pages keep Django's page."""
    if request.path.startswith("/api/"):
        from cases.api.errors import not_found

        return not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
