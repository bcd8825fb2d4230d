"""Charts and the library's compare page on a phone (390 CSS pixels), in Chromium with the
site's real CSP: every word of a chart renders at 14 px or more, and no page scrolls sideways."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.services import SectionInput
from civictalent.jdlibrary.tests.test_curation import DUTIES, ESSENTIAL, published_jd
from civictalent.organisations.models import Organisation, Role
from civictalent.salaries.benchmarks import benchmarks_refresh_due
from civictalent.salaries.tests.test_observations_and_benchmarks import councils, record
from tests.browser import reflow_problems, strict_context
from tests.every_page import session_cookie

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 14

# The rendered size of every piece of text in every chart: the font size times the scale the
# viewBox is drawn at (getScreenCTM), as a person sees it.
CHART_TEXT_SIZES = """
() => Array.from(document.querySelectorAll('svg[role="img"] text')).map((text) => {
  const matrix = text.getScreenCTM();
  const scale = Math.hypot(matrix.a, matrix.b);
  return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
})
"""


@pytest.mark.django_db(transaction=True)
def test_chart_text_is_at_least_14px_and_no_page_scrolls_sideways_at_390px(
    live_server: Any, browser: Any, make_user: Callable[..., User], council_a: Organisation
) -> None:
    framework_load_starter()
    level = RoleLevel.objects.get(framework__is_default=True, slug="senior-data-analyst")
    for number, council in enumerate(councils(8)):
        record(level, council, 40000 + number * 1500, f"v{number}")
        record(level, council, 38000 + number * 1000, f"old{number}", days_ago=200)
    benchmarks_refresh_due()
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    long_words = [
        SectionInput(
            "purpose", "Job purpose", "Lead the councils's data-and-insight-function. " * 8
        ),
        SectionInput("responsibilities", "Main duties", DUTIES),
        SectionInput("essential", "Essential criteria", ESSENTIAL),
    ]
    jds = [
        published_jd(council_a, editor, title=title, sections=long_words, role_level=level)
        for title in ("Senior Data Analyst", "Lead Data and Insight Analyst", "Data Analyst")
    ]
    context = strict_context(browser, live_server.url, session_cookie(editor))
    page = context.new_page()
    page.set_viewport_size(PHONE)
    sizes: list[dict[str, Any]] = []
    problems: dict[str, list[str]] = {}
    ids = "&".join(f"jd={jd.pk}" for jd in jds)
    try:
        for path in (
            "/salaries/benchmarks/level/senior-data-analyst/",
            f"/salaries/benchmarks/role/{level.role.slug}/",
            f"/library/compare/?{ids}&action=compare",
            "/library/compare/?q=analyst&action=search",
            "/salaries/",
            "/jobs/",
        ):
            assert page.goto(live_server.url + path).status == 200, path
            if path.startswith("/salaries/benchmarks/"):
                sizes += page.evaluate(CHART_TEXT_SIZES)
            problems[path] = reflow_problems(page)
    finally:
        context.close()
    assert len(sizes) > 40, "the charts' text was measured"
    small = [size for size in sizes if size["px"] < MIN_TEXT_PX - 0.01]
    assert not small, f"chart text under {MIN_TEXT_PX}px at 390px: {small[:8]}"
    wide = {path: found for path, found in problems.items() if found}
    assert not wide, wide
