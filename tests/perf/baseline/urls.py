from django.urls import path
from viewflow.contrib.auth import AuthViewset
from viewflow.urls import Application, Site
from viewflow.workflow.flow import FlowAppViewset
from viewflow.workflow.flow.viewset import FlowViewset

from .flows import BareFlow7, BareFlow9, FeeReliefGraph, PageFlow

# Viewflow's Material site with one flow app: its inbox and queue, the page benchmark's floor.
site = Site(
    title="Baseline",
    viewsets=[Application(title="Bare", app_name="bare", viewsets=[FlowAppViewset(PageFlow)])],
)

urlpatterns = [
    path("flow7/", FlowViewset(BareFlow7).urls),
    path("flow9/", FlowViewset(BareFlow9).urls),
    path("graph/", FlowViewset(FeeReliefGraph).urls),
    path("accounts/", AuthViewset().urls),
    path("", site.urls),
]
