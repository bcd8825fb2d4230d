"""Who may curate the job description library: mark and unmark exemplars."""

import rules

from civictalent.core.predicates import is_platform_admin

rules.add_perm("jdlibrary.curate", is_platform_admin)
