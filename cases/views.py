from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from . import services
from .forms import BeneficiaryCreateForm, BeneficiaryForm
from .models import Area, Beneficiary
from .selectors import areas_visible_to, beneficiaries_visible_to
from .viewsets import ScopedViewset, ServiceCreateView, ServiceUpdateView, warn_all


class BeneficiaryCreateView(ServiceCreateView):
    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in services.BENEFICIARY_FIELDS}
        beneficiary = services.register_beneficiary(
            by=self.request.user, id_number=form.parsed_id_number, **data
        )
        warn_all(self.request, form.parsed_id_number.warnings)
        return beneficiary


class BeneficiaryUpdateView(ServiceUpdateView):
    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in services.BENEFICIARY_FIELDS}
        return services.update_beneficiary(by=self.request.user, beneficiary=self.object, **data)


class BeneficiaryViewset(ScopedViewset):
    model = Beneficiary
    icon = "people"
    selector = staticmethod(beneficiaries_visible_to)
    create_view_class = BeneficiaryCreateView
    update_view_class = BeneficiaryUpdateView
    create_form_class = BeneficiaryCreateForm
    update_form_class = BeneficiaryForm
    list_columns = ("name", "id_number_masked", "category", "area", "phone", "household_size")
    list_search_fields = ("name", "phone", "address")
    list_filter_fields = (
        "category",
        "gender",
        "lacks_labour",
        "hardship_living",
        "hardship_housing",
        "hardship_medical",
    )
    detail_fields = (
        "name", "gender", "id_number_masked", "birth_date", "phone", "area", "address",
        "category", "household_size", "lacks_labour", "hardship_living", "hardship_housing",
        "hardship_medical", "notes", "created_at", "updated_at",
    )  # fmt: skip


class AreaViewset(ScopedViewset):
    model = Area
    icon = "place"
    selector = staticmethod(areas_visible_to)
    fields = ("code", "name", "level", "parent")
    list_columns = ("code", "name", "level", "parent")
    list_search_fields = ("code", "name")
    list_filter_fields = ("level",)
    detail_fields = ("code", "name", "level", "parent")


class RegistryApp(Application):
    title = _("Registry")
    icon = "folder_shared"
    app_name = "registry"
    viewsets = [BeneficiaryViewset(), AreaViewset()]
