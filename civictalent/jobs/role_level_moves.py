"""The jobs board's part when an imported framework replaces the default one (see
civictalent/framework/moves.py, found by name through core/registry.py).

Vacancies move to the matching role level, with the job family and seniority that follow from
it; a published vacancy whose level changes its name is indexed again (search reads the name).
A vacancy with a family but no role level moves to the family of the same name. Saved searches
(and, from the alerts app, email alerts) keep their query strings: they name families by slug
and seniority by band, neither of which belongs to one framework, so a query string changes only
when a family's slug does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.db import IntegrityError, transaction
from django.db.models import Count, Model

from civictalent.framework.moves import (
    NO_FAMILY,
    FrameworkMove,
    KindPlan,
    LevelInfo,
    Moved,
    RoleLevelColumn,
    Stays,
)
from civictalent.jobs.criteria import seniority_of_level
from civictalent.jobs.indexing import vacancy_reindex
from civictalent.jobs.models import SavedSearch, Vacancy, VacancyStatus


class VacancyRoleLevels(RoleLevelColumn):
    def also_update(self, level: LevelInfo) -> dict[str, Any]:
        return {
            "family_id": level.family_id,
            "seniority": seniority_of_level(level.name, level.role),
        }

    def moved(self, move: FrameworkMove, plan: KindPlan) -> None:
        renamed = [new for old, new in plan.detail if move.info[old].name != move.info[new].name]
        published = Vacancy.objects.filter(
            role_level_id__in=renamed, status=VacancyStatus.PUBLISHED
        ).select_related("organisation", "role_level")
        for vacancy in published:
            vacancy_reindex(vacancy)


@dataclass(frozen=True)
class VacancyFamilies:
    """Vacancies that name a job family but no role level."""

    kind: str = "vacancies with a job family but no role level"
    model: type[Model] = Vacancy
    column: str = "family"

    def plan(self, move: FrameworkMove) -> KindPlan:
        plan = KindPlan(self.kind, detail=[])
        grouped = (
            Vacancy.objects.filter(role_level__isnull=True, family__framework_id__in=move.sources)
            .order_by()
            .values_list("family_id")
            .annotate(rows=Count("pk"))
            .values_list("family_id", "rows")
        )
        for old_id, rows in sorted(grouped):
            name = move.family_names.get(old_id, str(old_id))
            new_id = move.families.get(old_id)
            if new_id is None:
                plan.stays.append(Stays(f"family {name}", rows, NO_FAMILY))
            else:
                plan.moves.append(Moved(f"family {name}", f"family {name} ({move.target})", rows))
                plan.detail.append((old_id, new_id))
        return plan

    def apply(self, move: FrameworkMove, plan: KindPlan) -> None:
        for old_id, new_id in plan.detail:
            Vacancy.objects.filter(role_level__isnull=True, family_id=old_id).update(
                family_id=new_id
            )


def families_renamed(query_string: str, slugs: dict[str, str]) -> str:
    """The query string with each family slug in ``slugs`` replaced; otherwise unchanged."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if not any(name == "family" and value in slugs for name, value in pairs):
        return query_string
    return urlencode([(n, slugs.get(v, v) if n == "family" else v) for n, v in pairs])


@dataclass(frozen=True)
class FamiliesInQueryStrings:
    """Stored jobs searches whose family slugs change (none when the names match)."""

    kind: str
    model: type[Model]

    def plan(self, move: FrameworkMove) -> KindPlan:
        plan = KindPlan(self.kind, detail=[])
        if not move.family_slugs:
            return plan
        changed: Counter[tuple[str, str]] = Counter()
        rows = self.model._default_manager.filter(query_string__contains="family=")
        for pk, query in rows.values_list("pk", "query_string").iterator():
            rewritten = families_renamed(query, move.family_slugs)
            if rewritten != query:
                plan.detail.append((pk, rewritten))
                old = sorted(
                    v for n, v in parse_qsl(query) if n == "family" and v in move.family_slugs
                )
                changed[(", ".join(old), ", ".join(move.family_slugs[v] for v in old))] += 1
        plan.moves = [Moved(f"family {a}", f"family {b}", n) for (a, b), n in changed.items()]
        return plan

    def apply(self, move: FrameworkMove, plan: KindPlan) -> None:
        manager = self.model._default_manager
        for pk, rewritten in plan.detail:
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).update(query_string=rewritten)
            except IntegrityError:
                # The person already saved the same search under the new name: keep that one.
                manager.filter(pk=pk).delete()


ROLE_LEVEL_MOVES = (
    VacancyRoleLevels("vacancies", Vacancy),
    VacancyFamilies(),
    FamiliesInQueryStrings("saved jobs searches", SavedSearch),
)
