"""When an imported framework becomes the default, what points at the old frameworks' role levels
moves to the new one's: salary observations, job descriptions, vacancies, saved searches and
alerts, and the benchmarks built from them.

The framework app cannot know the apps that hold those references (they sit above it), so each
of them contributes its part in ``ROLE_LEVEL_MOVES`` of its ``role_level_moves.py`` (found by
name, see core/registry.py). ``framework_move_plan`` works out where every old role level goes
(by name, then by the table in starter_to_ddat.py); ``references_move`` asks each contribution
what it would move and what cannot move, and, unless it is a dry run, moves it. The caller runs
it inside the import's transaction, so the framework and everything that points at it change
together or not at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Count, Model

from civictalent.core.registry import contributions
from civictalent.framework import starter_to_ddat
from civictalent.framework.models import Framework, JobFamily, RoleLevel

NO_FAMILY = "the imported framework has no job family with this name"


@dataclass(frozen=True)
class LevelInfo:
    pk: int
    name: str
    role: str
    role_id: int
    family: str
    family_id: int
    framework: str  # the framework's slug

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role}, {self.framework})"


@dataclass
class FrameworkMove:
    """Where each role level and job family of the frameworks being replaced goes."""

    target: str  # the imported framework's slug
    sources: tuple[int, ...]  # ids of the frameworks being replaced
    source_slugs: tuple[str, ...]
    levels: dict[int, int] = field(default_factory=dict)  # old level id -> new level id
    by_table: set[int] = field(default_factory=set)  # old level ids moved by the rename table
    unmapped: dict[int, str] = field(default_factory=dict)  # old level id -> why it cannot move
    families: dict[int, int] = field(default_factory=dict)  # old family id -> new family id
    family_slugs: dict[str, str] = field(default_factory=dict)  # old slug -> new, where differ
    info: dict[int, LevelInfo] = field(default_factory=dict)  # old and new levels by id
    family_names: dict[int, str] = field(default_factory=dict)

    def label(self, level_id: int) -> str:
        return self.info[level_id].label


@dataclass(frozen=True)
class Moved:
    source: str
    target: str
    rows: int


@dataclass(frozen=True)
class Stays:
    what: str
    rows: int
    reason: str


@dataclass
class KindPlan:
    """What one kind of row would move (or moved), and what cannot."""

    kind: str
    moves: list[Moved] = field(default_factory=list)
    stays: list[Stays] = field(default_factory=list)
    detail: Any = None  # the contribution's own note of what to move

    @property
    def moved(self) -> int:
        return sum(move.rows for move in self.moves)

    @property
    def cannot_move(self) -> int:
        return sum(stay.rows for stay in self.stays)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "moves": self.moved,
            "cannot_move": self.cannot_move,
            "to": [{"from": m.source, "to": m.target, "rows": m.rows} for m in self.moves],
            "cannot": [{"what": s.what, "rows": s.rows, "reason": s.reason} for s in self.stays],
        }


class ReferenceMove(Protocol):
    """One app's part: rows that point at role levels (or name job families)."""

    kind: str

    def plan(self, move: FrameworkMove) -> KindPlan: ...

    def apply(self, move: FrameworkMove, plan: KindPlan) -> None: ...


@dataclass
class MoveReport:
    target: str
    sources: tuple[str, ...]
    dry_run: bool
    levels_by_name: int = 0
    levels_by_table: int = 0
    unmapped_levels: list[Stays] = field(default_factory=list)
    kinds: list[KindPlan] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return sum(kind.moved for kind in self.kinds)

    @property
    def cannot_move(self) -> int:
        return sum(kind.cannot_move for kind in self.kinds)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "from": list(self.sources),
            "to": self.target,
            "role_levels": {
                "by_name": self.levels_by_name,
                "by_table": self.levels_by_table,
                "cannot_move": [
                    {"level": stay.what, "reason": stay.reason} for stay in self.unmapped_levels
                ],
            },
            "moves": self.moved,
            "cannot_move": self.cannot_move,
            "kinds": [kind.as_dict() for kind in self.kinds],
        }

    def summary(self) -> dict[str, dict[str, int]]:
        """Per kind, how many rows moved and how many could not (for the audit log)."""
        return {k.kind: {"moved": k.moved, "cannot_move": k.cannot_move} for k in self.kinds}


def reference_moves() -> tuple[ReferenceMove, ...]:
    """Every app's ``ROLE_LEVEL_MOVES``, in the order of INSTALLED_APPS."""
    return contributions("role_level_moves", "ROLE_LEVEL_MOVES")


def _level_infos(levels: Iterable[RoleLevel]) -> dict[int, LevelInfo]:
    return {
        level.pk: LevelInfo(
            pk=level.pk,
            name=level.name,
            role=level.role.name,
            role_id=level.role_id,
            family=level.role.family.name,
            family_id=level.role.family_id,
            framework=level.framework.slug,
        )
        for level in levels
    }


def _levels_of(frameworks: Iterable[int]) -> dict[int, LevelInfo]:
    return _level_infos(
        RoleLevel.objects.filter(framework_id__in=list(frameworks))
        .select_related("role__family", "framework")
        .order_by("is_current", "pk")  # current last, so they win a clash of names below
    )


def framework_move_plan(
    target: Framework,
    *,
    renames: dict[starter_to_ddat.LevelName, starter_to_ddat.LevelName] | None = None,
    no_official_role: dict[str, str] | None = None,
) -> FrameworkMove:
    """Where every role level and family of every other framework goes in ``target``."""
    sources = list(Framework.objects.exclude(pk=target.pk).order_by("pk").values_list("pk", "slug"))
    move = FrameworkMove(
        target=target.slug,
        sources=tuple(pk for pk, _ in sources),
        source_slugs=tuple(slug for _, slug in sources),
    )
    new_levels = _levels_of([target.pk])
    old_levels = _levels_of(move.sources)
    move.info = {**old_levels, **new_levels}
    by_name = {starter_to_ddat.name_key(i.role, i.name): i.pk for i in new_levels.values()}
    for old in old_levels.values():
        new_id = by_name.get(starter_to_ddat.name_key(old.role, old.name))
        if new_id is None:
            renamed = starter_to_ddat.official_name(old.role, old.name, renames)
            new_id = by_name.get(starter_to_ddat.name_key(*renamed)) if renamed else None
            if new_id is not None:
                move.by_table.add(old.pk)
        if new_id is None:
            move.unmapped[old.pk] = starter_to_ddat.why_unmapped(old.role, no_official_role)
        else:
            move.levels[old.pk] = new_id
    _plan_families(move, target)
    return move


def _plan_families(move: FrameworkMove, target: Framework) -> None:
    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    new = {
        key(family.name): family
        for family in JobFamily.objects.filter(framework=target).order_by("is_current", "pk")
    }
    for family in JobFamily.objects.filter(framework_id__in=move.sources):
        move.family_names[family.pk] = family.name
        match = new.get(key(family.name))
        if match is None:
            continue
        move.families[family.pk] = match.pk
        move.family_names[match.pk] = match.name
        if family.slug != match.slug:
            move.family_slugs[family.slug] = match.slug


def references_move(*, target: Framework, dry_run: bool) -> MoveReport:
    """Move (or, in a dry run, only count) every reference to the other frameworks' role levels
    onto ``target``'s. Call it inside the import's transaction."""
    move = framework_move_plan(target)
    report = MoveReport(target=move.target, sources=move.source_slugs, dry_run=dry_run)
    report.levels_by_table = len(move.by_table)
    report.levels_by_name = len(move.levels) - report.levels_by_table
    report.unmapped_levels = [
        Stays(move.label(level_id), 0, reason) for level_id, reason in move.unmapped.items()
    ]
    for contribution in reference_moves():
        plan = contribution.plan(move)
        report.kinds.append(plan)
        if not dry_run and plan.moved:
            contribution.apply(move, plan)
    return report


@dataclass(frozen=True)
class RoleLevelColumn:
    """A model's foreign key to a role level: the common case of ``ReferenceMove``. Rows on a
    level that has a match move to it; rows on a level without one stay, with the reason."""

    kind: str
    model: type[Model]
    column: str = "role_level"

    def counts(self, move: FrameworkMove) -> Counter[int]:
        grouped = (
            self.model._default_manager.filter(**{f"{self.column}__framework_id__in": move.sources})
            .order_by()
            .values_list(f"{self.column}_id")
            .annotate(rows=Count("pk"))
        )
        return Counter(dict(grouped.values_list(f"{self.column}_id", "rows")))

    def plan(self, move: FrameworkMove) -> KindPlan:
        plan = KindPlan(self.kind, detail=[])
        for old_id, rows in sorted(self.counts(move).items()):
            new_id = move.levels.get(old_id)
            if new_id is None:
                plan.stays.append(Stays(move.label(old_id), rows, move.unmapped[old_id]))
            else:
                plan.moves.append(Moved(move.label(old_id), move.label(new_id), rows))
                plan.detail.append((old_id, new_id))
        return plan

    def apply(self, move: FrameworkMove, plan: KindPlan) -> None:
        manager = self.model._default_manager
        for old_id, new_id in plan.detail:
            updates = {f"{self.column}_id": new_id, **self.also_update(move.info[new_id])}
            manager.filter(**{f"{self.column}_id": old_id}).update(**updates)
        self.moved(move, plan)

    def also_update(self, level: LevelInfo) -> dict[str, Any]:
        """Columns copied from the role level, set again on the moved rows."""
        return {}

    def moved(self, move: FrameworkMove, plan: KindPlan) -> None:
        """Anything to do once the rows have moved (still inside the transaction)."""
