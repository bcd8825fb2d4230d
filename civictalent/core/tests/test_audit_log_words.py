"""The audit log in words: labels for action codes, changes read as changes only where there
was a before, and filters by what, who, council and date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from civictalent.accounts.models import User
from civictalent.core.audit_words import (
    ACTION_LABELS,
    ChangeLine,
    action_label,
    change_lines,
)
from civictalent.core.models import AuditEvent

# --- Pure: what the words say ---------------------------------------------------------------


def test_a_single_string_is_a_value_not_a_change_split_into_characters() -> None:
    # Users saw "origin: f → o": the string "form" indexed as if it were [before, after].
    assert change_lines({"origin": "form"}) == [ChangeLine("Origin", None, "form")]
    assert change_lines({"grade": "DE"}) == [ChangeLine("Grade", None, "DE")]


def test_a_change_shows_its_before_only_when_there_was_one() -> None:
    assert change_lines({"role": ["member", "editor"]}) == [ChangeLine("Role", "member", "editor")]
    # A created record: a value, not "none → x".
    assert change_lines({"spot_checked_at": [None, "2026-03-01"]}) == [
        ChangeLine("Spot checked at", None, "2026-03-01")
    ]
    assert change_lines({"exemplar_reason": ["", "Clear"]}) == [
        ChangeLine("Exemplar reason", None, "Clear")
    ]


def test_false_and_zero_are_values_not_none() -> None:
    assert change_lines({"is_publisher": [False, True]}) == [
        ChangeLine("Is publisher", "No", "Yes")
    ]
    assert change_lines({"points": [0, 12]}) == [ChangeLine("Points", "0", "12")]
    assert change_lines({"created": 0}) == [ChangeLine("Created", None, "0")]


def test_a_list_fact_of_two_items_is_not_read_as_a_pair() -> None:
    assert change_lines({"grades_changed": ["PO1", "PO2"]}) == [
        ChangeLine("Grades changed", None, "PO1, PO2")
    ]
    assert change_lines({"domains": [["a.gov.uk"], ["a.gov.uk", "b.gov.uk"]]}) == [
        ChangeLine("Domains", "a.gov.uk", "a.gov.uk, b.gov.uk")
    ]


def test_every_action_the_services_write_has_a_label_in_words() -> None:
    source = Path(__file__).resolve().parents[2]
    written = set()
    for path in source.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for line in path.read_text().splitlines():
            if "action" in line:
                written |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', line))
    assert "jd.created" in written and "vacancy.published" in written
    missing = sorted(code for code in written if code not in ACTION_LABELS)
    assert not missing, f"action codes with no words: {missing}"
    assert action_label("jd.created") == "Job description created"
    # A code nobody labelled still reads as words.
    assert action_label("widget.turned_on") == "Widget turned on"


# --- The page ---------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def record(actor: User | None, action: str, summary: str, changes: dict[str, Any]) -> None:
    AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type="core.Thing",
        target_id="1",
        summary=summary,
        changes=changes,
    )


def admin_client(people: dict[str, Any]) -> Client:
    client = Client()
    client.force_login(people["platform_admin"])
    return client


def test_the_log_shows_words_names_and_values_not_codes_or_split_strings(
    people: dict[str, Any],
) -> None:
    editor = people["editor_a"]
    for number in range(3):
        record(
            editor,
            "jd.created",
            f"{editor.email} created JD number {number}",
            {"origin": "form", "title": [None, "Data analyst"]},
        )
    page = admin_client(people).get("/platform/audit/").content.decode()
    assert "Job description created" in page
    assert "f → o" not in page and "→" not in page.split("Audit events", 1)[1]
    assert "none → " not in page.lower()
    # The name on every row, the email address once.
    assert page.count(editor.display_name) >= 3
    assert page.count(editor.email) == 1
    assert '<option value="jd.created">Job description created</option>' in page
    assert ">jd.created<" not in page, "the action filter shows codes, not words"


def test_a_change_with_a_before_shows_it(people: dict[str, Any]) -> None:
    record(
        people["admin_a"],
        "membership.role_changed",
        "Changed a role",
        {"role": ["member", "editor"]},
    )
    page = admin_client(people).get("/platform/audit/").content.decode()
    assert 'member <span aria-hidden="true">→</span>' in page
    assert "Member&#x27;s role changed" in page or "Member's role changed" in page


def test_the_filters_narrow_by_action_person_council_and_date(people: dict[str, Any]) -> None:
    record(people["editor_a"], "jd.created", "First", {})
    record(people["member_b"], "vacancy.created", "Second", {})
    client = admin_client(people)

    def shown(**filters: str) -> set[str]:
        page = client.get(f"/platform/audit/?{urlencode(filters)}").content.decode()
        return {word for word in ("First", "Second") if f">{word}<" in page}

    assert shown() == {"First", "Second"}
    assert shown(action="vacancy.created") == {"Second"}
    assert shown(person=people["editor_a"].display_name[:6].upper()) >= {"First"}
    assert shown(person=people["member_b"].email) == {"Second"}
    assert shown(since="1/1/2000", until="2999-12-31") == {"First", "Second"}
    assert shown(until="2000-01-01") == set()


def test_a_bad_date_is_in_the_error_summary_linked_to_its_field(people: dict[str, Any]) -> None:
    response = admin_client(people).get("/platform/audit/?since=31-02-2026&until=2026-01-01")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Audit log" in page
    assert 'class="govuk-error-summary"' in page
    assert 'href="#id_since"' in page
    assert 'id="id_since-error"' in page
