"""The starter framework: complete DDaT names, career order, and descriptions in our own words."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from civictalent.framework.seniority import sort_levels
from civictalent.framework.starter import (
    STARTER_FRAMEWORK,
    STARTER_FRAMEWORK_LICENCE,
    STARTER_FRAMEWORK_NAME,
    STARTER_FRAMEWORK_SOURCE,
    STARTER_FRAMEWORK_VERSION,
    StarterRole,
)
from conftest import SHARED_DATASETS, require

ROLES_CSV = SHARED_DATASETS / "ddat" / "roles.csv"
SKILLS_CSV = SHARED_DATASETS / "ddat" / "skills.csv"
# A run this long shared with the official text would mean copying, not a coincidence.
COPY_RUN = 8
SKILL_LEVEL_COLUMNS = {"Awareness", "Working", "Practitioner", "Expert"}

ROLES: list[StarterRole] = [role for family in STARTER_FRAMEWORK for role in family.roles]


def official_rows(path: Path) -> list[dict[str, str]]:
    require(path.exists(), f"the shared DDaT download is not at {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def word_runs(text: str, length: int = COPY_RUN) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[start : start + length]) for start in range(len(words) - length + 1)}


def test_the_name_version_source_and_licence_are_set() -> None:
    assert STARTER_FRAMEWORK_NAME == "Civic Talent starter framework (based on the DDaT role names)"
    assert STARTER_FRAMEWORK_VERSION
    assert "Central Digital and Data Office" in STARTER_FRAMEWORK_SOURCE
    assert "Open Government Licence" in STARTER_FRAMEWORK_LICENCE


def test_there_are_the_eight_ddat_families() -> None:
    assert [family.name for family in STARTER_FRAMEWORK] == [
        "Architecture",
        "Chief digital and data",
        "Data",
        "IT operations",
        "Product and delivery",
        "Quality assurance testing (QAT)",
        "Software development",
        "User-centred design",
    ]


def test_52_ddat_roles_plus_ai_engineer() -> None:
    names = [role.name for role in ROLES]
    assert len(names) == len(set(names)) == 53
    assert "AI engineer" in names


def test_emerging_and_senior_civil_service_flags() -> None:
    emerging = {role.name for role in ROLES if role.emerging}
    assert emerging == {"Data ethicist", "Machine learning engineer", "AI engineer"}
    senior = {role.name for role in ROLES if role.senior_civil_service}
    assert senior == {
        "Chief data officer",
        "Chief digital and information officer",
        "Chief information security officer",
        "Chief technology officer",
    }
    ai = next(role for role in ROLES if role.name == "AI engineer")
    assert [level.name for level in ai.levels] == [
        "AI engineer",
        "Senior AI engineer",
        "Lead AI engineer",
    ]
    data = next(family for family in STARTER_FRAMEWORK if family.name == "Data")
    assert ai in data.roles


def test_levels_are_in_career_order() -> None:
    for role in ROLES:
        names = [level.name for level in role.levels]
        assert names == sort_levels(role.name, names), role.name


def test_every_description_is_one_plain_line() -> None:
    texts = [family.description for family in STARTER_FRAMEWORK]
    texts += [role.description for role in ROLES]
    texts += [level.description for role in ROLES for level in role.levels]
    assert len(texts) == 8 + 53 + 208
    for text in texts:
        assert text.strip() == text and text, text
        assert "\n" not in text
        assert 20 <= len(text) <= 140, text
        assert text.endswith("."), text


def test_every_official_role_and_level_name_is_present() -> None:
    rows = official_rows(ROLES_CSV)
    official: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        role = row["Role"].strip()
        level = row["Role Level"].strip()
        # The chief roles have no levels in the download: one level named like the role.
        official.setdefault((row["Role Family"].strip(), role), set()).add(
            role if level.upper() == "NOT IN USE" else level
        )
    ours = {
        (family.name, role.name): {level.name for level in role.levels}
        for family in STARTER_FRAMEWORK
        for role in family.roles
        if role.name != "AI engineer"
    }
    assert len(official) == 52
    assert sum(len(levels) for levels in official.values()) == 205
    assert ours == official


@pytest.mark.parametrize("path", [ROLES_CSV, SKILLS_CSV], ids=["roles", "skills"])
def test_no_description_copies_the_official_text(path: Path) -> None:
    rows = official_rows(path)
    official: set[tuple[str, ...]] = set()
    for row in rows:
        for column, value in row.items():
            if column and ("Description" in column or column in SKILL_LEVEL_COLUMNS):
                official |= word_runs(value or "")
    assert official, "no official descriptions were read"
    # The check works: an official sentence is caught.
    first = next(
        value
        for row in rows
        for column, value in row.items()
        if column and value and ("Description" in column) and len(value.split()) > COPY_RUN
    )
    assert word_runs(first) & official
    ours = [family.description for family in STARTER_FRAMEWORK]
    ours += [role.description for role in ROLES]
    ours += [level.description for role in ROLES for level in role.levels]
    copied = {text: runs for text in ours if (runs := word_runs(text) & official)}
    assert not copied, f"descriptions share a run of {COPY_RUN} words with the official text"
