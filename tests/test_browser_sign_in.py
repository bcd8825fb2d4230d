"""In a real browser: a wrong password gives GOV.UK's error summary, whose link takes you to the
field, and the page passes axe-core; then the right password signs you in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from civictalent.accounts.models import User
from tests.browser import AccessibilityAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # make_user's


def test_a_wrong_password_is_summarised_linked_to_the_field_and_accessible(
    live_server: Any, page: Any, make_user: Callable[..., User], london: None
) -> None:
    make_user(email="jo@hackney.gov.uk", name="Jo Bloggs")
    audit = AccessibilityAudit()
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("[placeholder]").count() == 0
    audit.check(page)

    page.get_by_label("Email address").fill("jo@hackney.gov.uk")
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state("load")

    assert page.title().startswith("Error: Sign in")
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1
    # GOV.UK Frontend moves focus to the summary so a screen reader announces it.
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    link = summary.get_by_role("link")
    assert link.count() == 1 and link.get_attribute("href") == "#id_login"
    audit.check(page)

    link.click()
    assert page.evaluate("document.activeElement.id") == "id_login"

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/dashboard/")
