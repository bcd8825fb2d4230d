"""The import pages in a browser's shoes: upload, report, templates, and the jobs settings."""

from __future__ import annotations

import csv
import datetime
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.jobs import import_services
from civictalent.jobs.imports import COLUMNS, parse_vacancies
from civictalent.jobs.models import (
    CouncilJobsSettings,
    ImportSource,
    Vacancy,
    VacancyImport,
    VacancyStatus,
)
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def csv_file(*references: str, name: str = "vacancies.csv", **values: str) -> SimpleUploadedFile:
    closes = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS))
    writer.writeheader()
    for reference in references:
        writer.writerow(
            {
                "reference": reference,
                "title": f"Service designer {reference}",
                "summary": "Design services with residents.",
                "description": "Research, prototype, test.",
                "salary_min": "45000",
                "salary_max": "50000",
                "location": "Hackney Town Hall",
                "closing_date": closes,
                "apply_url": f"https://jobs.example.gov.uk/{reference}",
                **values,
            }
        )
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def imports_url(slug: str = "hackney") -> str:
    return reverse("jobs:imports", kwargs={"slug": slug})


def test_an_editor_uploads_a_file_and_reads_the_report(people: dict[str, Any]) -> None:
    client = signed_in(people["editor_a"])

    response = client.post(imports_url(), {"file": csv_file("A-1", "A-2")}, follow=True)

    report = VacancyImport.objects.get()
    assert response.redirect_chain[-1][0] == reverse("jobs:import_report", kwargs={"pk": report.pk})
    assert report.source == ImportSource.UPLOAD
    assert report.started_by == people["editor_a"]
    assert report.created_count == 2
    assert set(Vacancy.objects.values_list("status", flat=True)) == {VacancyStatus.SUBMITTED}
    page = response.content.decode()
    assert "Import finished: 2 added" in page
    assert "Service designer A-2" in page
    assert "waiting for approval" in page

    history = client.get(imports_url()).content.decode()
    assert reverse("jobs:import_report", kwargs={"pk": report.pk}) in history
    assert "vacancies.csv" in history


def test_bad_rows_are_listed_with_their_row_and_reason(people: dict[str, Any]) -> None:
    client = signed_in(people["admin_a"])
    upload = csv_file("A-1", "A-2")
    content = upload.read().decode().replace("Service designer A-2", "", 1)
    bad = SimpleUploadedFile("vacancies.csv", content.encode(), content_type="text/csv")

    response = client.post(imports_url(), {"file": bad}, follow=True)

    page = response.content.decode()
    assert "Rows we could not import" in page
    assert "title is missing" in page
    report = VacancyImport.objects.get()
    assert (report.created_count, report.error_count) == (1, 1)
    assert report.rows[1]["row"] == 3


def test_a_full_list_upload_closes_withdrawn_vacancies(people: dict[str, Any]) -> None:
    client = signed_in(people["platform_admin"])
    client.post(imports_url(), {"file": csv_file("A-1", "A-2")})
    assert Vacancy.objects.filter(status=VacancyStatus.PUBLISHED).count() == 2

    client.post(imports_url(), {"file": csv_file("A-1"), "lists_all": "on"})

    assert Vacancy.objects.get(external_reference="A-2").status == VacancyStatus.CLOSED
    assert Vacancy.objects.get(external_reference="A-1").status == VacancyStatus.PUBLISHED


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("vacancies.docx", b"PK\x03\x04", content_type="application/zip"),
            "is not a CSV, JSON or XML file",
        ),
        (
            SimpleUploadedFile("vacancies.csv", b"MZ\x90", content_type="application/x-msdownload"),
            "is not a CSV, JSON or XML file",
        ),
        (SimpleUploadedFile("vacancies.csv", b"", content_type="text/csv"), "is empty"),
    ],
)
def test_wrong_type_or_empty_upload_is_refused_before_parsing(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch, upload: Any, message: str
) -> None:
    def must_not_parse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("parsed a file that should have been refused")

    monkeypatch.setattr(import_services, "parse_vacancies", must_not_parse)

    response = signed_in(people["editor_a"]).post(imports_url(), {"file": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VacancyImport.objects.exists()


def test_an_oversize_upload_is_refused_before_parsing(
    people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from civictalent.jobs import import_forms

    monkeypatch.setattr(import_forms, "MAX_UPLOAD_BYTES", 100)
    monkeypatch.setattr(import_services, "parse_vacancies", lambda *a, **k: 1 / 0)

    response = signed_in(people["editor_a"]).post(imports_url(), {"file": csv_file("A-1")})

    assert "Split the vacancies into smaller files" in response.content.decode()
    assert not VacancyImport.objects.exists()


def test_unsafe_xml_upload_gets_a_clear_error(people: dict[str, Any]) -> None:
    xxe = SimpleUploadedFile(
        "vacancies.xml",
        b'<?xml version="1.0"?><!DOCTYPE v [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<vacancies><vacancy><title>&x;</title></vacancy></vacancies>",
        content_type="application/xml",
    )

    response = signed_in(people["editor_a"]).post(imports_url(), {"file": xxe})

    page = response.content.decode()
    assert response.status_code == 200
    assert "declares a DTD or entities" in page
    assert "govuk-error-summary" in page
    assert not VacancyImport.objects.exists()


def test_another_councils_editor_cannot_import_or_read_a_report(
    people: dict[str, Any], make_user: Any, council_b: Organisation
) -> None:
    editor_b = make_user(organisation=council_b, role="editor")
    signed_in(people["platform_admin"]).post(imports_url(), {"file": csv_file("A-1")})
    report = VacancyImport.objects.get()
    client = signed_in(editor_b)

    assert client.post(imports_url(), {"file": csv_file("B-1")}).status_code == 403
    assert client.get(imports_url()).status_code == 403
    assert client.get(reverse("jobs:import_report", kwargs={"pk": report.pk})).status_code == 403
    assert VacancyImport.objects.count() == 1
    assert not Vacancy.objects.filter(external_reference="B-1").exists()
    # Their own council's page works.
    assert client.get(imports_url("greenwich")).status_code == 200


@pytest.mark.parametrize("file_format", ["csv", "json", "xml"])
def test_templates_download_and_parse(file_format: str) -> None:
    response = Client().get(reverse("jobs:import_template", kwargs={"file_format": file_format}))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    parsed = parse_vacancies(response.content, file_format)
    assert parsed.rows[0].ok


def test_an_unknown_template_is_not_found() -> None:
    url = reverse("jobs:import_template", kwargs={"file_format": "xlsx"})
    assert Client().get(url).status_code == 404


def test_json_template_is_an_object_with_vacancies() -> None:
    url = reverse("jobs:import_template", kwargs={"file_format": "json"})
    assert list(json.loads(Client().get(url).content)) == ["vacancies"]


def test_a_platform_admin_changes_a_councils_settings(
    people: dict[str, Any], council_a: Organisation
) -> None:
    url = reverse("jobs:settings", kwargs={"slug": "hackney"})
    client = signed_in(people["platform_admin"])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "feed_url": "https://jobs.example.gov.uk/feed.json",
            "feed_format": "json",
            "feed_enabled": "on",
        },
    )

    assert response.status_code == 302
    saved = CouncilJobsSettings.objects.get(organisation=council_a)
    assert saved.feed_enabled
    assert (saved.feed_url, saved.feed_format) == ("https://jobs.example.gov.uk/feed.json", "json")
    event = AuditEvent.objects.get(action="jobs_settings.updated")
    assert (event.actor, event.organisation) == (people["platform_admin"], council_a)
    assert event.changes["feed_url"] == ["", "https://jobs.example.gov.uk/feed.json"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"feed_url": "http://jobs.example.gov.uk/feed"}, "starting https://"),
        ({"feed_url": "https://me:pw@jobs.example.gov.uk/feed"}, "without a user name"),
        ({"feed_enabled": "on"}, "Enter the feed address, or untick"),
    ],
)
def test_settings_refuse_unsafe_or_missing_feed_addresses(
    people: dict[str, Any], data: dict[str, str], message: str
) -> None:
    url = reverse("jobs:settings", kwargs={"slug": "hackney"})

    response = signed_in(people["platform_admin"]).post(url, data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CouncilJobsSettings.objects.exists()


def test_fetching_now_reports_a_refused_address(
    people: dict[str, Any], council_a: Organisation
) -> None:
    url = reverse("jobs:settings", kwargs={"slug": "hackney"})

    response = signed_in(people["platform_admin"]).post(
        url, {"feed_url": "https://10.0.0.7/feed.json", "fetch": "1"}, follow=True
    )

    page = response.content.decode()
    assert "Saved, but the feed failed" in page
    assert "private or local address" in page
    assert "private or local address" in CouncilJobsSettings.objects.get().feed_last_error


def test_council_admins_cannot_change_their_own_settings(people: dict[str, Any]) -> None:
    url = reverse("jobs:settings", kwargs={"slug": "hackney"})
    response = signed_in(people["admin_a"]).post(
        url, {"feed_url": "https://attacker.example.org/feed.json", "feed_enabled": "on"}
    )
    assert response.status_code == 403
    assert not CouncilJobsSettings.objects.exists()
