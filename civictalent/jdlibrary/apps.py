from django.apps import AppConfig


class JDLibraryConfig(AppConfig):
    name = "civictalent.jdlibrary"
    label = "jdlibrary"
    verbose_name = "Job description library"

    def ready(self) -> None:
        from civictalent.jdlibrary import signals  # noqa: F401 - connects the receivers
