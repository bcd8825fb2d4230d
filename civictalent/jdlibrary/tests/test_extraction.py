"""Turning job description text into structure, and the ``ingest-jd`` command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from civictalent.documents import read_document
from civictalent.documents.tests.test_documents import build_docx, build_odt
from civictalent.framework.titles import TitleMapper, catalogue_from_starter
from civictalent.jdlibrary.extraction import (
    SECTION_KINDS,
    ExtractedJD,
    classify_heading,
    extract,
    extract_document,
)
from civictalent.jdlibrary.extraction.title import split_trailing_grade
from civictalent.jdlibrary.management.commands.ingest_jd import Command

COUNCIL_JD = """\
Job title: Senior Data Analyst
Grade: PO4
Salary: £45,000 - £52,000 per annum (including London weighting)
Contract: Permanent
Hours: 36 hours per week, hybrid working
Location: Hackney Town Hall
Closing date: 12th March 2025

Job purpose
Lead the council's analysis of housing repairs so residents get repairs done first time.

Key responsibilities
- Build dashboards for repairs managers
- Model demand for the contact centre

Person specification

Essential
- Experience of SQL and Python
- Experience of explaining data to non-specialists

Desirable
- Knowledge of housing data

About the council
We serve a quarter of a million residents.

What we offer
- 31 days' annual leave
- Local Government Pension Scheme

How to apply
Apply online with a supporting statement.
"""


@pytest.fixture(scope="module")
def mapper() -> TitleMapper:
    return TitleMapper(catalogue_from_starter())


# --------------------------------------------------------------------------------------------
# Headings by meaning


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Job purpose", "purpose"),
        ("Purpose of the job:", "purpose"),
        ("Overall purpose", "purpose"),
        ("About the role", "purpose"),
        ("Role summary", "purpose"),
        ("1. Job Purpose", "purpose"),
        ("Main duties", "responsibilities"),
        ("Key responsibilities", "responsibilities"),
        ("KEY ACCOUNTABILITIES", "responsibilities"),
        ("What you'll do", "responsibilities"),
        ("What you\u2019ll be doing", "responsibilities"),
        ("The main responsibilities of the post are:", "responsibilities"),
        ("Key objective #2: Advance the practice of design", "responsibilities"),
        ("Person specification", "person_specification"),
        ("Personal Specification - Competencies / Skills", "person_specification"),
        ("Skills and experience", "person_specification"),
        ("What we're looking for", "person_specification"),
        ("About you", "person_specification"),
        ("Essential criteria", "essential"),
        ("Essential", "essential"),
        ("Knowledge \u2013 Essential", "essential"),
        ("Desirable", "desirable"),
        ("Nice to have", "desirable"),
        ("About us", "about_council"),
        ("About the council", "about_council"),
        ("About Hackney", "about_council"),
        ("Who we are", "about_council"),
        ("What we offer", "benefits"),
        ("Benefits", "benefits"),
        ("Why work for us?", "benefits"),
        ("How to apply", "how_to_apply"),
        ("Application process", "how_to_apply"),
        ("Equal opportunities", "other"),
        ("Terms and Conditions", "other"),
        ("Strategy", None),
        ("Seeing the Big Picture", None),
        ("Applying agile methods to complex programmes of work", None),
    ],
)
def test_headings_are_recognised_by_meaning(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


def test_every_section_kind_is_listed() -> None:
    assert set(SECTION_KINDS) == {
        "purpose",
        "responsibilities",
        "person_specification",
        "essential",
        "desirable",
        "about_council",
        "benefits",
        "how_to_apply",
        "other",
    }


# --------------------------------------------------------------------------------------------
# A whole job description


def test_a_council_jd_is_extracted_field_by_field(mapper: TitleMapper) -> None:
    result = extract(COUNCIL_JD, mapper=mapper)

    assert result.title == "Senior Data Analyst"
    assert result.grade == "PO4"
    assert result.salary_text == "£45,000 - £52,000 per annum (including London weighting)"
    assert result.salary is not None
    pay = result.salary["ranges"][0]
    assert (pay["minimum"], pay["maximum"], pay["currency"], pay["period"]) == (
        45000,
        52000,
        "GBP",
        "year",
    )
    assert pay["basis"] == "including_london_weighting"
    assert result.contract == "permanent"
    assert result.working_pattern == "hybrid, 36 hours a week"
    assert result.location == "Hackney Town Hall"
    assert result.closing_date == "2025-03-12"
    assert [(section.kind, section.heading) for section in result.sections] == [
        ("other", ""),
        ("purpose", "Job purpose"),
        ("responsibilities", "Key responsibilities"),
        ("essential", "Person specification \u2013 Essential"),
        ("desirable", "Person specification \u2013 Desirable"),
        ("about_council", "About the council"),
        ("benefits", "What we offer"),
        ("how_to_apply", "How to apply"),
    ]
    assert result.text_of("responsibilities") == (
        "- Build dashboards for repairs managers\n- Model demand for the contact centre"
    )
    assert result.word_count == len([w for w in COUNCIL_JD.split() if any(c.isalnum() for c in w)])
    assert result.mapping is not None
    assert result.mapping["role"] == "Data analyst"
    assert result.mapping["role_level"] == "Senior data analyst"
    assert result.warnings == []


def test_to_dict_is_the_json_the_command_prints(mapper: TitleMapper) -> None:
    payload = extract(COUNCIL_JD, mapper=mapper).to_dict()

    assert list(payload) == [
        "title",
        "grade",
        "salary",
        "salary_text",
        "sections",
        "word_count",
        "contract",
        "working_pattern",
        "location",
        "closing_date",
        "mapping",
        "warnings",
    ]
    assert set(payload["sections"][1]) == {"kind", "heading", "text", "word_count"}
    assert payload["sections"][1]["word_count"] == 14
    assert json.loads(json.dumps(payload)) == payload


def test_without_a_mapper_there_is_no_mapping() -> None:
    assert extract(COUNCIL_JD).mapping is None


# --------------------------------------------------------------------------------------------
# Title


def test_the_title_comes_from_front_matter_first() -> None:
    result = extract("Job title: Analyst\n\nMain duties\n- Analyse", front_matter={"title": "Lead"})

    assert result.title == "Lead"


def test_a_job_title_label_beats_a_position_designation() -> None:
    text = "Position Designation: Lead Developer\n\nJob Title: Lead Content Designer\n"

    assert extract(text).title == "Lead Content Designer"


def test_a_table_row_labelled_post_title_gives_the_title() -> None:
    assert extract("Post title | Cloud Engineer\nGrade | SO2").title == "Cloud Engineer"


def test_the_first_heading_that_is_not_a_section_gives_the_title() -> None:
    text = "[Department]\n\nChief Digital Officer\n\nJob purpose\nLead digital."

    result = extract(text, headings={"[Department]": 0, "Chief Digital Officer": 0})

    assert result.title == "Chief Digital Officer"
    assert all("Chief Digital Officer" not in section.text for section in result.sections)


def test_the_file_name_is_the_last_resort_for_a_title() -> None:
    result = extract(
        "Background:\nA long opening sentence about the work.", title_hint="Agile coach"
    )

    assert result.title == "Agile coach"
    assert any("file name" in warning for warning in result.warnings)


# --------------------------------------------------------------------------------------------
# Pay and grade


def test_the_grade_comes_from_the_salary_parser() -> None:
    result = extract("Reward\nThe role is SCS pay band 2, which ranges from £82,900 to £162,500.")

    assert result.grade == "SCS2"
    assert result.salary is not None
    assert [(r["minimum"], r["maximum"]) for r in result.salary["ranges"]] == [(82900, 162500)]


def test_a_grade_without_pay_is_kept_and_pay_is_asked_for() -> None:
    result = extract("Job title: Developer\nGrade: Scale 6\n\nMain duties\n- Build things")

    assert result.grade == "Scale 6"
    assert result.salary is None
    assert result.salary_text == ""
    assert "We found no pay figures; add the advertised salary." in result.warnings


def test_a_labelled_salary_wins_over_other_money_in_the_text() -> None:
    text = (
        "Salary:\n£38,000 to £42,000 a year\n\n"
        "We have a £2m budget and pay a £500 relocation allowance per year.\n"
    )

    result = extract(text)

    assert result.salary_text == "£38,000 to £42,000 a year"


def test_labels_with_values_on_the_next_line_are_read() -> None:
    text = "Location:\nWoolwich Centre\n\nClosing date:\n1 March 2019\n"

    result = extract(text)

    assert (result.location, result.closing_date) == ("Woolwich Centre", "2019-03-01")


def test_salary_only_in_front_matter_needs_a_currency() -> None:
    without = extract("Body", front_matter={"salary_min": "105,123", "salary_max": "136,659"})
    with_currency = extract(
        "Body", front_matter={"salary_min": "$105,123", "salary_max": "$136,659"}
    )

    assert without.salary is None
    assert with_currency.salary is not None
    assert with_currency.salary["ranges"][0]["currency"] == "USD"
    assert any("not in pounds" in warning for warning in with_currency.warnings)


# --------------------------------------------------------------------------------------------
# Contract and working pattern


@pytest.mark.parametrize(
    ("text", "contract"),
    [
        ("Contract type: Fixed term for 12 months", "fixed term"),
        ("Type of posting: 2 Year Fixed Term Appointment", "fixed term"),
        ("Contract: Secondment or fixed term", "secondment"),
        ("Appointment Type:\nExcepted Service: Not to exceed 24 months (2 years)", "fixed term"),
        ("This is a Level 4 apprenticeship programme with day release.", "apprenticeship"),
        ("An interim role, outside IR35, for six months.", "interim"),
        ("This is a permanent, full time role.", "permanent"),
        ("Applicants holding a permanent post should note the pay rules.", None),
        ("No terms stated here.", None),
    ],
)
def test_contract(text: str, contract: str | None) -> None:
    assert extract(text).contract == contract


def test_a_working_pattern_label_wins_over_the_body() -> None:
    text = "Work schedule: Full time\n\nPart-time experience counts pro rata."

    assert extract(text).working_pattern == "full time"


def test_remote_working_technology_is_not_a_working_pattern() -> None:
    assert extract("Support remote working solutions and hybrid Exchange.").working_pattern is None


# --------------------------------------------------------------------------------------------
# Sections


def test_unrecognised_sub_headings_stay_inside_their_section() -> None:
    text = "Main Duties:\n\nStrategy\n- Set the strategy\n\nService delivery\n- Run the service\n"
    headings = {"Main Duties:": 2, "Strategy": 3, "Service delivery": 3}

    result = extract(text, headings=headings)

    assert [(s.kind, s.heading) for s in result.sections] == [("responsibilities", "Main Duties:")]
    assert result.sections[0].text == (
        "Strategy\n- Set the strategy\n\nService delivery\n- Run the service"
    )


def test_an_unrecognised_heading_as_prominent_as_the_section_starts_its_own() -> None:
    text = "Main duties\n- Do things\n\nTeams hiring\nThree teams are hiring."

    result = extract(text, headings={"Main duties": 2, "Teams hiring": 2})

    assert [(s.kind, s.heading) for s in result.sections] == [
        ("responsibilities", "Main duties"),
        ("other", "Teams hiring"),
    ]


def test_group_headings_name_their_essential_and_desirable_criteria() -> None:
    text = (
        "Criteria\n\nKnowledge\n\nEssential\n- Knows SQL\n\nDesirable\n- Knows R\n\n"
        "Skills and Abilities\n\nEssential\n- Can explain\n"
    )

    result = extract(text, headings={"Criteria": 2, "Knowledge": 3, "Skills and Abilities": 3})

    assert [(s.kind, s.heading) for s in result.sections] == [
        ("essential", "Knowledge \u2013 Essential"),
        ("desirable", "Knowledge \u2013 Desirable"),
        ("essential", "Skills and Abilities \u2013 Essential"),
    ]


def test_a_table_marked_e_and_d_becomes_essential_and_desirable() -> None:
    text = (
        "Person Specification\n"
        "Criteria | Essential/Desirable\n"
        "Knowledge\n"
        "- Knows SQL | E\n"
        "- Knows R | D\n"
        "Experience\n"
        "- Led a team | Essential\n"
    )

    result = extract(text)

    assert [(s.kind, s.heading, s.text) for s in result.sections] == [
        ("person_specification", "Person Specification", "Criteria | Essential/Desirable"),
        ("essential", "Knowledge \u2013 Essential criteria", "- Knows SQL"),
        ("desirable", "Knowledge \u2013 Desirable criteria", "- Knows R"),
        ("essential", "Experience \u2013 Essential criteria", "- Led a team"),
    ]


def test_text_before_the_first_heading_is_the_purpose_when_it_is_prose() -> None:
    text = (
        "Developer\n\n"
        "We want to expand our team of developers to help the council build and run great "
        "digital services for the people of the borough, working in the open.\n\n"
        "Main duties\n- Build things"
    )

    result = extract(text, headings={"Developer": 0})

    assert result.title == "Developer"
    assert [section.kind for section in result.sections] == ["purpose", "responsibilities"]


def test_a_table_of_contents_does_not_start_sections() -> None:
    text = (
        "Contents\n\nWelcome\n\nPerson Specification\n\nHow to Apply\n\n"
        "Dear Applicant, thank you for your interest.\n\n"
        "Person Specification\nYou will be a leader.\n"
    )

    result = extract(text)

    assert [(s.kind, s.heading) for s in result.sections] == [
        ("other", "Contents"),
        ("other", ""),
        ("person_specification", "Person Specification"),
    ]


def test_numbered_plain_text_headings_are_recognised() -> None:
    document = read_document(
        b"1. Job purpose\nTo lead.\n\n2. Main duties\n- Lead the team\n", "jd.txt"
    )

    result = extract_document(document)

    assert [s.kind for s in result.sections] == ["purpose", "responsibilities"]


def test_a_generated_word_document_is_extracted(mapper: TitleMapper) -> None:
    result = extract_document(read_document(build_docx(), "jd.docx"), mapper=mapper)

    assert result.title == "Senior Data Analyst"
    assert result.grade == "PO4"
    assert result.salary is not None
    assert result.salary["ranges"][0]["minimum"] == 45000
    assert result.contract == "permanent"
    assert result.working_pattern == "hybrid, 36 hours a week"
    assert [(s.kind, s.heading) for s in result.sections] == [
        ("other", ""),
        ("purpose", "Job purpose"),
        ("responsibilities", "Key responsibilities"),
        ("person_specification", "Person specification"),
        ("essential", "Essential criteria"),
        ("desirable", "Desirable criteria"),
        ("about_council", "About the council"),
    ]
    assert result.sections_of("essential")[0].text == (
        "Experience of SQL and Python\nExperience with Power BI"
    )


def test_a_generated_opendocument_is_extracted() -> None:
    result = extract_document(read_document(build_odt(), "data-engineer.odt"))

    assert result.title == "Data Engineer"
    assert result.grade == "PO6"
    assert result.salary is not None
    assert result.salary["ranges"][0]["maximum"] == 55000
    assert [s.kind for s in result.sections] == [
        "other",
        "responsibilities",
        "person_specification",
        "essential",
        "desirable",
    ]


def test_document_warnings_are_kept() -> None:
    document = read_document(build_docx(layout_table=True), "jd.docx")

    result = extract_document(document)

    assert any("layout" in warning for warning in result.warnings)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_extracts_without_error(text: str) -> None:
    result = extract(text)

    assert isinstance(result, ExtractedJD)
    assert all(section.kind in SECTION_KINDS for section in result.sections)
    assert all(section.text for section in result.sections)


# --------------------------------------------------------------------------------------------
# The ingest-jd command


@pytest.mark.django_db
def test_ingest_jd_prints_json(tmp_path: Path) -> None:
    path = tmp_path / "senior-data-analyst.docx"
    path.write_bytes(build_docx())
    out = io.StringIO()

    call_command(Command(), str(path), "--json", stdout=out)

    payload = json.loads(out.getvalue())
    assert payload["file"] == "senior-data-analyst.docx"
    assert payload["kind"] == "docx"
    assert payload["title"] == "Senior Data Analyst"
    assert payload["grade"] == "PO4"
    assert payload["salary"]["ranges"][0]["minimum"] == 45000
    assert payload["word_count"] > 50
    assert {section["kind"] for section in payload["sections"]} >= {"purpose", "essential"}
    # The default framework, loaded by the migrations, maps the title.
    assert payload["mapping"]["role"] == "Data analyst"


@pytest.mark.django_db
def test_ingest_jd_prints_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "data-engineer.odt"
    path.write_bytes(build_odt())
    out = io.StringIO()

    call_command(Command(), str(path), stdout=out)

    text = out.getvalue()
    assert text.startswith("data-engineer.odt (odt, ")
    assert "Title: Data Engineer" in text
    assert "Pay: GBP 48000 to 55000 per year" in text
    assert "responsibilities" in text


def test_ingest_jd_refuses_a_bad_file_with_its_message(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")

    with pytest.raises(CommandError, match=r"^This file is empty \(0 bytes\)"):
        call_command(Command(), str(path), "--json")


def test_ingest_jd_exits_with_status_1_and_the_message_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "program.docx"
    path.write_bytes(b"MZ" + bytes(100))
    stdout, stderr = io.StringIO(), io.StringIO()

    with pytest.raises(SystemExit) as exit_info:
        Command(stdout=stdout, stderr=stderr).run_from_argv(
            ["civictalent", "ingest_jd", str(path), "--json"]
        )

    assert exit_info.value.code == 1
    assert "This file is called .docx but is not a Word document" in stderr.getvalue()
    assert stdout.getvalue() == ""


def test_ingest_jd_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call_command(Command(), str(tmp_path / "missing.docx"))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Business Analyst \u2013 B2", ("Business Analyst", "B2")),
        ("Data Lead - PO4", ("Data Lead", "PO4")),
        ("Analyst (SO1)", ("Analyst", "SO1")),
        ("Head of Digital, Grade 7", ("Head of Digital", "Grade 7")),
        ("Chief Digital Officer \u2013 SCS2", ("Chief Digital Officer", "SCS2")),
        # Not grades: a skill, an apprenticeship level, a title that is only a grade.
        ("Data Engineer \u2013 AWS", ("Data Engineer \u2013 AWS", None)),
        ("IT Support \u2013 Level 3", ("IT Support \u2013 Level 3", None)),
        ("Band 6", ("Band 6", None)),
    ],
)
def test_a_grade_written_after_the_title_becomes_the_grade(
    title: str, expected: tuple[str, str | None]
) -> None:
    """Seen on the GDS business analyst JD: "Business Analyst \u2013 B2" with the grade left blank."""
    assert split_trailing_grade(title) == expected
    if expected[1] is not None:
        extracted = extract(f"Job title: {title}\n\nJob purpose\n\nLead the work.\n")
        assert (extracted.title, extracted.grade) == expected
