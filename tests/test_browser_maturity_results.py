"""The results and progress pages in a real browser: axe-core finds nothing (the heatmap's colours
included), nothing is blocked, and the pages reflow at 320 pixels with the tables scrolling in
their labelled regions."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from civictalent.maturity.tests.factories_results import london_councils, make_model, submit
from civictalent.organisations.models import Organisation
from tests.browser import StrictAudit, reflow_problems, strict_context
from tests.every_page import session_cookie

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}
NARROW = {"width": 320, "height": 640}


@pytest.mark.django_db(transaction=True)
def test_results_and_progress_pass_axe_and_reflow(
    live_server: Any, browser: Any, people: dict[str, Any], council_a: Organisation
) -> None:
    model = make_model(topics=6, themes=4, questions_per_topic=3, default=True)
    hidden = make_model(topics=2, themes=1)
    for number, council in enumerate(london_councils(6, leave_out=council_a)):
        submit(council, model, [1 + number % 5, 3, 5])
    submit(council_a, model, [1, 2], when=timezone.now() - datetime.timedelta(days=200))
    latest = submit(council_a, model, [2, 3, 4, 5, 1])
    alone = submit(council_a, hidden, 3)
    urls = [
        f"/maturity/assessments/{latest.pk}/results/",
        f"/maturity/assessments/{alone.pk}/results/",
        f"/maturity/councils/{council_a.slug}/progress/",
    ]
    audit = StrictAudit()
    failures: list[str] = []
    context = strict_context(browser, live_server.url, session_cookie(people["admin_a"]))
    page = audit.watch(context.new_page())
    for url in urls:
        page.set_viewport_size(WIDE)
        answer = page.goto(live_server.url + url)
        assert answer is not None and answer.status == 200, url
        try:
            audit.check(page, "admin_a")
        except AssertionError as error:
            failures.append(str(error))
        page.set_viewport_size(NARROW)
        if found := reflow_problems(page):
            failures.append(f"{url} at 320px: {found[:5]}")
    shaded = page.evaluate(
        "() => getComputedStyle(document.querySelector('.app-maturity-level--5')).backgroundColor"
    )
    context.close()
    assert not failures, "\n\n".join(failures)
    assert shaded == "rgb(80, 137, 198)", "the heatmap's stylesheet is not built"
