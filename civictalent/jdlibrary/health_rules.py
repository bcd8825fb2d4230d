"""Who may see a council's health check scores and re-score the library."""

import rules

from civictalent.core.predicates import is_platform_admin
from civictalent.organisations.predicates import is_council_member

rules.add_perm("jdlibrary.view_council_scores", is_council_member | is_platform_admin)
rules.add_perm("jdlibrary.rescore_library", is_platform_admin)
