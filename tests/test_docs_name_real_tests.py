"""The threat model and the data-protection register name real tests.

docs/security.md and docs/data-protection.md map each threat and each kind of personal data to
the test (``path::test_name``) that proves its control. A renamed or deleted test would leave a
promise nothing keeps, so every name they give must exist. ``::name`` on its own refers to the
last file named on the same line; a file named without its folder must be the only one so named.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ["docs/security.md", "docs/data-protection.md"]
REFERENCE = re.compile(
    r"`((?:civictalent|tests)/[\w/]+\.py|test_\w+\.py)?(?:::(\w+)(?:\[[^\]`]*\])?)?`"
    r"|::(\w+)"
)


def references(doc: str) -> list[tuple[str, str | None]]:
    """(test file, test name or None) for each reference in the document."""
    found: list[tuple[str, str | None]] = []
    for line in (ROOT / doc).read_text().splitlines():
        current: str | None = None
        for match in REFERENCE.finditer(line):
            path, name, bare = match.groups()
            if path:
                current = path
                found.append((path, name))
            elif (name or bare) and current:
                found.append((current, name or bare))
    return found


def resolve(path: str) -> Path | None:
    if "/" in path:
        return ROOT / path if (ROOT / path).exists() else None
    matches = [
        found for folder in ("civictalent", "tests") for found in (ROOT / folder).rglob(path)
    ]
    return matches[0] if len(matches) == 1 else None


@pytest.mark.parametrize("doc", DOCS)
def test_every_test_the_document_names_exists(doc: str) -> None:
    named = references(doc)
    assert len(named) > 20
    missing = []
    for path, name in named:
        source = resolve(path)
        if source is None:
            missing.append(path)
        elif name and not re.search(rf"^\s*def {name}\(", source.read_text(), re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert missing == [], f"{doc} names tests that do not exist: {missing}"
