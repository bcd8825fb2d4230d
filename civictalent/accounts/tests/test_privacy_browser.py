"""In a real browser: download your data, then delete your account through the password check,
with axe-core on every page of the journey."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest

from civictalent.accounts.models import User
from tests import conftest as browser_fixtures
from tests.browser import AccessibilityAudit, sign_in

# The browser fixtures of tests/conftest.py, which pytest does not offer outside tests/.
browser = browser_fixtures.browser
page = browser_fixtures.page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"  # make_user's


def test_download_then_delete_your_account(
    live_server: Any, page: Any, make_user: Callable[..., User], london: None
) -> None:
    jo = make_user(email="jo@example.org", name="Jo Bloggs")
    audit = AccessibilityAudit()
    sign_in(page, live_server.url, "jo@example.org", PASSWORD)
    audit.check(page)  # the dashboard
    page.get_by_role("link", name="Your account", exact=True).first.click()
    audit.check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data").click()
    with zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes())) as archive:
        assert json.loads(archive.read("account.json"))["display_name"] == "Jo Bloggs"

    page.get_by_role("link", name="Delete your account").click()
    page.wait_for_url("**/account/delete/")
    audit.check(page)
    page.get_by_role("button", name="Delete your account").click()
    page.wait_for_url("**/accounts/reauthenticate/**")
    audit.check(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/account/deleted/")
    audit.check(page)
    assert page.get_by_role("heading", name="Your account has been deleted").is_visible()
    assert not User.objects.filter(pk=jo.pk).exists()
    page.goto(live_server.url + "/account/")
    assert "/accounts/login/" in page.url
