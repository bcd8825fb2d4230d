"""Email alerts' part when an imported framework replaces the default one (see
civictalent/framework/moves.py, found by name through core/registry.py): an alert keeps its
jobs search, rewritten only if a job family it names changes its slug."""

from __future__ import annotations

from civictalent.alerts.models import AlertSubscription
from civictalent.jobs.role_level_moves import FamiliesInQueryStrings

ROLE_LEVEL_MOVES = (FamiliesInQueryStrings("email alerts", AlertSubscription),)
