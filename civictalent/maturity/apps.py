from django.apps import AppConfig


class MaturityConfig(AppConfig):
    name = "civictalent.maturity"
    label = "maturity"
    verbose_name = "Capability model and maturity"
