"""Importing the official DDaT framework moves the capability model's role levels to the
imported ones, in the same transaction as everything else."""

from __future__ import annotations

from pathlib import Path

import pytest

from civictalent.framework.services import DDAT_SLUG, framework_import_ddat
from civictalent.maturity.capability_services import capability_model_load_starter
from civictalent.maturity.models import CapabilityRole
from conftest import SHARED_DATASETS, require

pytestmark = pytest.mark.django_db

DDAT = SHARED_DATASETS / "ddat"


@pytest.fixture
def ddat_files() -> tuple[Path, Path]:
    roles, skills = DDAT / "roles.csv", DDAT / "skills.csv"
    require(roles.exists() and skills.exists(), f"the shared DDaT files are not at {DDAT}")
    return roles, skills


def test_capability_roles_move_to_the_imported_framework(ddat_files: tuple[Path, Path]) -> None:
    capability_model_load_starter()
    before = {
        (row.capability.slug, row.role_level.name.lower()): row.fte_large
        for row in CapabilityRole.objects.select_related("capability", "role_level")
    }
    dry = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1], dry_run=True)
    assert dry.moves is not None
    assert CapabilityRole.objects.filter(role_level__framework__slug="starter").count() == len(
        before
    )

    report = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    assert report.moves is not None
    kinds = {plan.kind: plan for plan in report.moves.kinds}
    plan = kinds["capability model role levels"]
    assert plan.moved > 0
    moved = CapabilityRole.objects.filter(role_level__framework__slug=DDAT_SLUG)
    stayed = CapabilityRole.objects.exclude(role_level__framework__slug=DDAT_SLUG)
    assert moved.count() + stayed.count() <= len(before)
    assert stayed.count() == plan.cannot_move
    for row in moved.select_related("capability", "role_level"):
        # Moved by name (or the rename table): the staff numbers came with it.
        key = (row.capability.slug, row.role_level.name.lower())
        if key in before:
            assert before[key] == row.fte_large
    # A second import moves nothing more.
    again = framework_import_ddat(roles_path=ddat_files[0], skills_path=ddat_files[1])
    moved_again = sum(
        plan.moved
        for plan in (again.moves.kinds if again.moves else [])
        if plan.kind == "capability model role levels"
    )
    assert moved_again == 0
