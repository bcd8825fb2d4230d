from django.apps import AppConfig


class SeedConfig(AppConfig):
    """Demo data, the large-data generator and ``serve``: the top layer, which runs what every
    app contributes in its ``seeding.py`` (see civictalent/core/registry.py)."""

    name = "civictalent.seed"
    label = "seed"
    verbose_name = "Demo data and the data generator"
