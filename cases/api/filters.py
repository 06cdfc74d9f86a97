"""Filters of the API lists (django-filter). Values outside the caller's scope simply match
nothing: the selector has already narrowed the rows."""

import django_filters as filters
from django import forms
from django.db.models import Q

from cases.models import Area, AssistanceRequest, Beneficiary

BIGINT = 2**63 - 1


class IdFilter(filters.NumberFilter):
    """A primary key: a whole number the database can compare (SQLite overflows past 64 bits)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -BIGINT)
        kwargs.setdefault("max_value", BIGINT)
        super().__init__(*args, **kwargs)


class AreaFilter(filters.FilterSet):
    parent = IdFilter()
    q = filters.CharFilter(method="search", label="code or name")

    class Meta:
        model = Area
        fields = ["level", "parent"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__startswith=value) | Q(name__icontains=value))


class BeneficiaryFilter(filters.FilterSet):
    area = IdFilter()
    q = filters.CharFilter(method="search", label="name, phone or address")

    class Meta:
        model = Beneficiary
        fields = [
            "area", "category", "gender", "lacks_labour", "hardship_living", "hardship_housing",
            "hardship_medical",
        ]  # fmt: skip

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(phone__startswith=value) | Q(address__icontains=value)
        )


class AssistanceRequestFilter(filters.FilterSet):
    area = IdFilter()
    beneficiary = IdFilter()
    submitted_after = filters.DateFilter(field_name="submitted_at", lookup_expr="date__gte")
    submitted_before = filters.DateFilter(field_name="submitted_at", lookup_expr="date__lte")

    class Meta:
        model = AssistanceRequest
        fields = ["kind", "status", "area", "beneficiary", "needs_second_level"]
