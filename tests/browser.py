"""Helpers for browser tests: Debian's Chromium through Playwright, and axe-core from npm."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        AXE_TAGS,
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        indent=2,
    )


class AccessibilityAudit:
    """Checks every page a journey visits and remembers which it checked."""

    def __init__(self) -> None:
        self.checked: list[str] = []

    def check(self, page: Any) -> None:
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        path = page.url.split("//", 1)[-1].split("/", 1)[-1]
        assert not violations, f"axe found problems on /{path}:\n{describe(violations)}"
        self.checked.append(f"/{path}")


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now, never one about to expire."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page: Any, base_url: str, email: str, password: str, *, totp_secret: str = "") -> None:
    """Sign in through the real form; with ``totp_secret``, answer the authenticator step too."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code", exact=True).fill(current_totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/account/")
