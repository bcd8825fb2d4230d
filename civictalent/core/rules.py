"""Who may see platform-wide records."""

import rules

from civictalent.core.predicates import grant_admin_site_to_platform_admins, is_platform_admin

rules.add_perm("core.view_audit_log", is_platform_admin)
grant_admin_site_to_platform_admins(
    "core", ["auditevent", "outboundemail", "heartbeat", "scheduledrun"]
)
