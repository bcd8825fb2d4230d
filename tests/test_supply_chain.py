"""Supply chain: every dependency is pinned with a hash, installs check those hashes, and the
security lint and the advisory audit are part of `make test`.

uv.lock pins every Python package with the sha256 of each file it may install, and `uv sync
--frozen` refuses a file whose hash differs. package-lock.json does the same for npm with sha512
integrity values, checked by `npm ci`. These tests fail if either lock loses its hashes, or the
Makefile stops installing from the locks.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HASH = re.compile(r"^sha256:[0-9a-f]{64}$")


def locked_python_packages() -> list[dict[str, Any]]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    return [package for package in lock["package"] if package["name"] != "civictalent"]


def test_every_python_package_is_pinned_from_the_index_with_hashes() -> None:
    packages = locked_python_packages()
    assert len(packages) > 50
    unhashed = []
    for package in packages:
        source = package.get("source", {})
        assert isinstance(source, dict) and "registry" in source, f"{package['name']} not from PyPI"
        files = [package["sdist"]] if "sdist" in package else []
        files += package.get("wheels", [])
        if not files or not all(HASH.match(str(file.get("hash", ""))) for file in files):
            unhashed.append(package["name"])
    assert unhashed == [], f"packages locked without sha256 hashes: {unhashed}"


def test_every_npm_package_is_pinned_with_an_integrity_hash() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    packages = {name: entry for name, entry in lock["packages"].items() if name}
    assert packages
    weak = [
        name
        for name, entry in packages.items()
        if not entry.get("link") and not str(entry.get("integrity", "")).startswith("sha512-")
    ]
    assert weak == [], f"npm packages without sha512 integrity: {weak}"
    manifest = json.loads((ROOT / "package.json").read_text())
    ranges = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in ranges.values()), ranges


def test_installs_use_the_locks_and_test_runs_the_audit() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "sync --frozen" in makefile, "Python installs must come from uv.lock"
    assert "npm ci" in makefile and "npm install" not in makefile
    test_target = re.search(r"^test:(.*)$", makefile, re.MULTILINE)
    assert test_target is not None
    assert {"lint", "typecheck", "audit"} <= set(test_target.group(1).split())


def test_security_lint_rules_are_on_everywhere() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "S" in config["select"], "ruff's S rules are bandit's checks"
    # Only assert statements may be ignored project-wide; tests may also use fixed passwords.
    assert [rule for rule in config["ignore"] if rule.startswith("S")] == ["S101"]
    source_ignores = {
        pattern: rules
        for pattern, rules in config.get("per-file-ignores", {}).items()
        if "tests" not in pattern and "migrations" not in pattern
    }
    high_severity = {"S102", "S301", "S307", "S324", "S501", "S506", "S602", "S605", "S608"}
    for pattern, rules in source_ignores.items():
        assert not high_severity & set(rules), (
            f"{pattern} switches off {high_severity & set(rules)}"
        )
