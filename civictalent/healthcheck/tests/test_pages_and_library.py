"""The health check where people use it: the checker page, JD reports with one-click
suggestions, scores in the library, a council's scores over time, re-scoring, the command and
the API."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.healthcheck.engine import check
from civictalent.healthcheck.models import HealthRecord, RescoreRun
from civictalent.healthcheck.services import (
    health_check_jd,
    jd_checked_text,
    rescore_library,
    rules_version,
    stale_job_descriptions,
)
from civictalent.jdlibrary import services as jd_services
from civictalent.jdlibrary.models import JobDescription
from civictalent.jdlibrary.services import SectionInput
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db

ADVERT = """Data Analyst

Salary: £38,000 to £42,000 a year including London weighting, 36 hours a week

About the role
The postholder will utilise data to help residents. You will build dashboards with managers.

What we offer
Flexible and hybrid working, two days a week in our Hackney office.

How to apply
Apply by 1 March 2027 on our recruitment site. We make reasonable adjustments.
"""


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def score_on(html: str) -> int:
    found = re.search(r"Score: (\d+) out of 100", html)
    assert found, "no score on the page"
    return int(found.group(1))


def test_the_checker_scores_pasted_text_and_marks_findings_not_by_colour_alone() -> None:
    response = Client().post("/health-check/", {"text": ADVERT})
    assert response.status_code == 200
    html = response.content.decode()
    assert score_on(html) == check(ADVERT).score
    # The wording is marked, with the finding's number after it and a severity tag in words.
    assert '<mark class="app-finding app-finding--warning">The postholder</mark>' in html
    assert re.search(
        r'<sup class="app-finding__ref">\[<a class="govuk-link" href="#finding-\d+">', html
    )
    assert "Consider changing" in html
    assert "Why we check this:" in html
    # Every category is listed with its score.
    for label in ("Pay transparency", "Inclusive language", "Plain English", "Structure"):
        assert label in html


def test_apply_suggestion_swaps_the_wording_and_the_score_moves() -> None:
    before = check(ADVERT)
    swap = next(f for f in before.findings if f.rule == "plain_english.third_person_reader")
    response = Client().post(
        "/health-check/",
        {
            "text": ADVERT.replace("\n", "\r\n"),  # as a browser sends a textarea
            "previous_score": str(before.score),
            "apply": f"{swap.rule}:{swap.start}:{swap.end}",
        },
    )
    html = response.content.decode()
    assert "You will utilise data" in html  # the swap kept the capital letter
    after = score_on(html)
    assert after > before.score
    assert f"The score went from {before.score} to {after}." in html


def test_a_stale_suggestion_is_refused_with_a_clear_message() -> None:
    html = (
        Client()
        .post(
            "/health-check/",
            {"text": "Hello there.", "apply": "plain_english.third_person_reader:0:5"},
        )
        .content.decode()
    )
    assert "no longer matches rule plain_english.third_person_reader" in html
    assert "Score:" in html  # the text is still checked


def test_uploading_a_word_document_reports_its_layout_and_pictures() -> None:
    from docx import Document

    document = Document()
    document.add_heading("Data Analyst", level=1)
    document.add_paragraph("Salary: £40,000 a year.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Grade"
    table.cell(0, 1).text = "PO3"
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile(
        "advert.docx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    html = Client().post("/health-check/", {"document": upload}).content.decode()
    assert "Score:" in html
    assert "Data Analyst" in html  # the file's text is in the box, ready to edit


def test_bad_input_gets_a_clear_error_and_no_report() -> None:
    empty = Client().post("/health-check/", {"text": "   "}).content.decode()
    assert "Paste the text of a job advert, or upload a file." in empty
    assert "Score:" not in empty
    fake = SimpleUploadedFile("advert.docx", b"MZ\x90\x00 not a word file", "application/msword")
    refused = Client().post("/health-check/", {"document": fake}).content.decode()
    assert "There is a problem" in refused and "Score:" not in refused


def test_a_pdf_without_a_text_layer_is_a_finding_not_an_error() -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = SimpleUploadedFile("scan.pdf", buffer.getvalue(), "application/pdf")
    html = Client().post("/health-check/", {"document": upload}).content.decode()
    assert "Score: 0 out of 100" in html or "capped at 20" in html


@pytest.fixture
def editor(make_user: Callable[..., User], council_a: Organisation) -> User:
    framework_load_starter()
    return make_user(organisation=council_a, role=Role.EDITOR)


def make_jd(
    editor: User, council: Organisation, text: str = "The postholder will utilise SQL."
) -> JobDescription:
    return jd_services.jd_create(
        organisation=council,
        author=editor,
        title="Data analyst",
        sections=[SectionInput(kind="purpose", heading="About the role", text=text)],
        pay_text="£40,000 - £45,000 per annum",
    )


def test_every_saved_version_is_scored_and_recorded(editor: User, council_a: Organisation) -> None:
    jd = make_jd(editor, council_a)
    assert jd.health_score is not None
    first = HealthRecord.objects.get(job_description=jd)
    assert (first.jd_version, first.rules_version, first.score) == (
        1,
        rules_version(),
        jd.health_score,
    )
    assert first.category_scores.keys() == check("").categories.keys()
    jd_services.jd_update(
        jd=jd,
        author=editor,
        sections=[SectionInput(kind="purpose", heading="About the role", text="You will use SQL.")],
    )
    assert HealthRecord.objects.filter(job_description=jd).count() == 2
    # Checking the same version again under the same rules adds nothing.
    health_check_jd(JobDescription.objects.get(pk=jd.pk))
    assert HealthRecord.objects.filter(job_description=jd).count() == 2


def test_an_editor_applies_a_suggestion_to_a_jd_as_a_new_version(
    editor: User, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    jd = make_jd(editor, council_a)
    checked = jd_checked_text(jd)
    from civictalent.healthcheck.engine import check as run_check

    swap = next(
        f
        for f in run_check(checked.text, checked.facts).findings
        if f.rule == "plain_english.third_person_reader"
    )
    client = signed_in(editor)
    report = client.get(f"/health-check/library/{jd.pk}/").content.decode()
    assert f"Score: {jd.health_score} out of 100" in report
    assert f'value="{swap.rule}:{swap.start}:{swap.end}"' in report
    response = client.post(
        f"/health-check/library/{jd.pk}/apply/",
        {"apply": f"{swap.rule}:{swap.start}:{swap.end}"},
        follow=True,
    )
    jd.refresh_from_db()
    assert jd.version == 2
    assert jd.sections.get().text == "You will utilise SQL."
    assert "Suggestion applied as version 2" in response.content.decode()
    # Someone who may read but not edit sees no buttons and cannot apply.
    reader = signed_in(make_user(organisation=council_a))
    jd_services.jd_publish(jd=jd, author=editor, visibility="council")
    assert 'name="apply"' not in reader.get(f"/health-check/library/{jd.pk}/").content.decode()
    assert (
        reader.post(f"/health-check/library/{jd.pk}/apply/", {"apply": "x:1:2"}).status_code == 403
    )


def test_a_suggestion_outside_the_sections_is_explained(
    editor: User, council_a: Organisation
) -> None:
    jd = make_jd(editor, council_a)
    client = signed_in(editor)
    response = client.post(
        f"/health-check/library/{jd.pk}/apply/",
        {"apply": "plain_english.third_person_reader:0:4"},
        follow=True,
    )
    assert "change it on the edit page" in response.content.decode()
    jd.refresh_from_db()
    assert jd.version == 1


def test_scores_show_in_the_library_and_the_councils_page(
    editor: User, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    jd = make_jd(editor, council_a)
    client = signed_in(editor)
    detail = client.get(f"/library/{jd.pk}/").content.decode()
    assert f"{jd.health_score} out of 100" in detail
    review = client.get(f"/library/{jd.pk}/review/").content.decode()
    assert f"Health check: {jd.health_score} out of 100" in review
    scores = client.get(f"/health-check/councils/{council_a.pk}/").content.decode()
    assert "Scores over time" in scores and "Data analyst" in scores
    assert f"Average score {jd.health_score} out of 100" in scores


def test_rescoring_checks_only_what_is_stale_and_records_progress(
    editor: User,
    council_a: Organisation,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    jd = make_jd(editor, council_a)
    assert not stale_job_descriptions().exists()
    HealthRecord.objects.all().delete()
    JobDescription.objects.filter(pk=jd.pk).update(health_score=None)
    assert stale_job_descriptions().count() == 1
    admin = make_user(platform_admin=True, with_authenticator=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(admin).post("/health-check/rescore/", follow=True)
    assert "Re-scoring has started" in response.content.decode()
    run = RescoreRun.objects.get()
    assert (run.total, run.done, run.finished_at is not None) == (1, 1, True)
    assert not stale_job_descriptions().exists()
    assert rescore_library().total == 0  # a second run has nothing to do


def test_check_jd_command_prints_the_stable_json_shape(tmp_path: Path) -> None:
    advert = tmp_path / "advert.md"
    advert.write_text(ADVERT, encoding="utf-8")
    out = io.StringIO()
    call_command("check_jd", str(advert), "--json", stdout=out)
    payload = json.loads(out.getvalue())
    assert set(payload) == {"score", "categories", "findings"}
    assert payload["score"] == check(ADVERT).score
    assert set(payload["categories"]["pay"]) == {"label", "score", "findings"}
    assert set(payload["findings"][0]) == {
        "rule",
        "category",
        "severity",
        "message",
        "suggestion",
        "start",
        "end",
        "excerpt",
    }
    finding = payload["findings"][0]
    assert ADVERT[finding["start"] : finding["end"]] == finding["excerpt"]


def test_check_jd_reads_standard_input_through_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "civictalent.cli", "check-jd", "-", "--json"],
        input=ADVERT.encode(),
        capture_output=True,
        check=True,
        env={**__import__("os").environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert json.loads(result.stdout)["score"] == check(ADVERT).score


def test_check_jd_refuses_a_missing_file_clearly() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Cannot read"):
        call_command("check_jd", "/no/such/advert.docx")


def test_the_api_returns_the_same_report() -> None:
    response = Client().post(
        "/api/health-check/check", json.dumps({"text": ADVERT}), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json() == check(ADVERT).as_json()
    too_long = Client().post(
        "/api/health-check/check",
        json.dumps({"text": "x" * 100_001}),
        content_type="application/json",
    )
    assert too_long.status_code == 422
