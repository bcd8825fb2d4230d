"""Salaries' part when an imported framework replaces the default one (see
civictalent/framework/moves.py, found by name through core/registry.py): salary observations
move to the matching role level, and the benchmarks are rebuilt in the same transaction: the
replaced framework's cells go, and every subject that now holds the moved salaries (and any
that cannot move) is recomputed, so the pages show each salary once."""

from __future__ import annotations

from civictalent.framework.models import RoleLevel
from civictalent.framework.moves import FrameworkMove, KindPlan, RoleLevelColumn
from civictalent.salaries.benchmarks import PUBLIC_PREFIX, benchmarks_rebuild
from civictalent.salaries.models import SalaryObservation


def _subjects(level_id: int, role_id: int, family_id: int) -> set[str]:
    return {
        f"role_level:{level_id}",
        f"role:{role_id}",
        f"family:{family_id}",
        f"{PUBLIC_PREFIX}{level_id}",
    }


class ObservationRoleLevels(RoleLevelColumn):
    def moved(self, move: FrameworkMove, plan: KindPlan) -> None:
        old = RoleLevel.objects.filter(framework_id__in=move.sources)
        forget: set[str] = set()
        for ids in old.values_list("pk", "role_id", "role__family_id"):
            forget |= _subjects(*ids)
        recompute: set[str] = set()
        for _, new_id in plan.detail:
            level = move.info[new_id]
            recompute |= _subjects(level.pk, level.role_id, level.family_id)
        staying = old.filter(salary_observations__isnull=False).distinct()
        for ids in staying.values_list("pk", "role_id", "role__family_id"):
            recompute |= _subjects(*ids)
        benchmarks_rebuild(forget=forget, recompute=recompute)


ROLE_LEVEL_MOVES = (ObservationRoleLevels("salary observations", SalaryObservation),)
