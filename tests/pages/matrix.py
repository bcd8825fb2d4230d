"""The roles every URL is tried as, and the common rows of the permission matrix."""

from __future__ import annotations

ROLES = ("anonymous", "member_a", "editor_a", "admin_a", "member_b", "platform_admin")


def matrix(default: str, **overrides: str) -> dict[str, str]:
    return {role: overrides.get(role, default) for role in ROLES}


PUBLIC = matrix("ok")
SIGNED_IN = matrix("ok", anonymous="login")
PLATFORM_ADMIN_ONLY = matrix("deny", anonymous="login", platform_admin="ok")
COUNCIL_A_ADMINS = matrix("deny", anonymous="login", admin_a="ok", platform_admin="ok")
COUNCIL_A_ADMIN_ACTION = matrix(
    "deny", anonymous="login", admin_a="post_only", platform_admin="post_only"
)
# A draft of council A: its editors and admins, and platform admins, may read (and copy) it.
COUNCIL_A_DRAFT_READERS = matrix(
    "deny", anonymous="login", editor_a="ok", admin_a="ok", platform_admin="ok"
)
