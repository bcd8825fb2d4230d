from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from civictalent.seed.demo import demo_load


class Command(BaseCommand):
    help = "Load demonstration people and councils. Safe to run again: it changes nothing twice."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is only for demonstration sites: set CIVICTALENT_DEMO_MODE=true."
            )
        report = demo_load()
        if report.created:
            self.stdout.write(f"Demo data loaded: {', '.join(report.created)}.")
        else:
            self.stdout.write("Demo data already loaded; nothing changed.")
