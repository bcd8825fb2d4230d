from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "civictalent.core"
    label = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from civictalent.core.page_cache import connect_invalidation

        connect_invalidation()
