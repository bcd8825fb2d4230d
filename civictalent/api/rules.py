"""Who may manage a council's API tokens: its admins (and platform admins, who support them)."""

from civictalent.core.predicates import add_permission, is_platform_admin
from civictalent.organisations.predicates import is_council_admin

add_permission("api.manage_tokens", is_council_admin | is_platform_admin)
