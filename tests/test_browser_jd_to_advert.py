"""From a real Word job description to a published advert, in a real browser under the site's
Content Security Policy, with axe-core on every page.

A Hackney editor uploads the Government Digital Service's generic business analyst JD (a Word
file from shared/datasets/jds/gds/), says its terms on the library's review page, sees London's
pay for the role level on the JD page, starts an advert from it (the form is filled from the JD:
title, role level, pay, hours, working pattern, hybrid arrangement, location, a summary of whole
sentences and the sections as rich text with real lists), adds a bullet with the formatting
buttons by keyboard, saves it and sees the pay context on the draft. Once published, the public
page shows every duty of the JD as a list item, not as a paragraph starting "- ".

With CIVICTALENT_SCREENSHOTS=/some/folder set, each page is also saved there at 1280 and 390
pixels wide, for a person to look at.
"""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs.approval import approves_own
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell
from conftest import require
from tests.browser import StrictAudit, strict_context
from tests.every_page import session_cookie

pytestmark = pytest.mark.browser

JD_FILE = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "datasets"
    / "jds"
    / "gds"
    / ("Businessanalyst-generic.docx")
)
SCREENSHOTS = os.environ.get("CIVICTALENT_SCREENSHOTS", "")
TERMS = "Full time, 36 hours a week. Hybrid: two days a week in Hackney Town Hall"
PAY = "£45,000 - £52,000 per annum"


def screenshot(page: Any, name: str) -> None:
    """Save the page at desktop and phone widths when CIVICTALENT_SCREENSHOTS is set."""
    if not SCREENSHOTS:
        return
    folder = Path(SCREENSHOTS)
    folder.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def london_benchmark(level: RoleLevel) -> None:
    """London's precomputed cell for the level: 12 salaries from 6 councils, middle half
    £40,000 to £44,000 (so the advert's middle, £48,500, is above the 75th percentile)."""
    figures = {
        measure: {
            "p10": base,
            "p25": base + 200_000,
            "p50": base + 400_000,
            "p75": base + 600_000,
            "p90": base + 800_000,
        }
        for measure, base in (("min", 3_600_000), ("mid", 3_800_000), ("max", 4_000_000))
    }
    BenchmarkCell.objects.create(
        subject=f"role_level:{level.pk}",
        geography="london",
        period="last12",
        count=12,
        councils=6,
        largest_council_share=Decimal("0.25"),
        stats=figures,
    )


def duties_of(jd: JobDescription) -> list[str]:
    section = jd.sections.get(kind="responsibilities")
    return [line[2:] for line in section.text.splitlines() if line.startswith("- ")]


@pytest.mark.django_db(transaction=True)
def test_a_word_jd_becomes_an_advert_with_real_lists_and_its_terms(
    live_server: Any,
    browser: Any,
    people: dict[str, User | None],
    council_a: Organisation,
) -> None:
    require(JD_FILE.exists(), f"the GDS job descriptions are not at {JD_FILE.parent}")
    framework_load_starter()
    level = RoleLevel.objects.get(framework__is_default=True, name="Business analyst")
    london_benchmark(level)
    editor, admin = people["editor_a"], people["admin_a"]
    assert editor is not None and admin is not None
    base = live_server.url
    audit = StrictAudit()
    # Hackney's council admin chooses, once, that Hackney approves its own adverts.
    admin_context = strict_context(browser, base, session_cookie(admin))
    admin_page = audit.watch(admin_context.new_page())
    admin_page.goto(base + "/dashboard/")
    audit.check(admin_page, "council admin's dashboard")
    admin_page.get_by_role("link", name="Choose who approves your council's adverts").click()
    admin_page.wait_for_url("**/jobs/councils/hackney/approval/")
    audit.check(admin_page, "how adverts are approved")
    admin_page.get_by_label(
        "Our council admins and named publishers approve them", exact=False
    ).check()
    admin_page.get_by_role("button", name="Save").click()
    admin_page.wait_for_load_state("load")
    assert approves_own(council_a.pk), "Hackney now approves its own adverts"
    screenshot(admin_page, "approval-route")

    context = strict_context(browser, base, session_cookie(editor))
    page = audit.watch(context.new_page())

    # Upload the Word file to the library and say its terms.
    page.goto(base + "/library/contribute/")
    page.get_by_label("Upload the job description").set_input_files(str(JD_FILE))
    page.get_by_label("Salary as advertised").fill(PAY)
    page.get_by_role("button", name="Read the job description").click()
    page.wait_for_url("**/review/")
    audit.check(page, "review")
    assert page.locator("markdown-toolbar").first.is_visible(), "the editor's buttons show"
    page.get_by_label("Role level").select_option(label="Business analyst (Business analyst)")
    page.get_by_label("Working pattern").fill(TERMS)
    page.get_by_label("Location").fill("Hackney Town Hall, Mare Street")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/library/*/")
    jd = JobDescription.objects.get()
    duties = duties_of(jd)
    assert len(duties) >= 6, jd.sections.get(kind="responsibilities").text

    # The JD page: sections with real lists, and London's pay for the level.
    audit.check(page, "JD page")
    assert page.locator("li", has_text=duties[1]).count() >= 1
    pay_panel = page.locator("section.app-pay-context")
    assert "£42,000" in pay_panel.inner_text() and "above the London 75th percentile" in (
        pay_panel.inner_text()
    )
    screenshot(page, "jd-page")

    # Start an advert from it: the form is filled from the JD.
    page.get_by_role("button", name="Advertise a vacancy from this one").click()
    page.wait_for_url("**/jobs/new/?from_jd=*")
    audit.check(page, "new vacancy from a JD")
    # The grade written after the title in the Word file ("Business Analyst \u2013 B2") is the grade.
    assert page.get_by_label("Job title").input_value() == "Business Analyst"
    assert page.get_by_label("Or the council's grade").input_value() == "B2"
    assert page.get_by_label("Minimum salary (£ a year)").input_value() == "45000"
    assert page.get_by_label("Maximum salary (£ a year)").input_value() == "52000"
    assert page.get_by_label("Hours a week (optional)").input_value() == "36"
    assert page.get_by_label("Full time").is_checked()
    assert page.get_by_label("Hybrid", exact=True).is_checked()
    assert page.get_by_label("Hybrid pattern (for hybrid jobs)").input_value() == (
        "Two days a week in Hackney Town Hall"
    )
    assert page.get_by_label("Location", exact=True).input_value() == (
        "Hackney Town Hall, Mare Street"
    )
    summary = page.get_by_label("Summary", exact=True).input_value()
    assert summary.endswith(".") and len(summary) <= 600 and "<" not in summary
    description = page.get_by_label("Description", exact=True).input_value()
    assert "<h2>" not in description and "<p>" not in description
    assert f"- {duties[0]}" in description and "## What you will do" in description
    assert (
        "above the London 75th percentile" in page.locator("section.app-pay-context").inner_text()
    )
    screenshot(page, "vacancy-form-from-jd")

    # Add one more duty with the formatting buttons, by keyboard.
    box = page.get_by_label("Description", exact=True)
    box.focus()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # to the toolbar: one stop, its first button
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # Subheading, Bold, Italic, Link, Bulleted list
    assert page.evaluate("document.activeElement.textContent") == "Bulleted list"
    page.keyboard.press("Enter")
    page.keyboard.type("Share what the team learns with other London councils")
    assert (
        box.input_value()
        .rstrip()
        .endswith("- Share what the team learns with other London councils")
    )

    closes = timezone.localdate() + datetime.timedelta(days=21)
    page.get_by_label("Day", exact=True).fill(str(closes.day))
    page.get_by_label("Month", exact=True).fill(str(closes.month))
    page.get_by_label("Year", exact=True).fill(str(closes.year))
    page.get_by_label("Web address for applying").fill("https://jobs.hackney.example/ba")
    page.get_by_label("Permanent").check()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/check/")
    audit.check(page, "draft")
    vacancy = Vacancy.objects.get()
    assert vacancy.source_job_description == jd and vacancy.role_level == level
    assert (
        "above the London 75th percentile" in page.locator("section.app-pay-context").inner_text()
    )
    screenshot(page, "vacancy-draft")

    # The health check's summary is on the first screen: fix its top finding.
    summary = page.locator("#health-check-summary")
    assert summary.bounding_box()["y"] < 900, "the health check summary is on the first screen"
    top = summary.locator(".app-result-summary__fixes a").first
    assert top.inner_text() == "The advert has no equal opportunities statement."
    score_before = vacancy.health_score
    assert score_before is not None
    top.click()
    assert page.url.endswith("#finding-1")
    assert page.locator("#finding-1").is_visible()
    page.get_by_role("button", name="Change", exact=True).click()
    page.wait_for_url("**/edit/")
    audit.check(page, "changing the vacancy")
    box = page.get_by_label("Description", exact=True)
    box.fill(
        box.input_value().rstrip()
        + "\n\n## Equal opportunities\n\nWe welcome applications from everyone, and we make "
        "reasonable adjustments at every stage. Tell us what you need."
    )
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/check/")
    audit.check(page, "draft after the fix")
    vacancy.refresh_from_db()
    assert vacancy.health_score is not None and vacancy.health_score > score_before
    assert "no equal opportunities statement" not in summary.inner_text()
    screenshot(page, "vacancy-draft-fixed")

    # Sent for approval; Hackney's admin approves it from the dashboard: no one at LOTI acts.
    page.get_by_role("button", name="Send to be published").click()
    audit.check(page, "send for approval")
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_url("**/check/")
    assert Vacancy.objects.get().status == VacancyStatus.SUBMITTED

    admin_page.goto(base + "/dashboard/")
    audit.check(admin_page, "council admin's dashboard with an advert waiting")
    admin_page.get_by_role("link", name="Approve adverts").click()
    admin_page.wait_for_url("**/jobs/moderation/")
    audit.check(admin_page, "Hackney's queue")
    screenshot(admin_page, "council-queue")
    admin_page.get_by_role("link", name=vacancy.title, exact=True).click()
    admin_page.wait_for_url("**/check/")
    audit.check(admin_page, "review before publishing")
    assert "above the London 75th percentile" in (
        admin_page.locator("section.app-pay-context").inner_text()
    )
    screenshot(admin_page, "vacancy-review")
    admin_page.get_by_role("button", name="Publish", exact=True).click()
    audit.check(admin_page, "publish")
    admin_page.get_by_role("button", name="Publish").click()
    admin_page.wait_for_load_state("load")
    published = Vacancy.objects.get()
    assert published.status == VacancyStatus.PUBLISHED
    assert published.published_by == admin and published.self_published
    admin_context.close()

    page.goto(base + f"/jobs/{vacancy.pk}/")
    audit.check(page, "published advert")
    items = page.locator(".app-rich-text li, main li").all_inner_texts()
    for duty in duties:
        assert duty in items, f"{duty!r} is not a list item on the advert"
    assert "Share what the team learns with other London councils" in items
    paragraphs = page.locator("main p").all_inner_texts()
    assert not [text for text in paragraphs if text.startswith("- ")], paragraphs
    facts = page.locator("dl.govuk-summary-list").first.inner_text()
    for fact in (
        "Full time, 36 hours a week",
        "Hybrid: Two days a week in Hackney Town Hall",
        "Hackney Town Hall, Mare Street",
        "Permanent",
        "Business analyst",
    ):
        assert fact in facts, f"{fact!r} not in {facts!r}"
    screenshot(page, "published-advert")

    # The role level page lists the JD, the open vacancy and the benchmark.
    page.goto(base + f"/framework/levels/{level.slug}/")
    audit.check(page, "role level")
    main = page.locator("main").inner_text()
    assert jd.title in main and vacancy.title in main and "£42,000" in main
    screenshot(page, "role-level")
    context.close()
