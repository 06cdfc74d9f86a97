from django.urls import path
from viewflow.workflow.flow.viewset import FlowViewset

from .flows import BareFlow7, BareFlow9

urlpatterns = [
    path("flow7/", FlowViewset(BareFlow7).urls),
    path("flow9/", FlowViewset(BareFlow9).urls),
]
