"""The header and the dashboard in a real browser: the service navigation fits one line at 1280
pixels for every role and folds behind its Menu button on a phone; each role's dashboard, with
something in every panel, passes axe-core and reflows at 390 pixels."""

from __future__ import annotations

import contextlib
import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from civictalent.jdlibrary.models import JDSuggestion, JobDescription
from civictalent.jobs import services
from civictalent.jobs.models import VacancyImport
from civictalent.jobs.tests.vacancy_helpers import allow_self_publishing, draft, submitted
from civictalent.organisations.models import JoinRequest, Organisation
from tests.browser import StrictAudit, reflow_problems, strict_context
from tests.every_page import session_cookie

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
NAVIGATION = """
() => {
  const items = [...document.querySelectorAll('.govuk-service-navigation__item')];
  const shown = items.filter((item) => item.offsetParent !== null);
  return {
    items: items.map((item) => item.innerText.trim()),
    lines: new Set(shown.map((item) => Math.round(item.getBoundingClientRect().top))).size,
    shown: shown.length,
    account: [...document.querySelectorAll('.app-header-account__link')]
      .filter((link) => link.offsetParent !== null).map((link) => link.innerText.trim()),
    menuButton: !!document.querySelector('.govuk-service-navigation__toggle:not([hidden])'),
  };
}
"""


MENU_BUTTON_SHOWN = (
    "() => !!document.querySelector('.govuk-service-navigation__toggle:not([hidden])')"
)


def phone_navigation(page: Any) -> dict[str, Any]:
    """The navigation once GOV.UK Frontend has answered the change of width (its media query
    listener runs after the resize), or as it is after two seconds."""
    page.set_viewport_size(PHONE)
    with contextlib.suppress(PlaywrightTimeoutError):  # the caller says what was shown
        page.wait_for_function(MENU_BUTTON_SHOWN, timeout=2000)
    return dict(page.evaluate(NAVIGATION))


def something_in_every_panel(people: dict[str, Any], council: Organisation) -> None:
    allow_self_publishing(council)
    editor = people["editor_a"]
    draft(council, editor, title="Data engineer")
    services.vacancy_publish(
        vacancy=submitted(
            council, editor, title="Analyst", closes_at=timezone.now() + datetime.timedelta(days=2)
        ),
        actor=people["admin_a"],
    )
    submitted(council, editor, title="Product manager")
    jd = JobDescription.objects.create(organisation=council, title="Data lead", health_score=48)
    JDSuggestion.objects.create(job_description=jd, author=people["member_b"], text="More.")
    JoinRequest.objects.create(user=people["member_b"], organisation=council)
    VacancyImport.objects.create(
        organisation=council, source="upload", file_format="csv", error_count=3, rows=[]
    )


@pytest.mark.django_db(transaction=True)
def test_the_navigation_fits_one_line_at_1280_pixels_for_every_role(
    live_server: Any, browser: Any, people: dict[str, Any], council_a: Organisation
) -> None:
    problems: list[str] = []
    for role in ("anonymous", "member_a", "editor_a", "admin_a", "platform_admin"):
        context = strict_context(browser, live_server.url, session_cookie(people[role]))
        page = context.new_page()
        page.set_viewport_size(WIDE)
        page.goto(live_server.url + ("/dashboard/" if people[role] else "/"))
        wide = page.evaluate(NAVIGATION)
        phone = phone_navigation(page)
        context.close()
        if wide["lines"] != 1 or wide["shown"] != len(wide["items"]):
            problems.append(f"{role} at 1280px: {wide}")
        if not (phone["menuButton"] and phone["shown"] == 0 and phone["account"]):
            problems.append(f"{role} at 390px: {phone}")
        expected = ["Sign in", "Create an account"] if role == "anonymous" else ["Sign out"]
        if wide["account"][-len(expected) :] != expected:
            problems.append(f"{role}: account links {wide['account']}")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_each_roles_dashboard_passes_axe_and_reflows_on_a_phone(
    live_server: Any, browser: Any, people: dict[str, Any], council_a: Organisation
) -> None:
    something_in_every_panel(people, council_a)
    audit = StrictAudit()
    failures: list[str] = []
    for role, expected in (
        ("editor_a", "Your draft vacancies"),
        ("admin_a", "Adverts waiting for your approval"),
        ("platform_admin", "Failed imports"),
    ):
        context = strict_context(browser, live_server.url, session_cookie(people[role]))
        page = audit.watch(context.new_page())
        for viewport in (WIDE, PHONE):
            page.set_viewport_size(viewport)
            page.goto(live_server.url + "/dashboard/")
            assert expected in page.content(), role
            try:
                audit.check(page, role)
            except AssertionError as error:
                failures.append(str(error))
            if viewport is PHONE and (found := reflow_problems(page)):
                failures.append(f"{role} at 390px: {found[:5]}")
        context.close()
    assert not failures, "\n\n".join(failures)
