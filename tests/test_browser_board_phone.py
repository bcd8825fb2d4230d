"""The jobs board on a phone and back again, in Debian's Chromium with the site's real CSP.

At 390 CSS pixels: the keywords box has its own Search button beside it; the first result is on
the first screen (the filters open from "Show filters", which works by keyboard); without
JavaScript the filters are still on the page; the back link from a vacancy returns to the same
search, scrolled to the result; the page title gives the number of jobs. Nothing shifts as the
board, the home page and a vacancy load (cumulative layout shift under 0.1 at 390 and 1280 px).
"""

from __future__ import annotations

from typing import Any

import pytest

from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation
from tests.browser import StrictAudit, strict_context

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}

# Every layout shift since the page started, as web-vitals counts them (shifts right after a
# person's input do not count). Buffered, so the shifts before the observer started are in it.
LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) total += entry.value;
    }
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 1000);
})
"""


def make_jobs(council: Organisation, count: int = 12) -> list[Any]:
    return [
        make_vacancy(council, title=f"Data analyst {number}", days_since_published=number)
        for number in range(1, count + 1)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_board_on_a_phone_shows_results_first_and_filters_by_keyboard(
    live_server: Any, browser: Any, council_a: Organisation
) -> None:
    make_jobs(council_a)
    context = strict_context(browser)
    audit = StrictAudit()
    page = audit.watch(context.new_page())
    page.set_viewport_size(PHONE)
    try:
        page.goto(live_server.url + "/jobs/?q=data")
        assert page.title().startswith("12 jobs: "), page.title()
        box = page.locator("#q").bounding_box()
        search = page.get_by_role("button", name="Search", exact=True).bounding_box()
        assert search["x"] > box["x"] + box["width"] - 1, "the Search button is beside the box"
        assert abs(search["y"] - box["y"]) < 5, (search, box)
        first = page.locator("#results li").first.bounding_box()
        assert first["y"] < PHONE["height"], f"the first result is {first['y']} px down"
        assert not page.get_by_label("Minimum salary").is_visible()

        toggle = page.locator("[data-app-filter-toggle]")
        assert toggle.inner_text() == "Show filters (1 selected)"
        assert toggle.get_attribute("aria-expanded") == "false"
        page.locator("#q").focus()
        page.keyboard.press("Tab")  # the Search button
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.appFilterToggle") == ""
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert toggle.inner_text() == "Hide filters (1 selected)"
        assert page.get_by_label("Minimum salary").is_visible()
        page.keyboard.press("Tab")  # into the filters, which follow the button
        assert page.evaluate("document.activeElement.closest('#filters') !== null")
        audit.check(page, "anonymous")
        toggle.focus()
        page.keyboard.press("Space")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.get_by_label("Minimum salary").is_visible()

        page.get_by_role("searchbox", name="Search jobs").fill("analyst")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url("**/jobs/?q=analyst")
        assert page.title().startswith("12 jobs: ")
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_without_javascript_the_filters_stay_on_the_page(
    live_server: Any, browser: Any, council_a: Organisation
) -> None:
    make_jobs(council_a, 2)
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/jobs/")
        assert page.get_by_label("Minimum salary").is_visible()
        assert not page.locator("[data-app-filter-toggle]").is_visible()
        page.get_by_label("Minimum salary").fill("41000")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**/jobs/?min_salary=41000")
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_the_back_link_from_a_vacancy_returns_to_the_same_search_and_result(
    live_server: Any, browser: Any, council_a: Organisation
) -> None:
    jobs = make_jobs(council_a, 25)  # two pages of 20
    context = strict_context(browser)
    page = context.new_page()
    page.set_viewport_size(PHONE)
    try:
        page.goto(live_server.url + "/jobs/?q=analyst&page=2")
        search_url = page.url
        link = page.locator("#results li a").nth(3)
        title = link.inner_text()
        link.click()
        page.wait_for_url("**/jobs/*/?search=*")
        assert page.locator("h1").inner_text() == title
        back = page.get_by_role("link", name="Back to your search")
        pk = next(job.pk for job in jobs if job.title == title)
        assert back.get_attribute("href") == f"/jobs/?q=analyst&page=2#result-{pk}"
        back.click()
        page.wait_for_url(f"**/jobs/?q=analyst&page=2#result-{pk}")
        assert page.url.split("#")[0] == search_url
        result = page.locator(f"#result-{pk}").bounding_box()
        assert 0 <= result["y"] < PHONE["height"], "the browser scrolled back to the result"
        # A vacancy reached any other way goes back to the plain board.
        page.goto(live_server.url + f"/jobs/{pk}/")
        assert page.get_by_role("link", name="Jobs board").get_attribute("href") == "/jobs/"
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_nothing_shifts_as_the_board_home_and_a_vacancy_load(
    live_server: Any, browser: Any, council_a: Organisation
) -> None:
    jobs = make_jobs(council_a, 3)
    context = strict_context(browser)
    page = context.new_page()
    shifts: dict[str, float] = {}
    try:
        for viewport in (PHONE, WIDE):
            page.set_viewport_size(viewport)
            for path in ("/", "/jobs/", "/jobs/?q=data", f"/jobs/{jobs[0].pk}/"):
                page.goto(live_server.url + path)
                page.wait_for_load_state("load")
                shifts[f"{path} at {viewport['width']}px"] = page.evaluate(LAYOUT_SHIFT)
    finally:
        context.close()
    assert len(shifts) == 8
    moved = {where: shift for where, shift in shifts.items() if shift >= 0.1}
    assert not moved, f"layout shift of 0.1 or more: {moved} (all: {shifts})"


@pytest.mark.django_db(transaction=True)
def test_the_layout_shift_measure_sees_a_shift(live_server: Any, browser: Any) -> None:
    """The measure above can fail: a block pushed down after the page paints counts."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/jobs/")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        page.evaluate(
            "const block = document.createElement('div'); block.style.height = '300px';"
            "document.body.prepend(block)"
        )
        page.wait_for_timeout(300)
        assert page.evaluate(LAYOUT_SHIFT) > 0.1
    finally:
        context.close()
