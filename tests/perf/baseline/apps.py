from django.apps import AppConfig


class BaselineConfig(AppConfig):
    name = "tests.perf.baseline"
    label = "perf_baseline"
