"""/api/v1/: one router for the cases and the volunteer teams."""

from rest_framework.routers import SimpleRouter

from volunteers import api as volunteers_api

from . import views

router = SimpleRouter()
router.register("areas", views.AreaViewSet, basename="area")
router.register("beneficiaries", views.BeneficiaryViewSet, basename="beneficiary")
router.register("requests", views.AssistanceRequestViewSet, basename="request")
router.register("tasks", views.TaskViewSet, basename="task")
volunteers_api.register(router)

app_name = "api"
urlpatterns = router.urls
