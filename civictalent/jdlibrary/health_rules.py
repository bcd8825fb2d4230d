"""Who may see a council's health check scores and re-score the library."""

from civictalent.core.predicates import add_permission, is_platform_admin
from civictalent.organisations.predicates import is_council_member

add_permission("jdlibrary.view_council_scores", is_council_member | is_platform_admin)
add_permission("jdlibrary.rescore_library", is_platform_admin)
