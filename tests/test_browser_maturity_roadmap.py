"""The roadmap's pages in a real browser: axe-core, the Content Security Policy and reflow at
320 pixels, as each role allowed to see them, with a full plan on the page and with errors."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.maturity.models import RoadmapAction
from tests.browser import StrictAudit, reflow_problems
from tests.every_page import RolePages
from tests.pages import maturity_roadmap

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_roadmap_pages_pass_axe_and_reflow(
    live_server: Any, browser: Any, people: dict[str, User | None]
) -> None:
    maturity_roadmap.build_page_data(people)
    action = RoadmapAction.objects.filter(organisation__slug="hackney").first()
    assert action is not None
    audit = StrictAudit()
    pages = RolePages(browser, live_server.url, people, on_new_page=audit.watch)
    failures: list[str] = []
    try:
        for name, row in maturity_roadmap.EXPECTED.items():
            if name == "maturity:investment_case":
                continue  # a Word document, not HTML
            kwargs: dict[str, Any] = (
                {} if name == "maturity:team_structures" else {"slug": "hackney"}
            )
            if name == "maturity:action_edit":
                kwargs["pk"] = action.pk
            url = live_server.url + reverse(name, kwargs=kwargs)
            for number, role in enumerate(r for r, outcome in row.items() if outcome == "ok"):
                page = pages[role]
                answer = page.goto(url)
                assert answer is not None and answer.status == 200, f"{url} as {role}"
                try:
                    audit.check(page, role)
                except AssertionError as error:
                    failures.append(str(error))
                if number == 0:
                    page.set_viewport_size({"width": 320, "height": 640})
                    problems = reflow_problems(page)
                    page.set_viewport_size({"width": 1280, "height": 720})
                    if problems:
                        failures.append(f"{url} at 320px: {problems[:5]}")
        # A form sent with mistakes: the error summary and the date input's error.
        page = pages["editor_a"]
        page.goto(live_server.url + reverse("maturity:action_add", kwargs={"slug": "hackney"}))
        page.fill("#id_due_day", "31")
        page.fill("#id_due_month", "2")
        page.fill("#id_due_year", "2027")
        page.get_by_role("button", name="Save action").click()
        page.wait_for_load_state("load")
        assert "must be a real date" in page.content()
        try:
            audit.check(page, "editor_a with errors")
        except AssertionError as error:
            failures.append(str(error))
    finally:
        pages.close()
    assert not failures, "\n\n".join(failures)
    assert len(audit.checked) >= 15
