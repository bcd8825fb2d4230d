"""The maturity app's part when an imported framework replaces the default one (see
civictalent/framework/moves.py, found by name through core/registry.py): the role levels that
deliver each capability move to the matching role level of the imported framework."""

from __future__ import annotations

from civictalent.framework.moves import FrameworkMove, KindPlan, RoleLevelColumn
from civictalent.maturity.models import CapabilityRole


class CapabilityRoleLevels(RoleLevelColumn):
    def apply(self, move: FrameworkMove, plan: KindPlan) -> None:
        # A capability lists a role level once: when two old levels land on the same new one,
        # the row already there keeps its staff numbers and the other is dropped.
        for old_id, new_id in plan.detail:
            clash = CapabilityRole.objects.filter(role_level_id=new_id).values("capability_id")
            CapabilityRole.objects.filter(role_level_id=old_id, capability_id__in=clash).delete()
            CapabilityRole.objects.filter(role_level_id=old_id).update(role_level_id=new_id)
        self.moved(move, plan)


ROLE_LEVEL_MOVES = (CapabilityRoleLevels("capability model role levels", CapabilityRole),)
