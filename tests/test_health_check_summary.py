"""The health check answers where you look: after "Check the advert" (and after a one-click fix)
the summary of the result is at the top of the first screen and has the focus, as GOV.UK's
error summary does, under the site's real Content Security Policy.

Screenshots for a person to look at are written when HEALTH_CHECK_SCREENSHOTS names a folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import StrictAudit, strict_context

pytestmark = pytest.mark.browser

# No pay, an age-coded phrase, a "native speaker" demand and a one-click plain-English swap.
ADVERT = """Data Analyst

About the role
We are a young and dynamic team looking for a digital native to join us. The postholder will
utilise data from our BI tools to help residents. You must be a native English speaker.

What you will do
You will build dashboards and explain what the data shows to managers across the council.

What we offer
Flexible and hybrid working, two days a week in our Hackney office.

How to apply
Apply by 1 March 2027 on our recruitment site. We make reasonable adjustments.
"""

SUMMARY_PLACE = """
() => {
  const summary = document.querySelector('#health-check-summary');
  if (!summary) return null;
  const box = summary.getBoundingClientRect();
  return {
    top: box.top,
    viewport: window.innerHeight,
    focused: document.activeElement === summary,
    scrolled: window.scrollY,
  };
}
"""


def _screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("HEALTH_CHECK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def _summary_is_in_view_with_focus(page: Any) -> dict[str, Any]:
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'health-check-summary'"
    )
    place = page.evaluate(SUMMARY_PLACE)
    assert place is not None, "there is no result summary"
    assert place["focused"], "the summary does not have the focus"
    assert 0 <= place["top"] < place["viewport"], f"the summary is out of view: {place}"
    return place


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
@pytest.mark.django_db(transaction=True)
def test_after_checking_the_summary_is_in_view_and_focused(
    live_server: Any, browser: Any, width: int, height: int
) -> None:
    audit = StrictAudit()
    context = strict_context(browser, live_server.url)
    page = audit.watch(context.new_page())
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/health-check/")
    page.get_by_label("Or paste the text").fill(ADVERT)
    page.get_by_role("button", name="Check the advert").click()
    page.wait_for_load_state("load")
    _summary_is_in_view_with_focus(page)
    summary = page.locator("#health-check-summary")
    text = summary.inner_text()
    assert re.search(r"\b\d{1,3} out of 100\b", text)
    # The three most important fixes, most serious first, each linking to its finding.
    links = summary.locator("ol a")
    assert links.count() == 3
    first = links.nth(0)
    assert "Must change" in summary.locator("ol li").nth(0).inner_text()
    target = first.get_attribute("href")
    assert target and target.startswith("#finding-")
    assert page.locator(target).count() == 1
    # Pay is missing: the summary says what that does to the score.
    assert "cannot go above 60 until you add the salary" in text
    _screenshot(page, f"health-check-results-{width}.png")
    audit.check(page, "results")

    # Following a link moves to the finding, by keyboard.
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === {target!r}")

    # A one-click fix: the summary says what changed, and what still caps the score.
    page.get_by_role("button", name=re.compile("Replace “utilise” with “use”")).click()
    page.wait_for_load_state("load")
    _summary_is_in_view_with_focus(page)
    text = page.locator("#health-check-summary").inner_text()
    assert re.search(r"The score went from \d+ to \d+", text)
    assert "Suggestion applied: you replaced “utilise” with “use”" in text
    assert "Pay is missing, so the score cannot go above 60 until you add the salary" in text
    _screenshot(page, f"health-check-after-fix-{width}.png")
    audit.check(page, "after a fix")
    context.close()


@pytest.mark.django_db(transaction=True)
def test_full_page_screenshots_for_a_person_to_look_at(live_server: Any, page: Any) -> None:
    """Not a check: writes whole-page pictures when HEALTH_CHECK_SCREENSHOTS is set."""
    if not os.environ.get("HEALTH_CHECK_SCREENSHOTS"):
        pytest.skip("HEALTH_CHECK_SCREENSHOTS is not set")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(live_server.url + "/health-check/")
        page.get_by_label("Or paste the text").fill(ADVERT)
        page.get_by_role("button", name="Check the advert").click()
        page.wait_for_load_state("load")
        folder = Path(os.environ["HEALTH_CHECK_SCREENSHOTS"])
        page.screenshot(path=str(folder / f"health-check-full-{width}.png"), full_page=True)
