"""Scoped model pages on the Material frontend.

Every page of a `ScopedViewset` reads its rows through the model's selector, so a row outside
the user's scope is simply not found (404). Create and update go through service functions.
"""

from html import unescape

from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import redirect
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _
from viewflow.urls import DetailViewMixin, ModelViewset
from viewflow.utils import has_object_perm
from viewflow.views import CreateModelView, DetailModelView, UpdateModelView

from .errors import DomainError


class ScopedDetailView(DetailModelView):
    def get_queryset(self):
        return self.viewset.get_queryset(self.request)

    def get_object_data(self):
        opts = self.model._meta
        for name in self.viewset.detail_fields:
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:  # a method or property of the model
                yield (
                    None,
                    getattr(self.viewset, f"{name}_label", name),
                    getattr(self.object, name)(),
                )
                continue
            if field.many_to_many:
                value = "、".join(str(item) for item in getattr(self.object, name).all())
            elif field.choices:
                value = getattr(self.object, f"get_{name}_display")()
            else:
                value = getattr(self.object, name)
            if isinstance(value, bool):
                value = _("yes") if value else _("no")
            if value not in (None, ""):
                yield field, field.verbose_name.capitalize(), value


class ServiceFormMixin:
    """Hand the user to the form and turn a DomainError into a form error."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = self.perform(form)
        except DomainError as error:
            self.add_domain_error(form, error)
            return self.form_invalid(form)
        self.message_user()
        return redirect(self.get_success_url())

    def add_domain_error(self, form, error):
        """The Material widgets show field errors as plain text, so markup there would be
        shown as it is. A message with a link keeps its text on the field and goes to the
        snackbar too, which turns the link into its action button."""
        if isinstance(error.message, SafeData):
            form.add_error(error.field, unescape(strip_tags(error.message)))
            messages.error(self.request, error.message)
        else:
            form.add_error(error.field, error.message)

    def perform(self, form):
        """Plain registry edits with no business rule save the form; others override."""
        return form.save()


class ServiceCreateView(ServiceFormMixin, CreateModelView):
    pass


class ServiceUpdateView(ServiceFormMixin, UpdateModelView):
    pass


class ScopedViewset(DetailViewMixin, ModelViewset):
    selector = None  # staticmethod(user) -> queryset of the rows the user may see
    detail_view_class = ScopedDetailView
    detail_fields = ()

    def get_queryset(self, request):
        return self.selector(request.user)

    def has_view_permission(self, user, obj=None):
        return has_object_perm(user, "view", self.model) or has_object_perm(
            user, "change", self.model
        )


def warn_all(request, warnings):
    for warning in warnings:
        messages.warning(request, warning)
