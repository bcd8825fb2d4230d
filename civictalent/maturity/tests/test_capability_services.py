"""The capability model's services: the starter model, edits with versions and history, two
admins saving at once, and imports that are all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.framework.models import RoleLevel
from civictalent.maturity.capability_selectors import capability_history, table_capabilities
from civictalent.maturity.capability_services import (
    CapabilityVersionConflictError,
    RoleRow,
    capability_model_import,
    capability_model_load_starter,
    capability_update,
)
from civictalent.maturity.capability_starter import STARTER_CAPABILITIES, STARTER_DOMAINS
from civictalent.maturity.capability_table import CapabilityTableError, TableCapability, TableRole
from civictalent.maturity.models import Capability, CapabilityRole, CapabilityVersion, Domain

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(platform_admin=True, name="Ada Admin")


@pytest.fixture
def loaded() -> None:
    capability_model_load_starter()


def test_the_starter_model_names_only_role_levels_of_the_starter_framework() -> None:
    slugs = set(RoleLevel.objects.filter(framework__slug="starter").values_list("slug", flat=True))
    named = {role.role_level for item in STARTER_CAPABILITIES for role in item.roles}
    assert named and named <= slugs, named - slugs
    assert {item.domain for item in STARTER_CAPABILITIES} == {d.slug for d in STARTER_DOMAINS}
    assert 14 <= len(STARTER_CAPABILITIES) <= 18
    stages = {item.slug: item.must_have_stage for item in STARTER_CAPABILITIES}
    assert stages["data-governance"] == stages["cyber-security"] == 1
    assert stages["data-science"] > stages["business-intelligence"]


def test_loading_the_starter_twice_changes_nothing_the_second_time() -> None:
    report = capability_model_load_starter()
    assert report.capabilities_created == len(STARTER_CAPABILITIES)
    assert report.skipped_role_levels == []
    assert Domain.objects.count() == 3
    roles = CapabilityRole.objects.count()
    assert roles == sum(len(item.roles) for item in STARTER_CAPABILITIES)
    assert CapabilityVersion.objects.filter(number=1).count() == len(STARTER_CAPABILITIES)
    again = capability_model_load_starter()
    assert again.phrases() == []
    assert CapabilityRole.objects.count() == roles
    assert CapabilityVersion.objects.count() == len(STARTER_CAPABILITIES)


def test_role_levels_missing_from_the_default_framework_are_skipped_or_found_by_name() -> None:
    # As if an import had renamed one level's slug and retired another.
    RoleLevel.objects.filter(framework__slug="starter", slug="data-analyst").update(
        slug="data-analyst-renamed"
    )
    RoleLevel.objects.filter(framework__slug="starter", slug="data-engineer").update(
        is_current=False
    )
    report = capability_model_load_starter()
    bi = Capability.objects.get(slug="business-intelligence")
    assert bi.roles.filter(role_level__slug="data-analyst-renamed").exists()
    assert any(skipped.startswith("data-engineer ") for skipped in report.skipped_role_levels)


def test_an_edit_saves_a_new_version_with_history_and_an_audit_entry(
    loaded: None, admin: User
) -> None:
    capability = Capability.objects.get(slug="data-science")
    saved = capability_update(
        capability=capability,
        changed_by=admin,
        expected_version=1,
        must_have_stage=3,
        description="A new description.",
    )
    assert saved.version == 2
    capability.refresh_from_db()
    assert (capability.version, capability.must_have_stage) == (2, 3)
    version = capability.versions.get(number=2)
    assert version.changed_by == admin
    assert version.snapshot["must_have_stage"] == 3
    assert "must-have stage" in version.summary
    event = AuditEvent.objects.get(action="capability.updated")
    assert event.changes["must_have_stage"] == [4, 3]
    newest, changes = capability_history(capability)[0]
    assert newest.number == 2
    assert {change.label for change in changes} == {"Description", "Must-have stage"}


def test_saving_what_is_there_records_no_version(loaded: None, admin: User) -> None:
    capability = Capability.objects.get(slug="data-science")
    saved = capability_update(
        capability=capability, changed_by=admin, expected_version=1, name=capability.name
    )
    assert saved.version == 1
    assert capability.versions.count() == 1


def test_an_edit_from_an_older_version_is_refused_and_saves_nothing(
    loaded: None, admin: User, make_user: Callable[..., User]
) -> None:
    capability = Capability.objects.get(slug="user-research")
    other = make_user(platform_admin=True, name="Bea Other")
    capability_update(capability=capability, changed_by=other, expected_version=1, benefits="B.")
    with pytest.raises(CapabilityVersionConflictError) as caught:
        capability_update(
            capability=capability, changed_by=admin, expected_version=1, name="Mine", roles=[]
        )
    assert "Someone else saved changes to User research by Bea Other" in caught.value.messages[0]
    capability.refresh_from_db()
    assert (capability.name, capability.benefits, capability.version) == ("User research", "B.", 2)
    assert capability.roles.count() == 2
    assert capability.versions.count() == 2


def test_role_rows_are_added_changed_and_removed_as_one_version(loaded: None, admin: User) -> None:
    capability = Capability.objects.get(slug="data-science")
    old = list(capability.roles.select_related("role_level"))
    analyst = RoleLevel.objects.get(framework__is_default=True, slug="data-analyst")
    rows = [
        RoleRow(old[0].role_level, Decimal("2.0"), Decimal("2.0"), Decimal("2.0")),
        RoleRow(analyst, Decimal("0.5"), Decimal("1.0"), Decimal("1.5")),
    ]
    capability_update(capability=capability, changed_by=admin, expected_version=1, roles=rows)
    assert [(row.role_level_id, row.fte_small) for row in capability.roles.all()] == [
        (old[0].role_level_id, Decimal("2.0")),
        (analyst.pk, Decimal("0.5")),
    ]
    _, changes = capability_history(capability)[0]
    labels = {change.label for change in changes}
    assert f"Staff numbers for {old[0].role_level.name}" in labels
    assert f"Role level added: {analyst.name}" in labels
    assert f"Role level removed: {old[1].role_level.name}" in labels


def test_a_role_level_listed_twice_or_a_name_taken_is_refused(loaded: None, admin: User) -> None:
    from django.core.exceptions import ValidationError

    capability = Capability.objects.get(slug="data-science")
    level = RoleLevel.objects.get(framework__is_default=True, slug="data-analyst")
    twice = [RoleRow(level, Decimal(1), Decimal(1), Decimal(1))] * 2
    with pytest.raises(ValidationError, match="listed twice"):
        capability_update(capability=capability, changed_by=admin, expected_version=1, roles=twice)
    with pytest.raises(ValidationError):
        capability_update(
            capability=capability, changed_by=admin, expected_version=1, name="Data governance"
        )
    capability.refresh_from_db()
    assert capability.version == 1 and capability.name == "Data science"


def _table_row(**changes: object) -> TableCapability:
    values: dict[str, object] = {
        "domain": "innovation",
        "slug": "civic-tech",
        "name": "Civic technology",
        "description": "Working with residents who build tools.",
        "benefits": "More ideas.",
        "responsibilities": ("Run hack days",),
        "must_have_stage": 4,
        "is_emerging": True,
        "staffing_is_illustrative": True,
        "roles": (TableRole("developer", Decimal("0.0"), Decimal("0.5"), Decimal("1.0")),),
        "row": 2,
    }
    values.update(changes)
    return TableCapability(**values)  # type: ignore[arg-type]


def test_an_import_adds_updates_and_leaves_alone(loaded: None, admin: User) -> None:
    current = {item.slug: item for item in table_capabilities()}
    changed = TableCapability(**{**current["partnerships"].__dict__, "benefits": "Shared costs."})
    summary = capability_model_import(
        rows=[_table_row(), changed, current["data-science"]], changed_by=admin
    )
    assert summary.created == ["Civic technology"]
    assert summary.updated == ["Partnerships"]
    assert summary.unchanged == 1
    assert Capability.objects.get(slug="partnerships").version == 2
    assert Capability.objects.get(slug="data-science").version == 1
    new = Capability.objects.get(slug="civic-tech")
    assert new.roles.get().role_level.slug == "developer"
    assert new.versions.get().changed_by == admin


def test_an_import_with_any_problem_saves_nothing(loaded: None, admin: User) -> None:
    current = {item.slug: item for item in table_capabilities()}
    changed = TableCapability(**{**current["partnerships"].__dict__, "benefits": "Shared costs."})
    clash = _table_row(slug="clash", name="Data science", row=9)
    with pytest.raises(CapabilityTableError) as caught:
        capability_model_import(rows=[_table_row(), changed, clash], changed_by=admin)
    assert caught.value.messages[0].startswith("Row 9: clash: ")
    assert not Capability.objects.filter(slug__in=["civic-tech", "clash"]).exists()
    assert Capability.objects.get(slug="partnerships").version == 1
    assert not AuditEvent.objects.filter(action__startswith="capability.").exists()
