from django.apps import AppConfig


class HealthCheckConfig(AppConfig):
    name = "civictalent.healthcheck"
    label = "healthcheck"
    verbose_name = "Job advert health check"
