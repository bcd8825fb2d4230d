"""Migrations work forwards from an empty database and from the previous release's schema, with
the previous release's data surviving; and no model change is missing a migration.

The previous release's leaf migrations are recorded in tests/data/previous_release_migrations.json
(see its note for how to refresh it at each release). Both tests leave the database fully
migrated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.alerts.models import AlertSubscription
from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.jdlibrary.models import HealthRecord, RescoreRun
from civictalent.jobs.models import Vacancy
from civictalent.organisations.models import Membership, Organisation

PREVIOUS_RELEASE = Path(__file__).parent / "data" / "previous_release_migrations.json"

pytestmark = pytest.mark.django_db(transaction=True)

Node = tuple[str, str]


def latest_nodes() -> list[Node]:
    return sorted(MigrationExecutor(connection).loader.graph.leaf_nodes())


def migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()  # what is applied now, after any earlier migrate
    executor.migrate(targets)


@pytest.fixture
def leave_fully_migrated() -> Iterator[None]:
    yield
    migrate(latest_nodes())  # even if the test failed part way, later tests need every table


def applied() -> set[Node]:
    executor = MigrationExecutor(connection)
    return set(executor.loader.applied_migrations or {})


def table_names() -> set[str]:
    return set(connection.introspection.table_names())


def test_forwards_from_an_empty_database(leave_fully_migrated: None) -> None:
    """Every Civic Talent app (and whatever builds on it, such as the admin's log and allauth's
    tables) back to zero, then forwards to the latest. Some third-party apps' own migrations
    cannot be reversed (django-tasks-db's), so those stay; pytest-django's fresh test database
    already runs every migration forwards from nothing."""
    latest = latest_nodes()
    ours = json.loads(PREVIOUS_RELEASE.read_text())["leaf_nodes"]

    migrate([(app, None) for app in sorted(ours)])  # back to an empty database

    assert not {node for node in applied() if node[0] in ours}
    assert not {"organisations_organisation", "jobs_vacancy", "core_outboundemail"} & (
        table_names()
    )

    migrate(latest)

    assert set(latest) <= applied()
    assert {"organisations_organisation", "jobs_vacancy", "core_outboundemail"} <= table_names()
    assert Organisation.objects.filter(slug="hackney").exists(), "the data migrations ran"
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    assert "No changes detected" in out.getvalue()


def test_the_previous_release_schema_and_its_data_migrate_forwards(
    leave_fully_migrated: None,
) -> None:
    recorded = json.loads(PREVIOUS_RELEASE.read_text())
    previous: list[Node] = sorted(recorded["leaf_nodes"].items())
    graph = MigrationExecutor(connection).loader.graph
    for node in previous:
        assert node in graph.nodes, f"{node} of release {recorded['release']} is gone"
    for node in latest_nodes():
        if node[0] in recorded["leaf_nodes"]:
            ancestor = (node[0], recorded["leaf_nodes"][node[0]])
            assert ancestor in graph.forwards_plan(node), f"{node} does not follow {ancestor}"

    migrate(list(previous))  # back to the previous release's schema
    executor = MigrationExecutor(connection)
    old = executor.loader.project_state(list(previous)).apps

    # Representative rows, written as the previous release would have written them.
    now = timezone.now()
    council = old.get_model("organisations", "Organisation").objects.create(
        name="Old Release Borough Council",
        short_name="Old Release",
        slug="old-release",
        kind="london_borough",
    )
    person = old.get_model("accounts", "User").objects.create(
        email="old-release@example.org", password="!", display_name="Old Release Person"
    )
    old.get_model("organisations", "Membership").objects.create(
        user=person, organisation=council, role="editor"
    )
    old.get_model("jobs", "Vacancy").objects.create(
        organisation=council,
        title="Old release data analyst",
        summary="Kept.",
        status="published",
        published_at=now,
        closes_at=now + timedelta(days=14),
        annual_min_pence=40_000_00,
        annual_max_pence=45_000_00,
        # Before the rich-text model: each bullet a paragraph that starts "- ".
        description_html="<h2>Duties</h2><p>- Lead analysis</p><p>- Build dashboards</p>",
    )
    old.get_model("alerts", "AlertSubscription").objects.create(
        email="old-reader@example.org",
        query_string="q=analyst",
        frequency="weekly",
        secret="s" * 43,
        verified_at=now,
        last_sent_at=now,
    )
    old.get_model("core", "OutboundEmail").objects.create(
        to="old-reader@example.org",
        subject="Waiting",
        body_text="Still to send.\n",
        idempotency_key="old-release:1",
    )
    old.get_model("core", "AuditEvent").objects.create(
        actor=person,
        action="old.release",
        organisation=council,
        target_type="vacancy",
        target_id="1",
        summary="Written by the previous release",
    )

    # The health check's records of library JDs, which later moved to the library app.
    old_jd = old.get_model("jdlibrary", "JobDescription").objects.create(
        organisation=council, title="Old release data analyst"
    )
    old.get_model("jdlibrary", "JDSection").objects.create(
        job_description=old_jd,
        position=1,
        kind="responsibilities",
        heading="Duties",
        text="You will:\n\u2022 lead analysis\n* build dashboards\n1) report monthly",
    )
    old.get_model("healthcheck", "HealthRecord").objects.create(
        job_description=old_jd,
        organisation=council,
        jd_version=1,
        rules_version="old-rules",
        score=72,
        category_scores={"pay": 100},
        finding_count=3,
    )
    old.get_model("healthcheck", "RescoreRun").objects.create(
        requested_by=person, rules_version="old-rules", total=1, done=1
    )

    migrate(latest_nodes())

    assert set(latest_nodes()) <= applied()
    record = HealthRecord.objects.get(rules_version="old-rules")
    assert (record.job_description.title, record.score, record.category_scores) == (
        "Old release data analyst",
        72,
        {"pay": 100},
    )
    assert RescoreRun.objects.get(rules_version="old-rules").requested_by.email == (
        "old-release@example.org"
    )
    council_now = Organisation.objects.get(slug="old-release")
    person_now = User.objects.get(email="old-release@example.org")
    assert Membership.objects.get(user=person_now).organisation == council_now
    vacancy = Vacancy.objects.get(title="Old release data analyst")
    assert (vacancy.organisation, vacancy.status) == (council_now, "published")
    # Stored descriptions became the Markdown subset, and their "- " paragraphs real lists.
    assert vacancy.description == "## Duties\n\n- Lead analysis\n- Build dashboards"
    assert vacancy.description_html == (
        "<h2>Duties</h2><ul><li>Lead analysis</li><li>Build dashboards</li></ul>"
    )
    assert record.job_description.sections.get().text == (
        "You will:\n\n- lead analysis\n- build dashboards\n1. report monthly"
    )
    assert AlertSubscription.objects.get(email="old-reader@example.org").query_string == (
        "q=analyst"
    )
    waiting = OutboundEmail.objects.get(idempotency_key="old-release:1")
    assert (waiting.status, waiting.body_text) == (OutboundEmail.Status.READY, "Still to send.\n")
    assert AuditEvent.objects.get(action="old.release").actor == person_now
