"""Importing the official DDaT framework replaces the starter one without losing anything: every
salary, JD, vacancy, saved search and alert moves to the imported role levels in one
transaction, the benchmarks follow, a dry run changes nothing, a second import moves nothing,
and what cannot move is reported and left where it was."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from civictalent.accounts.models import User
from civictalent.alerts.models import AlertSubscription
from civictalent.core.models import AuditEvent
from civictalent.framework import starter_to_ddat
from civictalent.framework.models import Framework, JobFamily, RoleLevel
from civictalent.framework.moves import FrameworkMove, framework_move_plan, reference_moves
from civictalent.framework.services import DDAT_SLUG, STARTER_SLUG, framework_import_ddat
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.selectors import LibraryFilters, library_with_counts
from civictalent.jobs.criteria import seniority_of_level
from civictalent.jobs.models import SavedSearch, Vacancy
from civictalent.jobs.role_level_moves import FamiliesInQueryStrings, families_renamed
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell, ObservationSource, SalaryObservation
from civictalent.salaries.selectors import council_against_london, subjects_with_data
from civictalent.seed.demo import demo_load
from conftest import SHARED_DATASETS, require

pytestmark = pytest.mark.django_db

DDAT = SHARED_DATASETS / "ddat"
PLATFORM_ADMIN = "platform.admin@demo.civictalent.example"


@pytest.fixture
def ddat_files() -> tuple[Path, Path]:
    roles, skills = DDAT / "roles.csv", DDAT / "skills.csv"
    require(roles.exists() and skills.exists(), f"the shared DDaT files are not at {DDAT}")
    return roles, skills


def benchmark_cells() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Every cell of the default framework's subjects, keyed by the subject's names (the ids
    change when the framework does)."""
    names: dict[str, tuple[str, ...]] = {}
    levels = RoleLevel.objects.filter(framework__is_default=True).select_related("role__family")
    for level in levels:
        family, role = level.role.family.name, level.role.name
        names[f"role_level:{level.pk}"] = ("level", family, role, level.name)
        names[f"role:{level.role_id}"] = ("role", family, role)
        names[f"family:{level.role.family_id}"] = ("family", family)
    return {
        (names[cell.subject], cell.geography, cell.period): (
            cell.count,
            cell.councils,
            cell.suppressed_reason,
            cell.stats,
        )
        for cell in BenchmarkCell.objects.all()
        if cell.subject in names
    }


def library_facets() -> tuple[int, list[tuple[str, list[tuple[str, int]]]]]:
    admin = User.objects.get(email=PLATFORM_ADMIN)
    found = library_with_counts(admin, LibraryFilters())
    return found.total, [
        (facet.name, [(label, count) for _, label, count in facet.options])
        for facet in found.facets
    ]


def council_figures() -> dict[str, list[tuple[Any, ...]]]:
    councils = Organisation.objects.filter(salary_observations__isnull=False).distinct()
    return {
        council.slug: [
            (
                row["level"].name,
                row["count"],
                row["median_pence"],
                row["london_count"],
                row["band"],
                row["hidden_reason"],
            )
            for row in council_against_london(council)
        ]
        for council in councils
    }


def what_the_pages_show() -> dict[str, Any]:
    return {
        "cells": benchmark_cells(),
        "all cells": BenchmarkCell.objects.count(),
        "levels with salaries": [
            (level.role.name, level.name, level.observations)  # type: ignore[attr-defined]
            for level in subjects_with_data()
        ],
        "library": library_facets(),
        "your council": council_figures(),
    }


def frameworks_pointed_at() -> dict[str, set[str | None]]:
    return {
        "salaries": set(
            SalaryObservation.objects.values_list("role_level__framework__slug", flat=True)
        ),
        "jds": set(JobDescription.objects.values_list("role_level__framework__slug", flat=True)),
        "vacancies": set(Vacancy.objects.values_list("role_level__framework__slug", flat=True)),
        "vacancy families": set(Vacancy.objects.values_list("family__framework__slug", flat=True)),
    }


def test_importing_ddat_over_the_demo_data_keeps_every_count(
    london: None,
    ddat_files: tuple[Path, Path],
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    demo_load()
    alert = AlertSubscription.objects.create(
        email="alerts@example.org", query_string="family=data&level=senior", secret="s" * 40
    )
    before = what_the_pages_show()
    assert before["cells"] and before["library"][0] and before["your council"]
    assert frameworks_pointed_at()["salaries"] == {STARTER_SLUG}
    audits = AuditEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        dry = framework_import_ddat(
            roles_path=ddat_files[0], skills_path=ddat_files[1], dry_run=True
        )
    assert callbacks == []
    assert dry.moves is not None and dry.moves.dry_run
    kinds = {kind.kind: kind for kind in dry.moves.kinds}
    observations = SalaryObservation.objects.count()
    assert observations > 500  # the demo's salaries and those of its published library JDs
    assert kinds["salary observations"].moved == observations
    assert kinds["job descriptions"].moved == JobDescription.objects.count() >= 40
    assert kinds["vacancies"].moved == Vacancy.objects.count() >= 25
    assert dry.moves.cannot_move == 0
    assert dry.moves.levels_by_name == 205
    assert {stay.what for stay in dry.moves.unmapped_levels} == {
        "AI engineer (AI engineer, starter)",
        "Senior AI engineer (AI engineer, starter)",
        "Lead AI engineer (AI engineer, starter)",
    }
    # The dry run changed nothing.
    assert not Framework.objects.filter(slug=DDAT_SLUG).exists()
    assert Framework.objects.get(is_default=True).slug == STARTER_SLUG
    assert AuditEvent.objects.count() == audits
    assert what_the_pages_show() == before

    # Run what waits for the commit (the library's counts start a new generation).
    with django_capture_on_commit_callbacks(execute=True):
        report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert report.moves is not None
    assert report.moves.moved == dry.moves.moved
    call_command("refresh_benchmarks", "--all", stdout=io.StringIO(), stderr=io.StringIO())
    assert Framework.objects.get(is_default=True).slug == DDAT_SLUG
    assert frameworks_pointed_at() == {
        "salaries": {DDAT_SLUG},
        "jds": {DDAT_SLUG},
        "vacancies": {DDAT_SLUG},
        "vacancy families": {DDAT_SLUG},
    }
    assert what_the_pages_show() == before
    admin = User.objects.get(email=PLATFORM_ADMIN)
    level_facet = next(
        facet
        for facet in library_with_counts(admin, LibraryFilters()).facets
        if facet.name == "role_level"
    )
    ddat_levels = set(
        RoleLevel.objects.filter(framework__slug=DDAT_SLUG).values_list("pk", flat=True)
    )
    assert {int(value) for value, _, _ in level_facet.options} <= ddat_levels
    alert.refresh_from_db()
    assert alert.query_string == "family=data&level=senior"
    assert JobFamily.objects.get(framework__is_default=True, slug="data")
    event = AuditEvent.objects.get(action="framework.imported")
    assert event.changes["moves"]["salary observations"] == {
        "moved": observations,
        "cannot_move": 0,
    }

    client.force_login(User.objects.get(email="member.hackney@demo.civictalent.example"))
    response = client.get("/salaries/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No salaries have been recorded yet" not in page
    assert "Senior data analyst" in page

    again = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert again.moves is not None and again.moves.moved == 0
    assert not again.changed
    assert AuditEvent.objects.filter(action="framework.imported").count() == 1
    assert what_the_pages_show() == before


def starter_level(name: str) -> RoleLevel:
    return RoleLevel.objects.get(framework__slug=STARTER_SLUG, name=name)


def test_what_cannot_move_is_reported_and_stays_out_of_the_default_pages(
    council_a: Organisation, ddat_files: tuple[Path, Path], make_user: Any
) -> None:
    ai = starter_level("Senior AI engineer")
    jd = JobDescription.objects.create(
        organisation=council_a, title="Senior AI Engineer", role_level=ai, status="published"
    )
    observation = SalaryObservation.objects.create(
        role_level=ai,
        organisation=council_a,
        zone=council_a.pay_zone,
        annual_min_pence=6_000_000,
        annual_max_pence=6_500_000,
        observed_on=datetime.date(2026, 1, 5),
        source=ObservationSource.IMPORT,
    )
    dry = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1], dry_run=True)
    assert dry.moves is not None
    kinds = {kind.kind: kind for kind in dry.moves.kinds}
    for kind in ("job descriptions", "salary observations"):
        [stay] = kinds[kind].stays
        assert stay.what == "Senior AI engineer (AI engineer, starter)"
        assert stay.rows == 1
        assert "no AI engineer" in stay.reason
    assert dry.moves.cannot_move == 2

    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    jd.refresh_from_db()
    observation.refresh_from_db()
    assert jd.role_level_id == observation.role_level_id == ai.pk
    admin = make_user(email="admin@example.org", platform_admin=True)
    facets = {f.name: f.options for f in library_with_counts(admin, LibraryFilters()).facets}
    assert "role_level" not in facets  # not mixed in with the default framework's levels
    assert sum(count for _, _, count in facets["council"]) == 1
    assert council_against_london(council_a) == []
    assert all(level.framework.is_default for level in subjects_with_data())


def test_an_install_that_imported_before_moves_its_rows_on_the_next_import(
    council_a: Organisation, ddat_files: tuple[Path, Path]
) -> None:
    """Earlier versions made DDaT the default and left every row on the starter's levels."""
    analyst = starter_level("Senior data analyst")
    jd = JobDescription.objects.create(organisation=council_a, title="Analyst", role_level=analyst)
    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1], make_default=False)
    Framework.objects.update(is_default=False)
    Framework.objects.filter(slug=DDAT_SLUG).update(is_default=True)
    report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert report.moves is not None and report.moves.moved == 1
    jd.refresh_from_db()
    assert jd.role_level is not None and jd.role_level.framework.slug == DDAT_SLUG


def test_a_renamed_level_moves_by_the_mapping_table(
    council_a: Organisation, ddat_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    renamed = starter_level("Senior data analyst")
    renamed.name = "Snr  Data Analyst"
    renamed.save()
    vacancy = Vacancy.objects.create(
        organisation=council_a, title="Senior analyst", role_level=renamed, summary="s"
    )
    monkeypatch.setattr(
        starter_to_ddat,
        "LEVEL_RENAMES",
        {("Data analyst", "snr data analyst"): ("Data analyst", "Senior data analyst")},
    )
    report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert report.moves is not None
    assert report.moves.levels_by_table == 1
    vacancy.refresh_from_db()
    assert vacancy.role_level is not None
    assert (vacancy.role_level.framework.slug, vacancy.role_level.name) == (
        DDAT_SLUG,
        "Senior data analyst",
    )
    assert vacancy.family is not None and vacancy.family.framework.slug == DDAT_SLUG
    assert vacancy.seniority == seniority_of_level("Senior data analyst", "Data analyst") != ""


def test_every_starter_level_has_a_documented_place(ddat_files: tuple[Path, Path]) -> None:
    framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    move = framework_move_plan(Framework.objects.get(slug=DDAT_SLUG))
    assert len(move.levels) == RoleLevel.objects.filter(framework__slug=STARTER_SLUG).count() - 3
    assert set(move.unmapped.values()) == {starter_to_ddat.NO_OFFICIAL_ROLE["AI engineer"]}
    assert move.family_slugs == {}  # job families keep their slugs: stored searches stand


def test_the_command_dry_run_prints_what_would_move_as_json(ddat_files: tuple[Path, Path]) -> None:
    out = io.StringIO()
    call_command(
        "import_ddat",
        *map(str, ddat_files),
        "--dry-run",
        "--json",
        stdout=out,
        stderr=io.StringIO(),
    )
    body = json.loads(out.getvalue())
    assert set(body) == {"changed", "dry_run", "counts", "details", "moves"}
    assert body["dry_run"] is True
    assert body["moves"]["from"] == [STARTER_SLUG] and body["moves"]["to"] == DDAT_SLUG
    assert body["moves"]["role_levels"]["by_name"] == 205
    assert {kind["kind"] for kind in body["moves"]["kinds"]} >= {
        "salary observations",
        "job descriptions",
        "vacancies",
        "saved jobs searches",
        "email alerts",
    }
    assert not Framework.objects.filter(slug=DDAT_SLUG).exists()
    out = io.StringIO()
    call_command(
        "import_ddat", *map(str, ddat_files), "--dry-run", stdout=out, stderr=io.StringIO()
    )
    assert "Dry run, nothing was changed." in out.getvalue()
    assert "no match: AI engineer (AI engineer, starter)" in out.getvalue()


def test_a_family_whose_slug_changes_is_renamed_in_stored_searches(
    make_user: Any,
) -> None:
    assert families_renamed("q=x&family=data&family=qat", {"data": "data-and-ai"}) == (
        "q=x&family=data-and-ai&family=qat"
    )
    assert families_renamed("family=architecture", {"data": "d"}) == "family=architecture"
    user = make_user(email="saver@example.org")
    kept = SavedSearch.objects.create(user=user, name="New", query_string="family=data-and-ai")
    old = SavedSearch.objects.create(user=user, name="Old", query_string="family=data")
    alert = AlertSubscription.objects.create(
        email="a@example.org", query_string="family=data", secret="t" * 40
    )
    move = FrameworkMove(
        target=DDAT_SLUG, sources=(), source_slugs=(), family_slugs={"data": "data-and-ai"}
    )
    for step in (
        FamiliesInQueryStrings("saved jobs searches", SavedSearch),
        FamiliesInQueryStrings("email alerts", AlertSubscription),
    ):
        plan = step.plan(move)
        assert plan.moved == 1
        step.apply(move, plan)
    alert.refresh_from_db()
    assert alert.query_string == "family=data-and-ai"
    # The person had already saved the search under the new name: that one is kept.
    assert list(SavedSearch.objects.filter(user=user)) == [kept]
    assert not SavedSearch.objects.filter(pk=old.pk).exists()


def test_every_reference_to_a_role_level_or_family_moves() -> None:
    """A model that gains a foreign key to a role level or job family must say how it moves
    (ROLE_LEVEL_MOVES in its app's role_level_moves.py), or an import would strand it."""
    covered = {
        (step.model._meta.label, step.column)  # type: ignore[attr-defined]
        for step in reference_moves()
        if hasattr(step, "column")
    }
    pointing = {
        (model._meta.label, field.name)
        for model in apps.get_models()
        if model._meta.app_label != "framework"
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model in (RoleLevel, JobFamily)
    }
    assert pointing == covered


def test_names_match_whatever_their_case_and_spacing() -> None:
    assert starter_to_ddat.name_key(" Data  analyst", "SENIOR data analyst") == (
        "data analyst",
        "senior data analyst",
    )
    assert starter_to_ddat.official_name("Data analyst", "Data analyst") is None
    table = {("Data analyst", "Snr data analyst"): ("Data analyst", "Senior data analyst")}
    assert starter_to_ddat.official_name("data analyst", "snr  DATA analyst", table) == (
        "Data analyst",
        "Senior data analyst",
    )
    assert "no AI engineer" in starter_to_ddat.why_unmapped("ai engineer")
    assert starter_to_ddat.why_unmapped("Made-up role") == starter_to_ddat.NO_MATCH
