"""Every HTML page we serve, in a real browser with axe-core, as the first role allowed to see it.

The pages come from the permission matrix (tests/test_permission_walker.py and tests/pages/), with
the data the query budgets build, so a new page is checked here as soon as it has its row. Feeds,
downloads and JSON are left out: axe checks HTML. The journeys in test_browser_*.py check the
pages that only exist after a form is sent (errors, confirmations).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from tests.browser import AccessibilityAudit
from tests.pages import AREAS
from tests.test_query_budgets import PAGES, build_data, kwargs_for

pytestmark = pytest.mark.browser


def session_cookie(user: User | None) -> str | None:
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


@pytest.mark.django_db(transaction=True)
def test_every_html_page_passes_axe(
    live_server: Any, browser: Any, people: dict[str, User | None]
) -> None:
    data = build_data(people, salaries=True)
    contexts: dict[str, Any] = {}
    audit = AccessibilityAudit()
    skipped: list[str] = []
    try:
        for name, role in PAGES:
            for area in AREAS:
                area.prepare_data_for(name)
            url = reverse(name, kwargs=kwargs_for(name, people, data))
            probe = Client()
            if people[role] is not None:
                probe.force_login(people[role])  # type: ignore[arg-type]
            response = probe.get(url)
            assert response.status_code == 200, f"{url} as {role}: {response.status_code}"
            if not response.get("Content-Type", "").startswith("text/html"):
                skipped.append(name)
                continue
            if role not in contexts:
                context = browser.new_context(bypass_csp=True)
                context.set_default_timeout(15_000)
                cookie = session_cookie(people[role])
                if cookie:
                    context.add_cookies(
                        [{"name": "sessionid", "value": cookie, "url": live_server.url}]
                    )
                contexts[role] = context.new_page()
            page = contexts[role]
            page.goto(live_server.url + url)
            audit.check(page)
    finally:
        for page in contexts.values():
            page.context.close()
    assert len(audit.checked) > 60, audit.checked
    assert {"jobs:feed_rss", "core:healthz"} <= set(skipped), "feeds and JSON are not HTML"
