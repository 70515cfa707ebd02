from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "guongsang.api"
    verbose_name = "API"
