"""What a vacancy started from a library JD carries over: terms read from the JD's free text, a
summary of whole sentences and the sections as rich text (jobs/from_jd.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from civictalent.core.vocabularies import WorkingPattern, Workplace
from civictalent.jobs.from_jd import (
    JDSectionText,
    description_from_sections,
    summary_from_purpose,
    terms_from_jd,
)


def section(text: str, kind: str = "other", heading: str = "About") -> JDSectionText:
    return JDSectionText(kind, heading, text)


@pytest.mark.parametrize(
    ("working_pattern", "hours", "pattern"),
    [
        ("Full time, 36 hours a week", Decimal("36.0"), "full_time"),
        ("full-time (35 hrs per week)", Decimal("35.0"), "full_time"),
        ("Part time, 18.5 hours per week", Decimal("18.5"), "part_time"),
        ("Job share considered", None, "job_share"),
        ("Flexible working welcome", None, "flexible"),
        ("36 hours", Decimal("36.0"), "full_time"),
        ("21 hours a week", Decimal("21.0"), "part_time"),
        ("32 hours a week", Decimal("32.0"), ""),
        ("", None, ""),
        ("Part time or full time", None, "part_time"),
    ],
)
def test_hours_and_working_pattern_come_from_the_working_pattern(
    working_pattern: str, hours: Decimal | None, pattern: str
) -> None:
    terms = terms_from_jd(working_pattern, [])
    assert (terms.hours_per_week, terms.working_pattern) == (hours, pattern)
    assert pattern == "" or pattern in WorkingPattern.values


def test_hours_are_found_in_the_sections_when_the_pattern_has_none() -> None:
    terms = terms_from_jd("Full time", [section("You will work 37 hours per week.")])
    assert terms.hours_per_week == Decimal("37.0")


def test_hours_out_of_range_are_left_out() -> None:
    assert terms_from_jd("99 hours a week", []).hours_per_week is None


@pytest.mark.parametrize(
    ("working_pattern", "texts", "workplace", "hybrid"),
    [
        (
            "Full time, hybrid",
            ["We expect you in the office two days a week. The rest is up to you."],
            "hybrid",
            "We expect you in the office two days a week.",
        ),
        (
            "Hybrid: 2 days a week at Hackney Town Hall",
            [],
            "hybrid",
            "2 days a week at Hackney Town Hall",
        ),
        ("Full time", ["This is a fully remote role."], "remote", ""),
        ("Full time", ["The role is office based in Woolwich."], "on_site", ""),
        ("Full time", ["We use hybrid working."], "hybrid", ""),
        ("Full time", ["Nothing about the place."], "", ""),
    ],
)
def test_where_the_work_is_done_and_the_hybrid_arrangement(
    working_pattern: str, texts: list[str], workplace: str, hybrid: str
) -> None:
    terms = terms_from_jd(working_pattern, [section(text) for text in texts])
    assert (terms.workplace, terms.hybrid_pattern) == (workplace, hybrid)
    assert workplace == "" or workplace in Workplace.values


def test_a_hybrid_sentence_too_long_for_the_field_is_left_out_not_cut() -> None:
    long = "You will spend two days a week in the office " + "and more words " * 20 + "there."
    assert terms_from_jd("Hybrid", [section(long)]).hybrid_pattern == ""


def test_the_summary_is_whole_sentences_within_the_limit() -> None:
    purpose = (
        "## Purpose\nYou will lead analysis for housing. You will build dashboards staff trust! "
        "Do you want to help? " + "This sentence is long enough to go over the limit. " * 3
    )
    assert summary_from_purpose(purpose, limit=110, sentences_at_most=5) == (
        "You will lead analysis for housing. You will build dashboards staff trust! "
        "Do you want to help?"
    )
    assert summary_from_purpose(purpose) == (
        "You will lead analysis for housing. You will build dashboards staff trust!"
    )


def test_the_summary_never_cuts_a_sentence_and_turns_list_items_into_sentences() -> None:
    assert summary_from_purpose("A" * 700 + ".") == ""
    purpose = "## Aims\nThe role is to:\n- lead the council's data team with care\n- set standards"
    assert summary_from_purpose(purpose) == "Lead the council's data team with care."


def test_the_description_is_each_section_under_its_heading_with_real_lists() -> None:
    description = description_from_sections(
        [
            section("To improve services.", "purpose", "Purpose of the role"),
            section("The main duties:\n• Lead\n• Build", "responsibilities", "What you will do"),
            section("", "other", "Empty"),
        ]
    )
    assert description == (
        "## Purpose of the role\n\nTo improve services.\n\n"
        "## What you will do\n\nThe main duties:\n\n- Lead\n- Build"
    )
