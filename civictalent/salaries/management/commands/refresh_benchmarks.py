from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from civictalent.core.progress import ProgressBar
from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all
from civictalent.salaries.models import BenchmarkRefresh


class Command(BaseCommand):
    help = "Recompute salary benchmarks now: those queued, or --all of them."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--all", action="store_true", help="Recompute every subject.")

    def handle(self, *args: Any, all: bool, **options: Any) -> None:
        if all:
            benchmarks_request_all()
        total = BenchmarkRefresh.objects.count()
        bar = ProgressBar("Refreshing benchmarks", stream=self.stderr)  # type: ignore[arg-type]
        done = 0
        while BenchmarkRefresh.objects.exists():
            done += benchmarks_refresh_due(limit=20)
            bar(min(done, total), total)
        self.stdout.write(f"Refreshed {done} subjects.")
