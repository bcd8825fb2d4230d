"""Audit the locked dependencies against published security advisories, when they can be reached.

Python: the packages pinned in uv.lock (exported with their hashes) are checked by pip-audit against
the Python Package Index's vulnerability data (or OSV). JavaScript: `npm audit` against the npm
registry's advisory endpoint. Each source is probed first; one that this network cannot reach is
reported as skipped, in plain words, and does not fail the build. A known vulnerability does.

Run by `make audit`, which `make test` calls. Exit status: 0 clean or unreachable, 1 vulnerable.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = os.environ.get("UV", str(ROOT / ".tools" / "bin" / "uv"))
PIP_AUDIT = ROOT / ".venv" / "bin" / "pip-audit"
# pip-audit reads the advisories of each pinned release from its own page, so probe one of those.
PYPI_PROBE = "https://pypi.org/pypi/django/5.2/json"
OSV_PROBE = "https://api.osv.dev/v1/query"
TIMEOUT_SECONDS = 15


def reachable(url: str, *, body: bytes | None = None) -> bool:
    """True when the advisory service answers a real query (not just any HTTP reply)."""
    request = urllib.request.Request(  # noqa: S310 - fixed https addresses above
        url, data=body, headers={"Content-Type": "application/json"} if body else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, TimeoutError, OSError):
        return False


def python_service() -> str | None:
    if reachable(PYPI_PROBE):
        return "pypi"
    osv_query = json.dumps({"package": {"name": "django", "ecosystem": "PyPI"}, "version": "5.2"})
    if reachable(OSV_PROBE, body=osv_query.encode()):
        return "osv"
    return None


def audit_python() -> bool:
    service = python_service()
    if service is None:
        print(
            "Python audit skipped: neither PyPI's JSON API nor OSV is reachable from this "
            "network, so there is no advisory data to check against."
        )
        return True
    with tempfile.TemporaryDirectory() as folder:
        requirements = Path(folder) / "requirements.txt"
        exported = subprocess.run(  # noqa: S603 - our own uv, fixed arguments
            [UV, "export", "--frozen", "--format", "requirements-txt", "--no-emit-project"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        requirements.write_text(exported.stdout)
        result = subprocess.run(  # noqa: S603 - our own pip-audit, fixed arguments
            [
                str(PIP_AUDIT),
                "--requirement",
                str(requirements),
                "--require-hashes",
                "--disable-pip",
                "--vulnerability-service",
                service,
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    print(result.stdout.strip() or f"Python audit ({service}): no known vulnerabilities.")
    if result.returncode != 0:
        print(result.stderr.strip(), file=sys.stderr)
    return result.returncode == 0


def audit_javascript() -> bool:
    try:
        result = subprocess.run(
            ["npm", "audit", "--json", "--no-fund"],  # noqa: S607 - npm from PATH, as the Makefile
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        print("JavaScript audit skipped: the npm registry's advisory endpoint did not answer.")
        return True
    try:
        report = json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    if "error" in report or ("message" in report and "vulnerabilities" not in report):
        print(
            "JavaScript audit skipped: the npm registry's advisory endpoint did not answer "
            f"({report.get('message', 'no reply')})."
        )
        return True
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    serious = sum(counts.get(level, 0) for level in ("moderate", "high", "critical"))
    print(f"JavaScript audit: {json.dumps(counts)}")
    return serious == 0


def main() -> int:
    python_ok = audit_python()
    javascript_ok = audit_javascript()
    return 0 if python_ok and javascript_ok else 1


if __name__ == "__main__":
    sys.exit(main())
