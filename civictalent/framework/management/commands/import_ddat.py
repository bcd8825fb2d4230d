"""civictalent import-ddat ROLES.csv SKILLS.csv: import or refresh the official DDaT framework."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO, cast

from django.core.management.base import BaseCommand, CommandError

from civictalent.core.progress import ProgressBar
from civictalent.framework.ddat import DDaTFormatError
from civictalent.framework.loading import ImportReport
from civictalent.framework.moves import MoveReport
from civictalent.framework.services import framework_import_ddat

SHOWN = 50


class Command(BaseCommand):
    help = (
        "Import the official DDaT capability framework download (roles.csv and skills.csv). "
        "Importing a newer file updates in place and reports what changed. As the default, it "
        "replaces the framework before it: job descriptions, vacancies, salaries, saved "
        "searches and alerts move to its role levels. --dry-run shows what would change."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("roles_csv", type=Path)
        parser.add_argument("skills_csv", type=Path)
        parser.add_argument("--framework-version", default="", help="e.g. 2025-06")
        parser.add_argument(
            "--not-default",
            action="store_true",
            help="Do not make it the default framework (nothing moves to it).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would change and what would move, and change nothing.",
        )
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(
        self,
        *args: Any,
        roles_csv: Path,
        skills_csv: Path,
        framework_version: str,
        not_default: bool,
        dry_run: bool,
        json: bool,
        **options: Any,
    ) -> None:
        for path in (roles_csv, skills_csv):
            if not path.is_file():
                raise CommandError(f"{path} is not a file.")
        try:
            report = framework_import_ddat(
                roles_path=roles_csv,
                skills_path=skills_csv,
                version=framework_version,
                make_default=not not_default,
                dry_run=dry_run,
                progress=None
                if json
                else ProgressBar("Importing", stream=cast(TextIO, self.stderr)),
            )
        except DDaTFormatError as error:
            raise CommandError(f"{error} Nothing was changed.") from None
        if json:
            self.stdout.write(_json_dumps(_as_json(report, dry_run=dry_run)))
            return
        self._write_changes(report)
        if report.moves is not None:
            self._write_moves(report.moves)
        self.stdout.write(_summary(report, dry_run=dry_run))

    def _write_changes(self, report: ImportReport) -> None:
        for line in report.details[:SHOWN]:
            self.stdout.write(f"  {line}")
        if len(report.details) > SHOWN:
            self.stdout.write(f"  ... and {len(report.details) - SHOWN} more changes")

    def _write_moves(self, moves: MoveReport) -> None:
        if not moves.sources:
            return
        verb = "would move" if moves.dry_run else "moved"
        self.stdout.write(
            f"Replacing {', '.join(moves.sources)} with {moves.target}: role levels matched "
            f"{moves.levels_by_name} by name, {moves.levels_by_table} by the mapping table, "
            f"{len(moves.unmapped_levels)} with no match."
        )
        for level in moves.unmapped_levels[:SHOWN]:
            self.stdout.write(f"  no match: {level.what}: {level.reason}")
        for kind in moves.kinds:
            self.stdout.write(f"{kind.kind}: {kind.moved} {verb}, {kind.cannot_move} cannot move")
            for move in kind.moves[:SHOWN]:
                self.stdout.write(f"  {move.rows} from {move.source} to {move.target}")
            for stay in kind.stays[:SHOWN]:
                self.stdout.write(f"  {stay.rows} stay on {stay.what}: {stay.reason}")


def _summary(report: ImportReport, *, dry_run: bool) -> str:
    counts = report.counts()
    summary = ", ".join(
        f"{name.replace('_', ' ')}: {sum(v for k, v in c.items() if k != 'retired')}"
        f" ({c['created']} new, {c['updated']} changed, {c['retired']} retired)"
        for name, c in counts.items()
    )
    moves = report.moves
    if moves is not None and moves.sources:
        moved = "rows to move" if dry_run else "rows moved"
        summary += f"; {moved}: {moves.moved}, rows that cannot move: {moves.cannot_move}"
    if dry_run:
        return "Dry run, nothing was changed. " + summary
    return ("Imported. " if report.changed else "Already up to date. ") + summary


def _as_json(report: ImportReport, *, dry_run: bool) -> dict[str, Any]:
    return {
        "changed": report.changed,
        "dry_run": dry_run,
        "counts": report.counts(),
        "details": report.details,
        "moves": report.moves.as_dict() if report.moves is not None else None,
    }


def _json_dumps(value: object) -> str:
    return json.dumps(value, indent=2)
