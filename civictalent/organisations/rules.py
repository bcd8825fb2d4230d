"""Who may do what with organisations, memberships and join requests."""

import rules

from civictalent.core.predicates import grant_admin_site_to_platform_admins, is_platform_admin
from civictalent.organisations.predicates import is_council_admin, is_council_member

rules.add_perm("organisations.request_to_join", rules.is_authenticated & ~is_council_member)
rules.add_perm("organisations.manage_members", is_council_admin | is_platform_admin)
rules.add_perm("organisations.edit_organisation", is_platform_admin)

grant_admin_site_to_platform_admins(
    "organisations", ["organisation", "organisationdomain", "membership", "joinrequest"]
)
