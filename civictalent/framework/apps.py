from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "civictalent.framework"
    label = "framework"
    verbose_name = "Capability framework"
