from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "civictalent.alerts"
    label = "alerts"
    verbose_name = "Job alerts"
