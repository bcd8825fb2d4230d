"""Every HTML page we serve, in a real browser, as every role allowed to see it.

The pages come from the permission matrix (tests/test_permission_walker.py and tests/pages/), with
the data the query budgets build, so a new page is checked here as soon as it has its row (the
walk is tests/every_page.py, which `make screenshots` shares). Each role has one browser context,
signed in with a session cookie and keeping the site's real Content Security Policy (axe-core goes
in through the DevTools protocol, which the CSP does not govern).

On every page, as every role whose outcome is "ok":
- axe-core (WCAG 2.2 AA and best practice) finds nothing;
- the CSP blocks nothing (securitypolicyviolation events) and the console shows no error;
- every chart has a text alternative and a data table with a caption.
As the first role allowed, the page also reflows at 320 CSS pixels: no sideways scrolling and no
text cut off, wide data tables scrolling only inside a labelled, focusable region (WCAG 1.4.10).

Feeds, downloads and JSON are left out: axe checks HTML. The journeys in test_browser_*.py and
test_keyboard_journeys.py check the pages that only exist after a form is sent.
"""

from __future__ import annotations

from typing import Any

import pytest

from civictalent.accounts.models import User
from tests.browser import StrictAudit, chart_problems, reflow_problems, strict_context
from tests.every_page import PAGE_ROLES, SIGN_IN_PAGES, RolePages, every_page
from tests.test_query_budgets import build_data

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 720}
# Pages that must show at least one chart with the data we build.
PAGES_WITH_CHARTS = {"salaries:benchmark", "jobs:council_insight"}


@pytest.mark.django_db(transaction=True)
def test_every_html_page_passes_as_every_role_and_reflows(
    live_server: Any, browser: Any, people: dict[str, User | None]
) -> None:
    data = build_data(people, salaries=True)
    audit = StrictAudit()
    pages = RolePages(browser, live_server.url, people, on_new_page=audit.watch)
    failures: list[str] = []
    skipped: list[str] = []
    charts_on: dict[str, int] = {}
    reflowed: list[str] = []

    def visit(name: str, url: str, roles: list[str]) -> None:
        for number, role in enumerate(roles):
            page = pages[role]
            answer = page.goto(live_server.url + url)
            if answer is None or answer.status != 200:
                failures.append(f"{url} as {role}: {answer.status if answer else 'no answer'}")
                continue
            try:
                audit.check(page, role)
            except AssertionError as error:
                failures.append(str(error))
            if number == 0:
                charts_on[name] = chart_problems(page)[0]
                page.set_viewport_size(NARROW)
                problems = reflow_problems(page)
                page.set_viewport_size(WIDE)
                if problems:
                    failures.append(f"{url} at 320px as {role}: {problems[:5]}")
                reflowed.append(name)

    try:
        for found in every_page(people, data):
            if found.html:
                visit(found.name, found.url, found.roles)
            else:
                skipped.append(found.name)
    finally:
        pages.close()
    assert not failures, f"{len(failures)} problems:\n" + "\n\n".join(failures)
    checked_pages = len(PAGE_ROLES) - len(skipped) + len(SIGN_IN_PAGES)
    assert len(reflowed) == checked_pages > 60, reflowed
    # Each page was read by each role allowed: more readings than pages, by a wide margin.
    readings = sum(len(roles) for name, roles in PAGE_ROLES if name in reflowed)
    assert len(audit.checked) == readings + len(SIGN_IN_PAGES)
    assert len(audit.checked) > 2 * checked_pages, len(audit.checked)
    assert {"jobs:feed_rss", "core:healthz"} <= set(skipped), "feeds and JSON are not HTML"
    missing = [name for name in PAGES_WITH_CHARTS if not charts_on.get(name)]
    assert not missing, f"no chart found on {missing}: is the chart check still finding them?"


# The checks above must be able to fail: each is shown a page with the problem it looks for.


def test_the_checks_catch_a_blocked_script_a_wide_page_and_a_chart_without_a_table(
    live_server: Any, browser: Any
) -> None:
    context = strict_context(browser)
    audit = StrictAudit()
    page = audit.watch(context.new_page())
    bad = (
        "<!DOCTYPE html><html lang='en'><head><title>Bad</title></head><body><main>"
        "<h1>Bad</h1><script>document.title = 'ran'</script>"
        "<div id='wide' style='width: 600px'>Too wide</div>"
        "<div tabindex='0' role='region' aria-label='Figures' style='overflow-x: auto'>"
        "<table><caption>Figures</caption><tr><td style='min-width: 900px'>1</td></tr></table>"
        "</div>"
        "<figure><svg role='img' aria-label='Pay by quarter' width='10' height='10'></svg></figure>"
        "</main></body></html>"
    )
    context.route(
        "**/canary/",
        lambda route: route.fulfill(
            status=200,
            body=bad,
            headers={
                "Content-Type": "text/html",
                "Content-Security-Policy": "default-src 'self'; script-src 'self'",
            },
        ),
    )
    try:
        page.goto(live_server.url + "/canary/")
        problems = audit.problems(page)
        assert page.title() == "Bad", "the inline script ran: the CSP was bypassed"
        assert any("script-src" in problem for problem in problems), problems
        assert any("style-src" in problem for problem in problems), problems
        count, chart_issues = chart_problems(page)
        assert count == 1 and chart_issues == [
            'the chart "Pay by quarter" has no data table beside it'
        ]
        page.set_viewport_size(NARROW)
        # The inline style was blocked, so make the page too wide the way a stylesheet would.
        page.evaluate(
            "document.getElementById('wide').style.width = '600px';"
            "document.querySelector('td').style.minWidth = '900px'"
        )
        problems = reflow_problems(page)
        assert any("scrolls sideways" in problem for problem in problems), problems
        assert any("div#wide" in problem for problem in problems), problems
        assert not any("region" in problem for problem in problems), problems
    finally:
        context.close()
