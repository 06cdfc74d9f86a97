from django.conf import settings
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Site

from cases.views import RegistryApp
from flows.viewsets import CaseworkApp, flow_apps
from volunteers.views import VolunteersApp

site = Site(
    title=_("双拥帮扶工作台"),
    viewsets=[RegistryApp(), CaseworkApp(), *flow_apps(), VolunteersApp()],
)

urlpatterns = [
    path("accounts/", AuthViewset(allow_password_change=True, with_profile_view=True).urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
