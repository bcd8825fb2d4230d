"""Every HTML page of the permission matrix, as every role allowed to see it, in a browser.

Shared by the accessibility check of every page (tests/test_axe_every_page.py) and the
screenshots (tests/screenshots.py, ``make screenshots``). The pages come from the permission
matrix (tests/test_permission_walker.py and tests/pages/) with the data the query budgets build
(``build_data``), so a page is in both as soon as it has its row in the matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from tests.browser import strict_context
from tests.pages import AREAS
from tests.test_permission_walker import EXPECTED
from tests.test_query_budgets import ROLE_PREFERENCE, kwargs_for

# Pages someone may read, each with its roles in the order the query budgets prefer.
PAGE_ROLES = [
    (name, [role for role in ROLE_PREFERENCE if EXPECTED[name][role] == "ok"])
    for name in EXPECTED
    if "ok" in EXPECTED[name].values()
]
# django-allauth's pages, which are not in the matrix (test_permission_walker checks their rules).
# Each one anyone can reach signed out: sign in, create an account, the password reset and its
# "check your email", "changed" and broken-link pages, and "confirm your email address".
SIGN_IN_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/done/",
    "/accounts/password/reset/key/1-not-a-key/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/not-a-key/",
]


@dataclass(frozen=True)
class Page:
    name: str  # the URL's name, or the address of a sign-in page
    url: str
    roles: list[str]
    html: bool  # feeds, downloads and JSON are not


def session_cookie(user: User | None) -> str | None:
    if user is None:
        return None
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def every_page(people: dict[str, User | None], data: dict[str, Any]) -> Iterator[Page]:
    """Each page of the matrix with the roles allowed to read it (the first role has just read
    it through Django's test client, so it answers 200), then the sign-in pages as anonymous."""
    for name, roles in PAGE_ROLES:
        for area in AREAS:
            area.prepare_data_for(name)
        url = reverse(name, kwargs=kwargs_for(name, people, data))
        probe = Client()
        if people[roles[0]] is not None:
            probe.force_login(people[roles[0]])  # type: ignore[arg-type]
        response = probe.get(url)
        assert response.status_code == 200, f"{url} as {roles[0]}: {response.status_code}"
        html = response.get("Content-Type", "").startswith("text/html")
        yield Page(name, url, roles, html)
    for url in SIGN_IN_PAGES:
        yield Page(url, url, ["anonymous"], True)


class RolePages:
    """One browser tab per role, each in its own context signed in with a session cookie and
    keeping the site's Content Security Policy, made when the role is first needed."""

    def __init__(
        self,
        browser: Any,
        base_url: str,
        people: dict[str, User | None],
        on_new_page: Callable[[Any], Any] = lambda page: page,
    ) -> None:
        self.browser = browser
        self.base_url = base_url
        self.people = people
        self.on_new_page = on_new_page
        self.pages: dict[str, Any] = {}

    def __getitem__(self, role: str) -> Any:
        if role not in self.pages:
            cookie = session_cookie(self.people[role])
            context = strict_context(self.browser, self.base_url, cookie)
            self.pages[role] = self.on_new_page(context.new_page())
        return self.pages[role]

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()
