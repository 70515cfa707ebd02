from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and the benchmark dataset: the last app, built on every other app's services."""

    name = "guongsang.demo"
    verbose_name = "Demo"
