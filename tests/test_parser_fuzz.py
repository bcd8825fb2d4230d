"""The parsers fuzzed with Hypothesis: whatever the input, each returns a result or raises its
own documented error with a message, never anything else. Derandomised and bounded, so a run
is quick and repeatable.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civictalent.core.money import pounds_from_text
from civictalent.core.richtext import html_to_text, sanitise_html
from civictalent.documents import DocumentRejected, read_document
from civictalent.framework.titles import TitleMapper, catalogue_from_starter
from civictalent.jobs.criteria import SearchCriteria, criteria_from_query, keywords_match
from civictalent.jobs.imports import ImportRejected, parse_vacancies
from civictalent.salaries.parsing import parse_salary
from civictalent.salaries.payscales import parse_grade_map_csv, parse_spine_csv
from tests.hostile import files
from tests.hostile.strings import SEARCHES, TEXTS, dangerous_markup

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text a person might paste: any Unicode (surrogates excluded: they cannot reach us as UTF-8),
# weighted towards the characters parsers treat specially.
SPECIAL = "£$€,.-\u2013\u2014/\\\"'`()[]{}<>&;:=+*@#%^|~!?\t\n\r\x00\u00a0\u200b\u202e\ufeffkKmMpaphr0123456789"
texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=SPECIAL, max_size=120),
    st.sampled_from([*TEXTS.values(), *SEARCHES.values()]),
    st.lists(
        st.sampled_from(
            [
                "£",
                "42,000",
                "-",
                "to",
                "per",
                "annum",
                "hour",
                "pro rata",
                "PO4",
                "SO1",
                "k",
                "inner",
                "London",
                "weighting",
                "+",
                "£1e9",
                "0",
                "99999999999999999999",
                "p.a.",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)


# --- Salary text, money, job titles -----------------------------------------------------------


@FUZZ
@given(texts)
def test_salary_parser_never_raises(text: str) -> None:
    parsed = parse_salary(text)
    assert isinstance(parsed.to_dict(), dict)


@FUZZ
@given(texts)
def test_money_parser_raises_only_value_error(text: str) -> None:
    try:
        pounds_from_text(text)
    except ValueError as error:
        assert str(error)


MAPPER = TitleMapper(catalogue_from_starter())


@FUZZ
@given(texts, texts)
def test_title_mapping_never_raises(title: str, text: str) -> None:
    match = MAPPER.map(title, text)
    assert 0 <= match.confidence <= 1


# --- Rich text: the output never carries script -----------------------------------------------

html_fragments = st.lists(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<scr<script>ipt>alert(1)</script>",
            "<img src=x ",
            "onerror=alert(1)>",
            '<a href="javascript:alert(1)">',
            "<a href='jav&#x61;script:x'>",
            "<svg onload=alert(1)>",
            "<p>",
            "</p>",
            "<ul><li>",
            "text",
            "&lt;script&gt;",
            "<!--",
            "-->",
            "<style>*{}</style>",
            '<iframe src="x">',
            "<math><mtext><table><mglyph><style>",
            '"',
            "'",
            ">",
            "<",
            '<a href="https://example.org" onclick="x()">',
            "\x00",
        ]
    ),
    max_size=15,
).map("".join)


@FUZZ
@given(st.one_of(html_fragments, texts))
def test_rich_text_sanitiser_output_never_runs_script(text: str) -> None:
    cleaned = sanitise_html(text)
    assert dangerous_markup(cleaned) == []
    assert "<script" not in cleaned.lower() and "<iframe" not in cleaned.lower()
    assert sanitise_html(cleaned) == cleaned or dangerous_markup(sanitise_html(cleaned)) == []
    html_to_text(cleaned)


# --- Search criteria from a query string ------------------------------------------------------

QUERY_KEYS = [
    "q",
    "family",
    "level",
    "seniority",
    "council",
    "salary_min",
    "pattern",
    "workplace",
    "contract",
    "near",
    "distance",
    "posted",
    "sort",
    "page",
    "x",
]


@FUZZ
@given(st.dictionaries(st.sampled_from(QUERY_KEYS), st.lists(texts, max_size=3), max_size=8))
def test_search_criteria_from_any_query_string(query: dict[str, list[str]]) -> None:
    criteria = criteria_from_query(query)
    assert isinstance(criteria, SearchCriteria)
    assert all(isinstance(problem, str) for problem in criteria.problems)
    again = criteria.to_query_string(include_sort=True)
    assert isinstance(again, str)
    keywords_match(list(query.get("q", [])), "Data analyst")


@pytest.mark.django_db
@FUZZ
@given(st.one_of(texts, st.sampled_from(list(SEARCHES.values()))))
def test_full_text_search_accepts_any_query(query: str) -> None:
    from civictalent.core.search import search, search_ids

    search_ids(kind="jd", query=query)
    matches = search("vacancy", query)
    assert matches is None or matches.count >= 0


# --- Vacancy import files ---------------------------------------------------------------------

CSV_HEADER = "reference,title,summary,description,pay,salary_min,salary_max,closing_date,apply_url"
csv_cells = st.one_of(texts, st.sampled_from(['=HYPERLINK("x")', "+cmd", "@SUM(1)", '"', '""']))


def csv_document(rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER.split(","))
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def json_document(rows: list[list[str]]) -> bytes:
    import json

    keys = CSV_HEADER.split(",")
    return json.dumps({"vacancies": [dict(zip(keys, row, strict=False)) for row in rows]}).encode()


def xml_document(rows: list[list[str]]) -> bytes:
    from xml.sax.saxutils import escape

    keys = CSV_HEADER.split(",")
    body = "".join(
        "<vacancy>"
        + "".join(f"<{k}>{escape(v)}</{k}>" for k, v in zip(keys, row, strict=False))
        + "</vacancy>"
        for row in rows
    )
    return f"<vacancies>{body}</vacancies>".encode("utf-8", "surrogatepass")


rows = st.lists(st.lists(csv_cells, min_size=1, max_size=9), max_size=4)
BUILDERS: dict[str, Callable[[list[list[str]]], bytes]] = {
    "csv": csv_document,
    "json": json_document,
    "xml": xml_document,
}


@pytest.mark.parametrize("file_format", ["csv", "json", "xml"])
@FUZZ
@given(
    st.one_of(rows.map(lambda r: ("rows", r)), st.binary(max_size=400).map(lambda b: ("bytes", b)))
)
def test_vacancy_import_parser_raises_only_import_rejected(
    file_format: str, generated: tuple[str, Any]
) -> None:
    kind, value = generated
    data = BUILDERS[file_format](value) if kind == "rows" else value
    try:
        parsed = parse_vacancies(data, file_format)
    except ImportRejected as rejected:
        assert rejected.message
        return
    for row in parsed.rows:
        assert row.ok or all(isinstance(error, str) and error for error in row.errors)


# --- Pay scale CSVs ---------------------------------------------------------------------------


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(st.tuples(csv_cells, csv_cells, csv_cells), max_size=5).map(
            lambda lines: (
                "point,annual_amount,extra\n" + "\n".join(",".join(line) for line in lines)
            ).encode("utf-8", "surrogatepass")
        ),
    )
)
def test_pay_scale_csv_parsers_raise_only_validation_error(data: bytes) -> None:
    for parse in (parse_spine_csv, parse_grade_map_csv):
        try:
            parse(data)
        except ValidationError as error:
            assert error.messages


# --- Document readers -------------------------------------------------------------------------

names = st.sampled_from(
    ["jd.docx", "jd.pdf", "jd.odt", "jd.md", "jd.txt", "jd", "jd.doc", "JD.DOCX", "a.b.c.pdf"]
)


def mutated(data: bytes, positions: list[int], byte: int) -> bytes:
    """``data`` with a few bytes overwritten: a damaged real document."""
    changed = bytearray(data)
    for position in positions:
        changed[position % len(changed)] = byte
    return bytes(changed)


SEEDS = [files.real_docx(), files.pdf(), files.odt(files.odt_content()), files.docx()]
documents = st.one_of(
    st.binary(max_size=2000),
    st.builds(
        mutated,
        st.sampled_from(SEEDS),
        st.lists(st.integers(min_value=0, max_value=100_000), min_size=1, max_size=6),
        st.integers(min_value=0, max_value=255),
    ),
    st.sampled_from(SEEDS).map(lambda data: data[: len(data) // 2]),
)


@FUZZ
@given(documents, names)
def test_document_reader_raises_only_document_rejected(data: bytes, name: str) -> None:
    try:
        document = read_document(data, name)
    except DocumentRejected as rejected:
        assert rejected.message
        assert "Traceback" not in rejected.message
        return
    assert isinstance(document.text, str)


@FUZZ
@given(st.lists(st.sampled_from(["a.xml", "word/document.xml", "mimetype", "x"]), max_size=4))
def test_document_reader_refuses_odd_zips(entries: list[str]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, entry in enumerate(entries):
            archive.writestr(f"{entry}{number}" if number else entry, "<a>" * number)
    for name in ("jd.docx", "jd.odt"):
        try:
            read_document(buffer.getvalue(), name)
        except DocumentRejected as rejected:
            assert rejected.message
