from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "civictalent.jobs"
    label = "jobs"
    verbose_name = "Jobs board"
