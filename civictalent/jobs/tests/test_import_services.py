"""Importing a council's vacancies: create, update, leave alone, withdraw, and report each row."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.jobs.import_services import council_jobs_settings_update, vacancies_import
from civictalent.jobs.imports import COLUMNS
from civictalent.jobs.models import (
    CouncilJobsSettings,
    ImportSource,
    Vacancy,
    VacancyImport,
    VacancyOrigin,
    VacancyStatus,
)
from civictalent.organisations.models import Membership, Organisation

pytestmark = pytest.mark.django_db


def closing(days: int = 30) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def vacancy_row(reference: str, **values: Any) -> dict[str, Any]:
    return {
        "reference": reference,
        "title": f"Data analyst {reference}",
        "summary": "Help the council use its data well.",
        "description": "<p>You will build dashboards and coach colleagues.</p>",
        "salary_min": "40000",
        "salary_max": "45000",
        "contract": "permanent",
        "workplace": "hybrid",
        "hybrid_pattern": "Two days a week at the Town Hall",
        "location": "Hackney Town Hall",
        "closing_date": closing(),
        "apply_url": f"https://jobs.example.gov.uk/{reference}",
        **values,
    }


def as_csv(rows: list[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode()


def as_json(rows: list[dict[str, Any]]) -> bytes:
    return json.dumps({"vacancies": rows}).encode()


def as_xml(rows: list[dict[str, Any]]) -> bytes:
    from xml.sax.saxutils import escape

    parts = ["<vacancies>"]
    for row in rows:
        parts.append("<vacancy>")
        parts += [f"<{name}>{escape(str(value))}</{name}>" for name, value in row.items()]
        parts.append("</vacancy>")
    parts.append("</vacancies>")
    return "".join(parts).encode()


ENCODERS: dict[str, Callable[[list[dict[str, Any]]], bytes]] = {
    "csv": as_csv,
    "json": as_json,
    "xml": as_xml,
}


def run(
    organisation: Organisation,
    rows: list[dict[str, Any]],
    *,
    file_format: str = "csv",
    source: str = ImportSource.FEED,
    started_by: User | None = None,
    lists_all: bool = False,
) -> VacancyImport:
    return vacancies_import(
        organisation=organisation,
        data=ENCODERS[file_format](rows),
        file_format=file_format,
        source=source,
        started_by=started_by,
        filename=f"vacancies.{file_format}",
        lists_all=lists_all,
    )


def outcomes(report: VacancyImport) -> list[tuple[Any, str, str]]:
    return [(entry["row"], entry["reference"], entry["outcome"]) for entry in report.rows]


@pytest.mark.parametrize("file_format", ["csv", "json", "xml"])
def test_a_feed_creates_and_publishes_then_the_same_file_changes_nothing(
    council_a: Organisation, file_format: str
) -> None:
    rows = [vacancy_row("A-1"), vacancy_row("A-2", salary_min="", salary_max="", pay="£50k")]

    first = run(council_a, rows, file_format=file_format)

    assert (first.created_count, first.error_count) == (2, 0), first.rows
    vacancy = Vacancy.objects.get(organisation=council_a, external_reference="A-1")
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.origin == VacancyOrigin.IMPORT
    assert (vacancy.annual_min_pence, vacancy.annual_max_pence) == (4_000_000, 4_500_000)
    from_text = Vacancy.objects.get(external_reference="A-2")
    assert from_text.annual_min_pence == 5_000_000
    assert from_text.pay_text == "£50k"
    assert first.rows[0]["vacancy"] == vacancy.pk

    second = run(council_a, rows, file_format=file_format)

    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 2)
    assert Vacancy.objects.filter(organisation=council_a).count() == 2


def test_a_changed_row_updates_the_vacancy(council_a: Organisation) -> None:
    run(council_a, [vacancy_row("A-1"), vacancy_row("A-2")])

    report = run(council_a, [vacancy_row("A-1", title="Lead data analyst"), vacancy_row("A-2")])

    assert outcomes(report) == [(2, "A-1", "updated"), (3, "A-2", "unchanged")]
    vacancy = Vacancy.objects.get(external_reference="A-1")
    assert vacancy.title == "Lead data analyst"
    assert vacancy.status == VacancyStatus.PUBLISHED


def test_a_full_list_closes_withdrawn_imported_vacancies_only(
    council_a: Organisation, council_b: Organisation
) -> None:
    run(council_a, [vacancy_row("A-1"), vacancy_row("A-2")])
    run(council_b, [vacancy_row("A-2")])

    partial = run(council_a, [vacancy_row("A-1")])
    assert partial.closed_count == 0
    assert Vacancy.objects.get(organisation=council_a, external_reference="A-2").status == (
        VacancyStatus.PUBLISHED
    )

    full = run(council_a, [vacancy_row("A-1")], lists_all=True)

    assert full.closed_count == 1
    assert (None, "A-2", "closed") in outcomes(full)
    assert "Withdrawn" in full.rows[-1]["messages"][0]
    withdrawn = Vacancy.objects.get(organisation=council_a, external_reference="A-2")
    assert withdrawn.status == VacancyStatus.CLOSED
    # Another council's vacancy with the same reference is untouched.
    assert Vacancy.objects.get(organisation=council_b).status == VacancyStatus.PUBLISHED


def test_a_row_with_errors_is_not_withdrawn(council_a: Organisation) -> None:
    run(council_a, [vacancy_row("A-1"), vacancy_row("A-2")])

    report = run(council_a, [vacancy_row("A-1"), vacancy_row("A-2", title="")], lists_all=True)

    assert report.closed_count == 0
    assert report.error_count == 1
    assert Vacancy.objects.get(external_reference="A-2").status == VacancyStatus.PUBLISHED


def test_bad_rows_are_reported_and_good_rows_import(council_a: Organisation) -> None:
    rows = [
        vacancy_row("OK-1"),
        vacancy_row("BAD-TITLE", title=""),
        vacancy_row("BAD-DATE", closing_date="next Friday"),
        vacancy_row("BAD-PAY", salary_min="", salary_max="", pay="Competitive"),
        vacancy_row("BAD-ORDER", salary_min="50000", salary_max="40000"),
        vacancy_row("HOURLY", salary_min="18.50", salary_max="21"),
        vacancy_row("BAD-CONTRACT", contract="zero hours"),
        vacancy_row("PAST", closing_date="2020-01-01"),
        vacancy_row("NO-LINK", apply_url=""),
        vacancy_row("OK-2", description="<p>Good</p><script>alert('x')</script>"),
    ]

    report = run(council_a, rows)

    assert report.created_count == 2
    assert report.error_count == 8
    by_reference = {entry["reference"]: entry for entry in report.rows}
    expected = {
        "BAD-TITLE": (3, "title is missing"),
        "BAD-DATE": (4, "is not an ISO 8601 date"),
        "BAD-PAY": (5, "could not read an annual salary or a grade in 'Competitive'"),
        "BAD-ORDER": (6, "below the minimum"),
        "HOURLY": (7, "looks like an hourly rate"),
        "BAD-CONTRACT": (8, "contract 'zero hours' is not one we know"),
        "PAST": (9, "has passed. We only import open vacancies"),
        "NO-LINK": (10, "apply_url: Enter the web address"),
    }
    for reference, (number, reason) in expected.items():
        entry = by_reference[reference]
        assert entry["outcome"] == "error"
        assert entry["row"] == number
        assert any(reason in message for message in entry["messages"]), entry
    clean = Vacancy.objects.get(external_reference="OK-2")
    assert "script" not in clean.description_html
    assert "alert" not in clean.description_html
    assert "<p>Good</p>" in clean.description_html
    assert set(
        Vacancy.objects.filter(organisation=council_a).values_list("external_reference", flat=True)
    ) == {"OK-1", "OK-2"}


def test_a_past_closing_date_closes_an_existing_vacancy(council_a: Organisation) -> None:
    run(council_a, [vacancy_row("A-1")])
    past = (timezone.now() - datetime.timedelta(hours=1)).isoformat()

    report = run(council_a, [vacancy_row("A-1", closing_date=past)])

    assert outcomes(report) == [(2, "A-1", "closed")]
    assert Vacancy.objects.get(external_reference="A-1").status == VacancyStatus.CLOSED

    again = run(council_a, [vacancy_row("A-1", closing_date=past)])
    assert outcomes(again) == [(2, "A-1", "unchanged")]

    reopened = run(council_a, [vacancy_row("A-1")])
    assert reopened.error_count == 1
    assert "give it a new reference" in reopened.rows[0]["messages"][0]


def test_an_editors_upload_goes_to_the_moderators(
    people: dict[str, Any], council_a: Organisation
) -> None:
    report = run(
        council_a, [vacancy_row("A-1")], source=ImportSource.UPLOAD, started_by=people["editor_a"]
    )

    assert report.rows[0]["status"] == VacancyStatus.SUBMITTED
    vacancy = Vacancy.objects.get(external_reference="A-1")
    assert vacancy.status == VacancyStatus.SUBMITTED
    assert vacancy.created_by == people["editor_a"]


def test_an_admin_of_a_council_that_approves_its_own_publishes_directly(
    people: dict[str, Any], council_a: Organisation
) -> None:
    CouncilJobsSettings.objects.create(organisation=council_a, approval_route="council")

    by_admin = run(
        council_a, [vacancy_row("A-1")], source=ImportSource.UPLOAD, started_by=people["admin_a"]
    )
    by_editor = run(
        council_a, [vacancy_row("A-2")], source=ImportSource.UPLOAD, started_by=people["editor_a"]
    )

    assert by_admin.rows[0]["status"] == VacancyStatus.PUBLISHED
    # Only its admins and named publishers approve the council's adverts (jobs.publish_vacancy).
    assert by_editor.rows[0]["status"] == VacancyStatus.SUBMITTED
    assert Vacancy.objects.get(external_reference="A-1").self_published


def test_a_named_publishers_upload_is_published_directly(
    people: dict[str, Any], council_a: Organisation
) -> None:
    CouncilJobsSettings.objects.create(organisation=council_a, approval_route="council")
    Membership.objects.filter(user=people["editor_a"]).update(is_publisher=True)

    report = run(
        council_a, [vacancy_row("A-1")], source=ImportSource.UPLOAD, started_by=people["editor_a"]
    )

    assert report.rows[0]["status"] == VacancyStatus.PUBLISHED


def test_another_councils_editor_cannot_import(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    editor_b = make_user(organisation=council_b, role="editor")

    with pytest.raises(PermissionDenied):
        run(council_a, [vacancy_row("A-1")], source=ImportSource.UPLOAD, started_by=editor_b)

    assert not Vacancy.objects.exists()
    assert not VacancyImport.objects.exists()


def test_a_file_that_cannot_be_read_saves_nothing(council_a: Organisation) -> None:
    with pytest.raises(ValidationError) as caught:
        vacancies_import(
            organisation=council_a,
            data=b"<!DOCTYPE x [<!ENTITY a 'b'>]><vacancies/>",
            file_format="xml",
            source=ImportSource.FEED,
        )

    assert "DTD or entities" in caught.value.messages[0]
    assert not VacancyImport.objects.exists()


def test_a_role_level_slug_is_used_and_an_unknown_one_is_an_error(
    council_a: Organisation,
) -> None:
    from civictalent.framework.services import framework_load_starter

    framework_load_starter()

    report = run(
        council_a,
        [
            vacancy_row("A-1", role_level="senior-data-analyst"),
            vacancy_row("A-2", role_level="chief-wizard"),
        ],
    )

    assert Vacancy.objects.get(external_reference="A-1").role_level.slug == "senior-data-analyst"  # type: ignore[union-attr]
    assert report.rows[1]["outcome"] == "error"
    assert "'chief-wizard' is not a role level" in report.rows[1]["messages"][0]


def test_pay_as_a_grade_resolves_and_stays_unchanged(council_a: Organisation) -> None:
    from civictalent.salaries.payscales import payscales_load_demo

    payscales_load_demo()
    rows = [vacancy_row("A-1", salary_min="", salary_max="", pay="PO4")]

    first = run(council_a, rows)
    second = run(council_a, rows)

    assert first.created_count == 1, first.rows
    vacancy = Vacancy.objects.get(external_reference="A-1")
    assert vacancy.grade == "PO4"
    assert vacancy.annual_min_pence is not None
    assert second.unchanged_count == 1, second.rows


def test_ignored_columns_are_noted(council_a: Organisation) -> None:
    data = as_csv([vacancy_row("A-1")]).replace(b"role_level\r\n", b"role_level,colour\r\n", 1)

    report = vacancies_import(
        organisation=council_a, data=data, file_format="csv", source=ImportSource.FEED
    )

    assert report.rows[0]["outcome"] == "note"
    assert "colour" in report.rows[0]["messages"][0]
    assert report.created_count == 1


def test_the_command_prints_the_documented_json(
    council_a: Organisation, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    path = tmp_path / "hackney.csv"
    path.write_bytes(as_csv([vacancy_row("A-1"), vacancy_row("A-2", title="")]))

    call_command("import_vacancies", str(path), "--council", "hackney", "--json")

    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"import", "council", "file", "format", "lists_all", "counts", "rows"}
    assert payload["council"] == "hackney"
    assert payload["format"] == "csv"
    assert payload["counts"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "closed": 0,
        "errors": 1,
    }
    first, second = payload["rows"]
    assert set(first) == {"row", "reference", "title", "outcome", "status", "vacancy", "messages"}
    assert (first["outcome"], first["status"]) == ("created", "published")
    assert first["vacancy"] == Vacancy.objects.get(external_reference="A-1").pk
    assert (second["row"], second["outcome"]) == (3, "error")
    assert "title is missing" in second["messages"][0]


def test_the_command_says_what_is_wrong(council_a: Organisation, tmp_path: Any) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="no council with the slug 'nowhere'"):
        call_command("import_vacancies", str(tmp_path / "x.csv"), "--council", "nowhere")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_vacancies", str(tmp_path / "missing.csv"), "--council", "hackney")
    odd = tmp_path / "vacancies.txt"
    odd.write_text("reference,title\n")
    with pytest.raises(CommandError, match="Cannot tell the format"):
        call_command("import_vacancies", str(odd), "--council", "hackney")
    with pytest.raises(CommandError, match="no closing_date column"):
        call_command("import_vacancies", str(odd), "--council", "hackney", "--format", "csv")


def test_the_command_prints_a_human_summary(
    council_a: Organisation, tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    path = tmp_path / "hackney.json"
    path.write_bytes(as_json([vacancy_row("A-1", contract="zero hours")]))

    call_command("import_vacancies", str(path), "--council", "hackney")

    out = capsys.readouterr().out
    assert "0 created" in out
    assert "Error: Row 1 (A-1): contract 'zero hours' is not one we know" in out


# --------------------------------------------------------------------------------------------
# The council's jobs settings


def test_changing_a_councils_jobs_settings_is_audited_with_what_changed(
    people: dict[str, Any], council_a: Organisation
) -> None:
    admin = people["platform_admin"]
    settings: dict[str, Any] = {
        "feed_url": "https://jobs.example.gov.uk/feed.xml",
        "feed_format": "xml",
        "feed_enabled": True,
    }

    council_jobs_settings_update(organisation=council_a, actor=admin, **settings)
    council_jobs_settings_update(organisation=council_a, actor=admin, **settings)
    council_jobs_settings_update(
        organisation=council_a, actor=admin, **{**settings, "feed_enabled": False}
    )

    saved = CouncilJobsSettings.objects.get(organisation=council_a)
    assert (saved.feed_format, saved.feed_enabled) == ("xml", False)
    first, second = AuditEvent.objects.filter(action="jobs_settings.updated").order_by("pk")
    assert first.changes == {
        "feed_url": ["", "https://jobs.example.gov.uk/feed.xml"],
        "feed_format": ["", "xml"],
        "feed_enabled": [False, True],
    }
    assert second.changes == {"feed_enabled": [True, False]}
    assert (second.actor, second.organisation, second.target_id) == (
        admin,
        council_a,
        str(saved.pk),
    )
    assert second.summary == (
        f"{admin.email} changed feed_enabled of the jobs settings of {council_a.short_name}"
    )


def test_only_platform_admins_change_jobs_settings_and_a_feed_needs_an_address(
    people: dict[str, Any], council_a: Organisation
) -> None:
    with pytest.raises(PermissionDenied):
        council_jobs_settings_update(
            organisation=council_a,
            actor=people["admin_a"],
            feed_url="",
            feed_format="",
            feed_enabled=False,
        )
    with pytest.raises(ValidationError, match="Enter the feed address"):
        council_jobs_settings_update(
            organisation=council_a,
            actor=people["platform_admin"],
            feed_url="",
            feed_format="",
            feed_enabled=True,
        )
    assert not CouncilJobsSettings.objects.exists()
    assert not AuditEvent.objects.filter(action="jobs_settings.updated").exists()
