from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "civictalent.api"
    label = "api"
    verbose_name = "API"
