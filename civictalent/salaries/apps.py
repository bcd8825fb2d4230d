from django.apps import AppConfig


class SalariesConfig(AppConfig):
    name = "civictalent.salaries"
    label = "salaries"
    verbose_name = "Salaries"
