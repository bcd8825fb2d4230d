from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "civictalent.core"
    label = "core"
    verbose_name = "Platform"
