"""The jobs board journey in a real browser, with axe-core on every page it visits.

An editor drafts a vacancy and sends it to be published; a moderator publishes it; a candidate
finds it with filters, reads its JSON-LD, subscribes to alerts by keyboard and confirms; the next
digest (run by the command, read from the email backend) lists it exactly once; the vacancy closes
by itself, shows its "closed" banner, and the editor adds it to the library.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs.closing import vacancies_housekeeping
from civictalent.jobs.models import LibraryOffer, Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation
from tests.browser import AccessibilityAudit, sign_in
from tests.test_browser_journey import ADMIN_SECRET, PASSWORD

pytestmark = pytest.mark.browser
TITLE = "Senior data analyst"
CANDIDATE = "candidate@example.org"
# Google for Jobs' required JobPosting properties, and the recommended ones we promise.
REQUIRED = {"title", "description", "datePosted", "hiringOrganization", "jobLocation"}
RECOMMENDED = {"validThrough", "baseSalary", "employmentType", "identifier"}


def path_of_link(body: str, pattern: str) -> str:
    """The path of the first link in an email matching ``pattern`` (emails use SITE_URL)."""
    match = re.search(r"https?://\S+" + pattern + r"\S*", body)
    assert match, f"no link matching {pattern} in:\n{body}"
    parts = urlsplit(match.group(0).rstrip(">.,)"))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def fill_vacancy(page: Any, closes: datetime.date) -> None:
    page.get_by_label("Job title").fill(TITLE)
    page.get_by_label("Summary", exact=True).fill(
        "Turn repairs data into decisions that fix homes sooner."
    )
    page.get_by_label("Description", exact=True).fill(
        "You will find where repairs get stuck and build dashboards staff trust.\n\n"
        "<script>alert('x')</script>You will explain what the numbers mean."
    )
    page.get_by_label("Minimum salary (£ a year)").fill("45000")
    page.get_by_label("Maximum salary (£ a year)").fill("52000")
    page.get_by_label("Permanent").check()
    page.get_by_label("Full time").check()
    page.get_by_label("Hybrid", exact=True).check()
    page.get_by_label("Hybrid pattern (for hybrid jobs)").fill("Two days a week in Hackney")
    page.get_by_label("Location", exact=True).fill("Hackney Town Hall, London")
    page.get_by_label("Day", exact=True).fill(str(closes.day))
    page.get_by_label("Month", exact=True).fill(str(closes.month))
    page.get_by_label("Year", exact=True).fill(str(closes.year))
    page.get_by_label("Closing time").fill("12:00")
    page.get_by_label("Web address for applying").fill("https://jobs.hackney.example/1234")


@pytest.mark.django_db(transaction=True)
def test_draft_moderate_find_subscribe_digest_close_and_offer_to_the_library(
    live_server: Any,
    browser: Any,
    page: Any,
    people: dict[str, User | None],
    council_a: Organisation,
) -> None:
    framework_load_starter()
    editor, moderator = people["editor_a"], people["platform_admin"]
    assert editor is not None and moderator is not None
    audit = AccessibilityAudit()
    base = live_server.url
    closes = timezone.localdate() + datetime.timedelta(days=20)

    # The editor drafts, checks the health check, and sends it to be published.
    sign_in(page, base, editor.email, PASSWORD)
    page.goto(base + "/jobs/manage/")
    audit.check(page)
    page.get_by_role("button", name="New vacancy").click()
    audit.check(page)
    page.get_by_role("button", name="Save draft").click()  # empty: errors, nothing saved
    assert "There is a problem" in page.content()
    audit.check(page)
    assert not Vacancy.objects.exists()
    fill_vacancy(page, closes)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/check/")
    audit.check(page)
    vacancy = Vacancy.objects.get()
    # The typed <script> is Markdown text, shown as typed: never an element.
    assert "<script" not in vacancy.description_html and vacancy.health_score is not None
    page.get_by_role("button", name="Send to be published").click()
    audit.check(page)
    page.get_by_role("button", name="Send for approval").click()
    page.wait_for_url("**/check/")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED
    assert any(m.to == [moderator.email] for m in mail.outbox), "moderators are told"

    # A moderator signs in to their dashboard, and publishes it from the queue it links to.
    moderator_context = browser.new_context(bypass_csp=True)
    moderator_page = moderator_context.new_page()
    sign_in(moderator_page, base, moderator.email, PASSWORD, totp_secret=ADMIN_SECRET)
    audit.check(moderator_page)
    moderator_page.get_by_role("link", name="Approve adverts").click()
    moderator_page.wait_for_url("**/jobs/moderation/")
    audit.check(moderator_page)
    moderator_page.get_by_role("button", name=f"Publish {TITLE}").click()
    moderator_page.wait_for_load_state("load")
    audit.check(moderator_page)
    moderator_context.close()
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED

    # A candidate, not signed in, finds it with filters and reads its structured data.
    candidate_context = browser.new_context(bypass_csp=True)
    candidate = candidate_context.new_page()
    candidate.goto(base + "/jobs/")
    audit.check(candidate)
    candidate.get_by_role("checkbox", name=re.compile(r"^Hybrid")).check()
    candidate.get_by_label("Minimum salary").fill("50000")
    candidate.get_by_role("button", name="Apply filters").click()
    candidate.wait_for_url("**/jobs/?*")
    audit.check(candidate)
    assert "min_salary=50000" in candidate.url and "workplace=hybrid" in candidate.url
    candidate.get_by_role("link", name=TITLE).click()
    # The result's link carries the search, for the vacancy's "Back to your search" link.
    candidate.wait_for_url(f"**/jobs/{vacancy.pk}/?search=*")
    audit.check(candidate)
    posting = json.loads(candidate.locator('script[type="application/ld+json"]').text_content())
    assert posting["@type"] == "JobPosting"
    assert set(posting) >= REQUIRED | RECOMMENDED, set(posting)
    assert posting["baseSalary"]["currency"] == "GBP"
    assert posting["baseSalary"]["value"]["unitText"] == "YEAR"
    assert posting["baseSalary"]["value"]["minValue"] == 45000
    assert datetime.datetime.fromisoformat(posting["validThrough"]) == vacancy.closes_at

    # It subscribes to the search by keyboard alone, and confirms from the email.
    candidate.go_back()
    candidate.get_by_role("link", name="Get email alerts for this search").click()
    audit.check(candidate)
    candidate.get_by_label("Email address").focus()
    candidate.keyboard.type(CANDIDATE)
    candidate.keyboard.press("Enter")
    candidate.wait_for_selector("text=Check your email")
    audit.check(candidate)
    confirmation = next(m for m in mail.outbox if m.to == [CANDIDATE])
    candidate.goto(base + path_of_link(confirmation.body, "/alerts/confirm/"))
    audit.check(candidate)
    candidate.get_by_role("button", name="Confirm my alert").focus()
    candidate.keyboard.press("Enter")
    candidate.wait_for_selector("text=Your alert is confirmed")
    audit.check(candidate)

    # The next weekly digest lists it exactly once; running it again sends nothing more.
    call_command("send_digests", frequency="weekly")
    digests = [m for m in mail.outbox if m.to == [CANDIDATE] and m is not confirmation]
    assert len(digests) == 1
    assert digests[0].body.count(f"/jobs/{vacancy.pk}/") == 1
    assert "List-Unsubscribe" in digests[0].extra_headers
    call_command("send_digests", frequency="weekly")
    assert len([m for m in mail.outbox if m.to == [CANDIDATE]]) == 2

    # The vacancy closes by itself at its closing time (the scheduled job), with a banner.
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert vacancies_housekeeping()["closed"] == 1
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert vacancy.library_offer == LibraryOffer.OFFERED
    candidate.goto(base + f"/jobs/{vacancy.pk}/")
    assert "closed" in candidate.locator("main").inner_text().lower()
    audit.check(candidate)
    candidate.goto(base + "/jobs/")
    assert TITLE not in candidate.locator("main").inner_text()
    candidate_context.close()

    # The editor adds it to the job description library.
    page.goto(base + f"/jobs/manage/{council_a.slug}/")
    audit.check(page)
    page.get_by_role("link", name=re.compile("Offered to the library")).click()
    audit.check(page)
    page.get_by_label("Yes, add it as a draft I can check before sharing").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/library/*/review/")
    audit.check(page)
    vacancy.refresh_from_db()
    assert vacancy.library_offer == LibraryOffer.ADDED
    jd = JobDescription.objects.get(pk=vacancy.library_job_description_id)
    assert jd.title == TITLE and jd.organisation == council_a
    assert len(audit.checked) >= 18


@pytest.mark.django_db(transaction=True)
def test_council_insight_imports_and_saved_searches_pass_axe(
    live_server: Any,
    page: Any,
    people: dict[str, User | None],
    council_a: Organisation,
) -> None:
    from civictalent.jobs.demo import demo_vacancies_load

    framework_load_starter()
    demo_vacancies_load()
    admin = people["admin_a"]
    assert admin is not None
    audit = AccessibilityAudit()
    sign_in(page, live_server.url, admin.email, PASSWORD, totp_secret=ADMIN_SECRET)
    vacancy = Vacancy.objects.filter(organisation=council_a, status="published").first()
    assert vacancy is not None
    for path in [
        f"/jobs/{vacancy.pk}/",
        f"/jobs/manage/{council_a.slug}/insight/",
        f"/jobs/councils/{council_a.slug}/imports/",
        "/jobs/councils/",
        "/jobs/?q=data&sort=closing",
        "/jobs/?q=zzzzzz",
    ]:
        page.goto(live_server.url + path)
        audit.check(page)
    page.goto(live_server.url + "/jobs/?workplace=hybrid")
    page.get_by_text("Save this search").click()
    page.get_by_label("Name this search").fill("Hybrid jobs")
    page.get_by_role("button", name="Save search").click()
    page.wait_for_selector("text=Saved your search as “Hybrid jobs”")
    audit.check(page)
    page.get_by_role("link", name="Your saved searches").click()
    page.wait_for_url("**/jobs/saved/")
    audit.check(page)
    assert "Hybrid jobs" in page.locator("main").inner_text()
