"""civictalent rescore-library: re-check every job description scored under older rules."""

from __future__ import annotations

from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand

from civictalent.core.progress import ProgressBar
from civictalent.jdlibrary.health import library_rescore


class Command(BaseCommand):
    help = "Re-check job descriptions whose health scores are from older rules or versions."

    def handle(self, *args: Any, **options: Any) -> None:
        run = library_rescore(progress=ProgressBar("Re-scoring", stream=cast(TextIO, self.stderr)))
        self.stdout.write(f"Checked {run.done} job descriptions; {run.changed} scores changed.\n")
