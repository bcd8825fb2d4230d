"""The main journeys by keyboard alone: Tab, Shift+Tab, arrow keys, Enter, Space and typing.

No clicks and no mouse. Each journey opens its first page by address (as someone typing it, or
following a link in an email) and goes on by keyboard; every stop the Tab key makes must show a
visible focus indicator, and every page visited passes axe-core, under the site's real Content
Security Policy with nothing blocked and no console errors (tests/browser.py StrictAudit).

- Sign in from the home page, by the skip link and the "Sign in" link.
- An editor uploads a real Word job description and saves the checked details.
- A council admin (with an authenticator code) drafts a vacancy and publishes it.
- A council admin signs in to their dashboard and approves an editor's advert from it.
- A candidate subscribes to alerts for a search and confirms from the email's link.

Booking a surgery (people exchange) and completing a maturity assessment are not built yet.
"""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs.models import CouncilJobsSettings, Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation
from conftest import SHARED_DATASETS, require
from tests.browser import (
    StrictAudit,
    current_totp_code,
    focus_is_visible,
    focused,
    named,
    strict_context,
    tab_to,
)
from tests.test_browser_journey import ADMIN_SECRET, PASSWORD

pytestmark = pytest.mark.browser
WORD_JD = SHARED_DATASETS / "jds" / "gds" / "Agile-coach.docx"
WORD_JD_TITLE = "Agile coach"
CANDIDATE = "keyboard.candidate@example.org"

RADIO_GROUP = """
() => {
  const el = document.activeElement;
  const radios = Array.from(document.querySelectorAll(`input[type=radio][name="${el.name}"]`));
  return {labels: radios.map((r) => (r.labels[0] || {}).innerText.trim()), at: radios.indexOf(el)};
}
"""


@pytest.fixture
def keyboard(browser: Any) -> Any:
    """A page in a context that keeps the real CSP, with a StrictAudit watching it."""
    context = strict_context(browser)
    audit = StrictAudit()
    page = audit.watch(context.new_page())
    page.audit = audit
    yield page
    context.close()


def press(page: Any, key: str, *, wait_for: str = "") -> None:
    """Press a key; with ``wait_for``, wait for the page it leads to (a URL glob)."""
    page.keyboard.press(key)
    if wait_for:
        page.wait_for_url(wait_for)
    page.wait_for_load_state("load")


def fill_by_keyboard(page: Any, answers: dict[str, str | bool], submit: str) -> None:
    """Tab through a form from where the focus is, answering each field whose label is in
    ``answers`` (text is typed; ``True`` picks a radio with the arrow keys, or ticks a checkbox
    with Space), then press Enter on the button named ``submit``. Every answer must be used."""
    left = dict(answers)
    visited: list[str] = []
    for _ in range(150):
        page.keyboard.press("Tab")
        element = focused(page)
        visited.append(f"{element['tag']} {element['name'][:30]!r}")
        assert focus_is_visible(page), f"focus is not visible on {visited[-1]}"
        if element["tag"] == "button" and element["name"].startswith(submit):
            assert not left, f"never reached {sorted(left)}; visited: {visited}"
            page.keyboard.press("Enter")
            page.wait_for_load_state("load")
            return
        if element["type"] == "radio":
            group = page.evaluate(RADIO_GROUP)
            wanted = [n for n, label in enumerate(group["labels"]) if left.pop(label, None)]
            if wanted:
                steps = wanted[0] - group["at"]
                for _ in range(abs(steps)):
                    page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
                if steps == 0:
                    page.keyboard.press("Space")
            continue
        value = left.pop(element["name"], None)
        if value is None:
            continue
        if element["type"] == "checkbox":
            page.keyboard.press("Space")
        else:
            page.keyboard.press("ControlOrMeta+A")
            page.keyboard.type(str(value))
    raise AssertionError(f"never reached the {submit!r} button; visited: {visited}")


def sign_in_by_keyboard(page: Any, email: str, password: str, *, totp: str = "") -> None:
    """From the sign-in page: type the email and password, press Enter; answer the code."""
    fill_by_keyboard(page, {"Email address": email, "Password": password}, "Sign in")
    if totp:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.audit.check(page, "authenticator code")
        fill_by_keyboard(page, {"Code": current_totp_code(totp)}, "Sign in")
    page.wait_for_url("**/dashboard/")
    page.audit.check(page, "signed in")


@pytest.mark.django_db(transaction=True)
def test_sign_in_by_keyboard_from_the_home_page_through_the_skip_link(
    live_server: Any, keyboard: Any, people: dict[str, User | None]
) -> None:
    page, member = keyboard, people["member_a"]
    assert member is not None
    page.goto(live_server.url + "/")
    page.audit.check(page, "home")

    # The first Tab reaches the skip link, which shows its focus and moves it to the content.
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Skip to main content"
    assert focus_is_visible(page)
    press(page, "Enter")
    assert focused(page)["id"] == "main-content"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"

    tab_to(page, named("Sign in", tag="a"))
    press(page, "Enter", wait_for="**/accounts/login/")
    page.audit.check(page, "sign in")
    sign_in_by_keyboard(page, member.email, PASSWORD)
    assert "You are signed in" in page.content() or member.name in page.content()
    assert len(page.audit.checked) == 3


@pytest.mark.django_db(transaction=True)
def test_editor_uploads_a_word_job_description_by_keyboard(
    live_server: Any, keyboard: Any, people: dict[str, User | None]
) -> None:
    require(WORD_JD.exists(), f"the real job descriptions are missing ({WORD_JD})")
    framework_load_starter()
    page, editor = keyboard, people["editor_a"]
    assert editor is not None
    page.goto(live_server.url + "/accounts/login/")
    sign_in_by_keyboard(page, editor.email, PASSWORD)

    page.goto(live_server.url + "/library/")
    page.audit.check(page, "library")
    tab_to(page, named("Add a job description"))
    press(page, "Enter", wait_for="**/library/contribute/")
    page.audit.check(page, "contribute")
    # A keyboard user opens the file dialog from the focused input and picks the file there.
    tab_to(page, lambda element: element["type"] == "file")
    page.locator(":focus").set_input_files(str(WORD_JD))
    tab_to(page, named("Read the job description", tag="button"))
    press(page, "Enter", wait_for="**/review/")
    page.audit.check(page, "review")
    assert page.locator("#main-content").get_by_label("Title").input_value() == WORD_JD_TITLE

    fill_by_keyboard(page, {"Grade": "PO5"}, "Save")
    page.wait_for_url(re.compile(r".*/library/\d+/$"))
    page.audit.check(page, "saved")
    jd = JobDescription.objects.get(title=WORD_JD_TITLE)
    assert jd.grade == "PO5" and jd.sections.count() >= 3
    assert jd.organisation == editor.memberships.get().organisation


def keyboard_vacancy_answers(closes: datetime.date) -> dict[str, str | bool]:
    return {
        "Job title": "Keyboard data analyst",
        "Summary": "Turn repairs data into decisions that fix homes sooner.",
        "Description": "You will find where repairs get stuck and explain what the numbers mean.",
        "Minimum salary (£ a year)": "45000",
        "Maximum salary (£ a year)": "52000",
        "Permanent": True,
        "Full time": True,
        "Hybrid": True,
        "Hybrid pattern (for hybrid jobs)": "Two days a week in Hackney",
        "Location": "Hackney Town Hall, London",
        "Day": str(closes.day),
        "Month": str(closes.month),
        "Year": str(closes.year),
        "Closing time": "12:00",
        "Web address for applying": "https://jobs.hackney.example/1234",
    }


@pytest.mark.django_db(transaction=True)
def test_council_admin_drafts_and_publishes_a_vacancy_by_keyboard(
    live_server: Any, keyboard: Any, people: dict[str, User | None], council_a: Organisation
) -> None:
    framework_load_starter()
    CouncilJobsSettings.objects.update_or_create(
        organisation=council_a, defaults={"approval_route": "council"}
    )
    page, admin = keyboard, people["admin_a"]
    assert admin is not None
    page.goto(live_server.url + "/accounts/login/")
    sign_in_by_keyboard(page, admin.email, PASSWORD, totp=ADMIN_SECRET)

    page.goto(live_server.url + "/jobs/manage/")
    page.audit.check(page, "manage")
    tab_to(page, named("New vacancy"))
    press(page, "Enter", wait_for="**/new/")
    page.audit.check(page, "new vacancy")
    closes = timezone.localdate() + datetime.timedelta(days=20)
    fill_by_keyboard(page, keyboard_vacancy_answers(closes), "Save draft")
    page.wait_for_url("**/check/")
    page.audit.check(page, "draft")
    vacancy = Vacancy.objects.get(title="Keyboard data analyst")
    assert vacancy.status == VacancyStatus.DRAFT and vacancy.workplace == "hybrid"

    tab_to(page, named("Send to be published"))
    press(page, "Enter", wait_for="**/submit/")
    page.audit.check(page, "send or publish")
    tab_to(page, named("Publish now", tag="button"))
    press(page, "Enter", wait_for=f"**/jobs/{vacancy.pk}/")
    page.audit.check(page, "published")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert "is published on the jobs board" in page.content()


@pytest.mark.django_db(transaction=True)
def test_council_admin_approves_an_advert_from_the_dashboard_by_keyboard(
    live_server: Any, keyboard: Any, people: dict[str, User | None], council_a: Organisation
) -> None:
    from civictalent.jobs.tests.vacancy_helpers import allow_self_publishing, submitted

    allow_self_publishing(council_a)
    editor, admin = people["editor_a"], people["admin_a"]
    assert editor is not None and admin is not None
    waiting = submitted(council_a, editor, title="Keyboard product manager")
    page = keyboard
    page.goto(live_server.url + "/accounts/login/")
    sign_in_by_keyboard(page, admin.email, PASSWORD, totp=ADMIN_SECRET)
    assert "Adverts waiting for your approval" in page.content()

    tab_to(page, named("Approve adverts", tag="a"))
    press(page, "Enter", wait_for="**/jobs/moderation/")
    page.audit.check(page, "queue")
    tab_to(page, named("Publish Keyboard product manager", tag="button"))
    page.keyboard.press("Enter")
    page.wait_for_selector("text=is published on the jobs board")
    page.audit.check(page, "published")
    waiting.refresh_from_db()
    assert waiting.status == VacancyStatus.PUBLISHED and waiting.self_published
    assert "is published on the jobs board" in page.content()


def path_of_link(body: str, pattern: str) -> str:
    match = re.search(r"https?://\S+" + pattern + r"\S*", body)
    assert match, f"no link matching {pattern} in:\n{body}"
    parts = urlsplit(match.group(0).rstrip(">.,)"))
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.mark.django_db(transaction=True)
def test_candidate_subscribes_to_alerts_and_confirms_by_keyboard(
    live_server: Any, keyboard: Any, london: None
) -> None:
    framework_load_starter()
    page = keyboard
    page.goto(live_server.url + "/jobs/")
    page.audit.check(page, "jobs")
    fill_by_keyboard(page, {"Minimum salary": "50000"}, "Apply filters")
    page.wait_for_url("**/jobs/?*")
    page.audit.check(page, "filtered")
    tab_to(page, named("Get email alerts for this search", tag="a"))
    press(page, "Enter", wait_for="**/alerts/**")
    page.audit.check(page, "subscribe")
    fill_by_keyboard(page, {"Email address": CANDIDATE}, "Get email alerts")
    page.wait_for_selector("text=Check your email")
    page.audit.check(page, "check your email")

    confirmation = next(m for m in mail.outbox if m.to == [CANDIDATE])
    page.goto(live_server.url + path_of_link(confirmation.body, "/alerts/confirm/"))
    page.audit.check(page, "confirm")
    tab_to(page, named("Confirm my alert", tag="button"))
    press(page, "Enter")
    page.wait_for_selector("text=Your alert is confirmed")
    page.audit.check(page, "confirmed")

    from civictalent.alerts.models import AlertSubscription

    subscription = AlertSubscription.objects.get(email=CANDIDATE)
    assert subscription.verified_at is not None
    assert "min_salary=50000" in subscription.query_string
