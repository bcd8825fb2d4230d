"""No page carries inline script or style, so the strict Content Security Policy (no
'unsafe-inline') never has to be loosened: every HTML page of the permission matrix, as the first
role allowed to see it (the pages tests/test_axe_every_page.py checks), plus the sign-in, sign-up
and reset pages, and the error pages.

Looked for: a <script> without src (JSON-LD data blocks are data, not script, and allowed), any
<style> element, any style="" attribute, any on*="" event handler, and javascript: URLs. The
admin site (Django's own templates) is left out; its CSP allows inline style (core/middleware.py).
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.ratelimit import too_many_requests
from tests.pages import AREAS
from tests.test_query_budgets import PAGES, build_data, kwargs_for

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class InlineCodeFinder(HTMLParser):
    """Collects each piece of inline script or style in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._data_script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {name.lower(): value or "" for name, value in attrs}
        if tag == "script" and "src" not in named:
            if named.get("type", "").lower() in DATA_SCRIPT_TYPES:
                self._data_script = []
            else:
                self.problems.append(f"<script> without src: {named}")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in named.items():
            if name == "style":
                self.problems.append(f'style="{value}" on <{tag}>')
            if name.startswith("on"):
                self.problems.append(f'{name}="{value}" on <{tag}>')
            if name in URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self.problems.append(f'{name}="{value}" on <{tag}>')

    def handle_data(self, data: str) -> None:
        if self._data_script is not None:
            self._data_script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._data_script is not None:
            try:
                json.loads("".join(self._data_script))
            except ValueError:
                self.problems.append("a JSON data <script> that is not JSON")
            self._data_script = None


def inline_code_in(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def test_the_finder_finds_each_kind_of_inline_code() -> None:
    html = (
        "<script>alert(1)</script><style>p{}</style><p style='color:red'>x</p>"
        "<button onclick='go()'>b</button><a href=' JavaScript:go()'>a</a>"
        '<script src="/static/app.js"></script>'
        '<script type="application/ld+json">{"@type": "JobPosting"}</script>'
    )
    problems = inline_code_in(html)
    assert len(problems) == 5, problems
    assert inline_code_in('<a href="/jobs/">Jobs</a><p class="govuk-body">style=</p>') == []


@pytest.mark.django_db
def test_no_page_of_the_permission_matrix_has_inline_script_or_style(
    people: dict[str, User | None],
) -> None:
    data = build_data(people, salaries=True)
    checked: list[str] = []
    found: dict[str, list[str]] = {}
    for name, role in PAGES:
        for area in AREAS:
            area.prepare_data_for(name)
        url = reverse(name, kwargs=kwargs_for(name, people, data))
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])  # type: ignore[arg-type]
        response = client.get(url)
        assert response.status_code == 200, f"{url} as {role}: {response.status_code}"
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        checked.append(name)
        problems = inline_code_in(response.content.decode())
        if problems:
            found[f"{name} ({url})"] = problems
    assert not found, found
    assert len(checked) > 60, checked


ACCOUNT_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/confirm-email/",
    "/no-such-page/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ACCOUNT_PAGES)
def test_sign_in_pages_and_error_pages_have_no_inline_script_or_style(url: str) -> None:
    response = Client().get(url)
    assert response.status_code in {200, 404}
    assert "govuk-template" in response.content.decode()
    assert inline_code_in(response.content.decode()) == []


@pytest.mark.django_db
def test_the_too_many_attempts_page_has_no_inline_script_or_style() -> None:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    response: Any = too_many_requests(request, 120)
    assert response.status_code == 429
    assert inline_code_in(response.content.decode()) == []
