"""The health check where anyone uses it: the checker page, the command and the API. (The
health of library JDs, their reports, scores and re-scoring, is tested with the library.)"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from civictalent.healthcheck.engine import check

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


def test_the_summary_comes_first_leads_with_what_must_change_and_says_what_caps_the_score() -> None:
    advert = ADVERT.replace("Salary: £38,000 to £42,000 a year including London weighting, ", "")
    advert = advert.replace("You will build", "We are a young and dynamic team. You will build")
    html = Client().post("/health-check/", {"text": advert}).content.decode()
    summary = html.index('id="health-check-summary"')
    assert summary < html.index('id="checker-form"')  # above the form, not 1,200 px down
    assert "data-app-focus-on-load" in html[summary : summary + 300]
    assert "js/focus-on-load.mjs" in html
    block = html[summary : html.index("</div>", html.index("app-result-summary__fixes"))]
    fixes = re.findall(r'<li><strong class="govuk-tag [^"]+">([^<]+)</strong> <a', block)
    assert fixes[0] == "Must change"
    assert fixes == sorted(fixes, key=["Must change", "Fix this", "Consider changing"].index)
    assert len(fixes) == 3
    for number in re.findall(r'href="#finding-(\d+)"', block):
        assert f'id="finding-{number}"' in html
    assert "Protected characteristic: age (Equality Act 2010)" in block
    assert "Pay is missing, so the score cannot go above 60 until you add the salary." in block
    assert len(re.findall(r"<h2[^>]*>Score: ", html)) == 1  # the report below does not repeat it


def test_a_fix_says_what_changed_and_what_still_caps_the_score() -> None:
    advert = ADVERT.replace("Salary: £38,000 to £42,000 a year including London weighting, ", "")
    before = check(advert)
    swap = next(f for f in before.findings if f.excerpt == "utilise")
    html = (
        Client()
        .post(
            "/health-check/",
            {
                "text": advert,
                "previous_score": str(before.score),
                "apply": f"{swap.rule}:{swap.start}:{swap.end}",
            },
        )
        .content.decode()
    )
    after = check(advert.replace("utilise", "use")).score
    summary = html[html.index('id="health-check-summary"') :]
    assert (
        f"Suggestion applied: you replaced “utilise” with “use”. The score went from "
        f"{before.score} to {after}."
    ) in summary
    assert "Pay is missing, so the score cannot go above 60 until you add the salary." in summary


def test_the_most_important_fixes_are_ranked_by_severity_then_by_what_they_are_worth() -> None:
    from civictalent.healthcheck.presentation import result_summary

    report = check("The postholder will utilise data. You must be a native English speaker.")
    summary = result_summary(report)
    rules = [item.finding.rule for item in summary.fixes]
    assert rules[0] == "inclusive.native_speaker"  # must change first
    assert rules[1] == "pay.no_pay_figure"  # then the error, which lifts the cap
    assert len(set(rules)) == len(rules) == 3  # one of each kind
    assert summary.capped == (summary.uncapped > 60)
