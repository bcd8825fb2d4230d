"""Who may do what with organisations, memberships and join requests."""

from civictalent.core.predicates import (
    add_permission,
    grant_admin_site_to_platform_admins,
    is_authenticated,
    is_platform_admin,
)
from civictalent.organisations.predicates import is_council_admin, is_council_member

add_permission("organisations.request_to_join", is_authenticated & ~is_council_member)
add_permission("organisations.manage_members", is_council_admin | is_platform_admin)
add_permission("organisations.edit_organisation", is_platform_admin)
# Named publishers approve the council's job adverts beside its admins (see jobs/rules.py).
add_permission("organisations.name_publishers", is_council_admin | is_platform_admin)

grant_admin_site_to_platform_admins(
    "organisations", ["organisation", "organisationdomain", "membership", "joinrequest"]
)
