"""The library's part when an imported framework replaces the default one (see
civictalent/framework/moves.py, found by name through core/registry.py): job descriptions move
to the matching role level, and the library's cached counts start afresh once it is saved."""

from __future__ import annotations

from django.db import transaction

from civictalent.framework.moves import FrameworkMove, KindPlan, RoleLevelColumn
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.selectors import library_changed


class JobDescriptionRoleLevels(RoleLevelColumn):
    def moved(self, move: FrameworkMove, plan: KindPlan) -> None:
        # QuerySet.update sends no save signal, so the counts' generation is moved on here.
        transaction.on_commit(library_changed)


ROLE_LEVEL_MOVES = (JobDescriptionRoleLevels("job descriptions", JobDescription),)
