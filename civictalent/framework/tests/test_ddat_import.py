"""Importing the official DDaT download: counts, stable identities on re-import, and clear errors
that leave the database as it was."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from civictalent.framework.ddat import DDaTFormatError, parse_ddat
from civictalent.framework.models import (
    Framework,
    JobFamily,
    Role,
    RoleLevel,
    RoleLevelSkill,
    Skill,
)
from civictalent.framework.services import DDAT_SLUG, framework_import_ddat
from conftest import SHARED_DATASETS, require

DDAT = SHARED_DATASETS / "ddat"
ROLES, SKILLS = DDAT / "roles.csv", DDAT / "skills.csv"


@pytest.fixture
def ddat_files() -> tuple[Path, Path]:
    require(ROLES.exists() and SKILLS.exists(), f"the shared DDaT files are not at {DDAT}")
    return ROLES, SKILLS


def ddat_counts() -> dict[str, int]:
    framework = Framework.objects.get(slug=DDAT_SLUG)
    return {
        "families": JobFamily.objects.filter(framework=framework).count(),
        "roles": Role.objects.filter(framework=framework).count(),
        "role_levels": RoleLevel.objects.filter(framework=framework).count(),
        "skills": Skill.objects.filter(framework=framework).count(),
    }


@pytest.mark.django_db
def test_importing_the_official_files_gives_the_published_counts(
    ddat_files: tuple[Path, Path],
) -> None:
    report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert ddat_counts() == {"families": 8, "roles": 52, "role_levels": 205, "skills": 188}
    assert report.counts()["roles"]["created"] == 52
    framework = Framework.objects.get(slug=DDAT_SLUG)
    assert framework.is_default
    assert Framework.objects.filter(is_default=True).count() == 1
    analyst = Role.objects.get(framework=framework, slug="data-analyst")
    assert [level.name for level in analyst.levels.order_by("rank")] == [
        "Associate data analyst",
        "Data analyst",
        "Senior data analyst",
        "Principal data analyst",
    ]
    # MISSING descriptions become empty, not the word "MISSING".
    assert not Skill.objects.filter(description="MISSING").exists()
    # Chief roles have no levels in the file: each becomes its own single level.
    chief = RoleLevel.objects.get(framework=framework, name="Chief data officer")
    assert chief.role.is_senior_civil_service
    assert RoleLevelSkill.objects.filter(role_level=chief, level="").exists()
    assert Role.objects.get(framework=framework, name="Data ethicist").is_emerging


@pytest.mark.django_db
def test_reimporting_the_same_files_changes_nothing(ddat_files: tuple[Path, Path]) -> None:
    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    ids = dict(RoleLevel.objects.values_list("slug", "pk"))
    report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert not report.changed
    assert dict(RoleLevel.objects.values_list("slug", "pk")) == ids


def rewrite(
    source: Path, destination: Path, change: Callable[[list[dict[str, str]]], list[dict[str, str]]]
) -> None:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows = change(rows)
    with destination.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


@pytest.mark.django_db
def test_a_newer_file_updates_in_place_and_reports_what_changed(
    ddat_files: tuple[Path, Path], tmp_path: Path
) -> None:
    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    analyst_id = Role.objects.get(slug="data-analyst", framework__slug=DDAT_SLUG).pk

    def newer(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        kept = [row for row in rows if row["Role"] != "Content strategist"]
        for row in kept:
            if row["Role"] == "Data analyst":
                row["Role Description"] = "A rewritten description for the test."
        return kept

    newer_roles = tmp_path / "roles.csv"
    rewrite(ddat_files[0], newer_roles, newer)
    report = framework_import_ddat(roles_path=newer_roles, skills_path=ddat_files[1])
    assert report.changed
    assert report.counts()["roles"]["updated"] == 1
    assert report.counts()["roles"]["retired"] == 1
    assert any("changed role 'Data analyst': description" in line for line in report.details)
    assert any("retired role 'Content strategist'" in line for line in report.details)
    analyst = Role.objects.get(slug="data-analyst", framework__slug=DDAT_SLUG)
    assert analyst.pk == analyst_id
    assert analyst.description == "A rewritten description for the test."
    assert not Role.objects.get(slug="content-strategist", framework__slug=DDAT_SLUG).is_current


def broken_roles(text: str) -> bytes:
    return text.encode("utf-8")


HEADER = "Role Family,Role,Role Description,Role Level,Role Level Description,Skill Name,Skill Description,Skill Level,Skill Level Description,Role Type\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Role Family,Role,Role Level\nData,Data analyst,Data analyst\n",
            "row 1: missing columns Role Description",
        ),
        (
            HEADER
            + 'Data,Data analyst,"d",Data analyst,"d",Accessibility,"s",Working,"w",\nData,,"d",Orphan level,"d",Accessibility,"s",Working,"w",\n',
            "row 3: has a role level or skill but no role",
        ),
        (
            HEADER + 'Data,Data analyst,"d",Data analyst,"d",Accessibility,"s",Brilliant,"w",\n',
            "row 2: skill level 'Brilliant' is not one of",
        ),
        (HEADER, "has a header but no rows"),
    ],
)
def test_malformed_roles_files_say_which_row_and_what_is_wrong(content: str, message: str) -> None:
    skills = b"Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\nAccessibility,d,a,w,p,e,r\n"
    with pytest.raises(DDaTFormatError, match=message):
        parse_ddat(broken_roles(content), skills)


def test_a_file_in_the_wrong_encoding_is_refused() -> None:
    latin1 = (HEADER + "Data,Caf\xe9 analyst,d,Caf\xe9 analyst,d,,,,,\n").encode("latin-1")
    with pytest.raises(DDaTFormatError, match="is not UTF-8 text"):
        parse_ddat(
            latin1,
            b"Skill Name,Skill Description,Awareness,Working,Practitioner,Expert,Roles that require Skill\nA,d,a,w,p,e,r\n",
        )


@pytest.mark.django_db
def test_a_malformed_file_leaves_the_database_as_it_was(
    ddat_files: tuple[Path, Path], tmp_path: Path
) -> None:
    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    before = ddat_counts()
    descriptions = dict(Role.objects.values_list("pk", "description"))

    def orphan_at_the_end(rows: list[dict[str, str]]) -> list[dict[str, str]]:
        rows[0]["Role Description"] = "This change must not be saved."
        broken = dict(rows[-1])
        broken["Role"] = ""
        return [*rows, broken]

    bad = tmp_path / "roles.csv"
    rewrite(ddat_files[0], bad, orphan_at_the_end)
    with pytest.raises(
        CommandError,
        match=r"roles\.csv, row \d+: has a role level or skill but no role\. Nothing was changed\.",
    ):
        call_command(
            "import_ddat", str(bad), str(ddat_files[1]), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert ddat_counts() == before
    assert dict(Role.objects.values_list("pk", "description")) == descriptions


@pytest.mark.django_db
def test_the_command_shows_progress_and_a_summary(ddat_files: tuple[Path, Path]) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_ddat",
        str(ddat_files[0]),
        str(ddat_files[1]),
        "--framework-version",
        "2025",
        stdout=out,
        stderr=err,
    )
    assert "Imported." in out.getvalue()
    assert "roles: 52 (52 new, 0 changed, 0 retired)" in out.getvalue()
    assert "Importing [" in err.getvalue()
    out = io.StringIO()
    call_command(
        "import_ddat", str(ddat_files[0]), str(ddat_files[1]), stdout=out, stderr=io.StringIO()
    )
    assert "Already up to date." in out.getvalue()
