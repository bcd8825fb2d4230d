"""Generate deterministic data at scale: ``civictalent generate --scale london --seed 1``."""

from __future__ import annotations

import datetime
import json
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from civictalent.core.generation.runner import generate, generation_steps
from civictalent.core.generation.scales import SCALES
from civictalent.core.progress import ProgressBar
from civictalent.seed.planned import PLANNED


class Command(BaseCommand):
    help = (
        "Fill the database with deterministic generated data (councils, people, job "
        "descriptions, salary observations). Run it again to continue an interrupted run."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="london")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--limit", type=int, help="Cap every count at this number (a quick trial run)."
        )
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            help="The day the data ends (YYYY-MM-DD; default today). Dates are counted back "
            "from it, so the same seed and day give the same data.",
        )
        parser.add_argument(
            "--only",
            action="append",
            choices=[step.name for step in generation_steps()],
            help="Run a step.",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        scale: str,
        seed: int,
        limit: int | None,
        as_of: datetime.date | None,
        only: list[str] | None,
        json: bool,
        **options: Any,
    ) -> None:
        if limit is not None and limit < 0:
            raise CommandError("--limit must be zero or more.")
        chosen = SCALES[scale].limited(limit)
        day = as_of or timezone.localdate()
        stream = cast(TextIO, self.stderr)
        reports = generate(
            scale=chosen,
            seed=seed,
            as_of=day,
            only=set(only) if only else None,
            progress_for=None if json else (lambda name: ProgressBar(name, stream=stream)),
        )
        planned = [
            {"step": step.name, "target": step.target(chosen), "waits_for": step.waits_for}
            for step in PLANNED
        ]
        if json:
            self.stdout.write(
                _dumps(
                    {
                        "scale": scale,
                        "seed": seed,
                        "as_of": day.isoformat(),
                        "steps": [
                            {
                                "step": r.name,
                                "target": r.target,
                                "added": r.added,
                                "seconds": round(r.seconds, 2),
                            }
                            for r in reports
                        ],
                        "planned": planned,
                    }
                )
            )
            return
        for report in reports:
            self.stdout.write(
                f"{report.name:22} {report.added:>10,} added (target {report.target:,}) "
                f"in {report.seconds:.1f} s"
            )
        for step in planned:
            self.stdout.write(
                f"{step['step']:22} not generated: waits for {step['waits_for']} "
                f"(target {step['target']:,})"
            )
        total = sum(report.seconds for report in reports)
        self.stdout.write(f"Scale {scale}, seed {seed}, as of {day}: done in {total:.1f} s.")


def _dumps(value: object) -> str:
    return json.dumps(value, indent=2)
