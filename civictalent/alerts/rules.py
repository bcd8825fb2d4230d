"""Alerts need no account: links carry a signature instead. Only the admin site needs rules."""

from civictalent.core.predicates import grant_admin_site_to_platform_admins

grant_admin_site_to_platform_admins(
    "alerts", ["alertsubscription", "alertrun", "alertfeedback"], actions=("view", "delete")
)
