"""What every public page tells search engines and machines about itself.

Every public HTML page of the permission matrix (the pages anyone may read without signing in)
has its own <meta name="description">: present, a sentence long, and not the site-wide default
(so a search result says what the page is). Every <time datetime> on those pages is a valid
date or time string as the HTML standard defines it: in particular no microseconds, which
Python's isoformat() writes and the standard does not allow (at most three digits of a second).
"""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from civictalent.accounts.models import User
from tests.every_page import every_page
from tests.test_query_budgets import build_data

DEFAULT_DESCRIPTION = (
    "Civic Talent helps London's councils hire and keep digital, data and technology people: "
    "jobs, job descriptions, pay benchmarks and more."
)
_META = re.compile(r'<meta name="description" content="([^"]*)">')
_DATETIME = re.compile(r'<time[^>]*\sdatetime="([^"]*)"')

# The HTML standard's valid date, month, time, local date and time, and global date and time
# strings (https://html.spec.whatwg.org/#dates-and-times), enough for what pages show.
_DATE = r"\d{4,}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?"
_ZONE = r"(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)"
VALID_DATETIME = re.compile(
    rf"(?:{_DATE}(?:[T ]{_TIME}{_ZONE}?)?|\d{{4,}}-(?:0[1-9]|1[0-2])|{_TIME})"
)


def public_pages(people: dict[str, User | None]) -> list[tuple[str, str]]:
    data = build_data(people, salaries=True)
    return [
        (found.name, found.url)
        for found in every_page(people, data)
        if found.html and "anonymous" in found.roles and found.name.count(":") == 1
    ]


def test_the_datetime_pattern_tells_valid_from_invalid() -> None:
    for valid in (
        "2026-12-07",
        "2026-12-07T20:46:03+00:00",
        "2026-12-07T20:46+0100",
        "2026-12",
        "2026-12-07T20:46:03.123Z",
        "20:46",
        "2026-12-07 20:46:03",
    ):
        assert VALID_DATETIME.fullmatch(valid), valid
    for invalid in (
        "2026-12-07T20:46:03.123456+00:00",
        "",
        "7 December 2026",
        "2026-13-01",
        "2026-12-07T20:46:03+00:00 ",
        "2026-12-07T25:00",
    ):
        assert not VALID_DATETIME.fullmatch(invalid), invalid


@pytest.mark.django_db
def test_every_public_page_describes_itself_and_writes_valid_datetimes(
    people: dict[str, User | None],
) -> None:
    pages = public_pages(people)
    assert len(pages) > 15, pages
    descriptions: dict[str, str] = {}
    problems: list[str] = []
    datetimes = 0
    for name, url in pages:
        body = Client().get(url).content.decode()
        found = _META.findall(body)
        if len(found) != 1:
            problems.append(f"{url} has {len(found)} meta descriptions")
            continue
        description = html.unescape(found[0]).strip()
        if description == DEFAULT_DESCRIPTION:
            problems.append(f"{name} ({url}) has only the site-wide description")
        elif not 40 <= len(description) <= 300:
            problems.append(f"{name}: a description of {len(description)} characters")
        descriptions[name] = description
        for value in _DATETIME.findall(body):
            datetimes += 1
            if not VALID_DATETIME.fullmatch(value):
                problems.append(f"{url}: <time datetime={value!r}> is not a valid date or time")
    assert not problems, "\n".join(problems)
    assert datetimes >= 3, "the board and a vacancy show dates: is the check finding them?"
