from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "civictalent.organisations"
    label = "organisations"
    verbose_name = "Councils and organisations"
