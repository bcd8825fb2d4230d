"""`make screenshots` (tests/screenshots.py) pictures every page of the permission matrix as
every role allowed to read it, so its list cannot drift from the matrix."""

from __future__ import annotations

from tests.every_page import SIGN_IN_PAGES
from tests.screenshots import shot_plan
from tests.test_permission_walker import EXPECTED


def test_the_screenshots_cover_every_page_of_the_permission_matrix_as_every_role() -> None:
    planned = {(page, role) for page, roles in shot_plan() for role in roles}
    readable = {
        (name, role)
        for name, row in EXPECTED.items()
        for role, outcome in row.items()
        if outcome == "ok"
    }
    assert readable <= planned, sorted(readable - planned)
    sign_in = {(url, "anonymous") for url in SIGN_IN_PAGES}
    assert planned == readable | sign_in, sorted(planned - readable - sign_in)
    pages = {name for name, row in EXPECTED.items() if "ok" in row.values()}
    assert pages == {page for page, _ in shot_plan()} - set(SIGN_IN_PAGES)
