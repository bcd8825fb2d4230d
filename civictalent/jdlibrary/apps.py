from django.apps import AppConfig


class JDLibraryConfig(AppConfig):
    name = "civictalent.jdlibrary"
    label = "jdlibrary"
    verbose_name = "Job description library"
