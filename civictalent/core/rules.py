"""Who may see platform-wide records."""

from civictalent.core.predicates import (
    add_permission,
    grant_admin_site_to_platform_admins,
    is_platform_admin,
)

add_permission("core.view_audit_log", is_platform_admin)
grant_admin_site_to_platform_admins(
    "core", ["auditevent", "outboundemail", "heartbeat", "scheduledrun"]
)
