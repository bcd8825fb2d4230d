"""Every reader of untrusted text stays linear on the shapes that make patterns backtrack.

Regular expressions with overlapping quantifiers backtrack catastrophically on text anyone can
send: five kilobytes of spaces inside a Markdown heading held a worker for 30 seconds, and
100,000 characters of punctuation did the same to the health check (issue 15, finding 2).
Property-based fuzzing (tests/test_parser_fuzz.py) never found these: random text does not
contain 5,000 spaces after a "#". So this test builds those shapes on purpose, at two sizes
(n and 8n), and times each reader on both.

Linear work grows 8 times, quadratic 64 times, cubic 512 times. To stay reliable on a loaded
two-core machine the test measures the process's CPU time (not wall-clock time), takes the
fastest of several runs, judges growth only when the larger text takes long enough to measure
(a reader that handles 8n characters in under MEASURABLE seconds cannot hold a worker at any
size we accept), allows a ratio of up to MAX_GROWTH, and measures a failing case again before
it fails. A call that runs past CALL_LIMIT seconds is stopped (Python's regular expression
engine lets a signal interrupt it) and fails at once, so a catastrophic case cannot hang the
suite.
"""

from __future__ import annotations

import csv
import gc
import io
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import product
from string import ascii_uppercase

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client

from civictalent.core.richtext import html_to_markdown, html_to_text, render, sanitise_html
from civictalent.documents import DocumentRejected, read_document
from civictalent.framework.titles import TitleMapper, catalogue_from_starter
from civictalent.healthcheck import engine
from civictalent.healthcheck.engine import check
from civictalent.jdlibrary.extraction import extract
from civictalent.jobs.imports import COLUMNS, parse_vacancies
from civictalent.salaries.parsing import parse_salary

N = 4_000  # the larger text is 8N = 32,000 characters: a third of the pasted-text limit
MAX_GROWTH = 20.0
MEASURABLE = 0.05  # CPU seconds for the larger text; below this growth is not judged
RUNS_SMALL, RUNS_LARGE = 3, 2
CALL_LIMIT = 10.0  # seconds of wall-clock time for one call, at either size


def _acronyms(n: int) -> str:
    """Different acronyms far enough apart not to read as shouting, none spelled out."""
    letters = ("".join(p) for p in product(ascii_uppercase, repeat=3))
    return " ".join(f"lorem ipsum {next(letters)} dolor sit" for _ in range(n // 26))


# Each builds a text of about n characters with one shape that a pattern could backtrack on.
SHAPES: dict[str, Callable[[int], str]] = {
    "spaces inside a heading": lambda n: "# a" + " " * n + "b",
    "spaces before closing hashes": lambda n: "## a" + " " * n + "##x",
    "hashes": lambda n: "#" * n,
    "hashes and spaces": lambda n: "# " * (n // 2),
    "exclamation marks": lambda n: "!" * n + "x",
    "full stops": lambda n: "." * n,
    "marks and closers": lambda n: '!)"' * (n // 3) + "x",
    "letters and full stops": lambda n: "a." * (n // 2),
    "stars": lambda n: "*" * n,
    "starred words": lambda n: " *a" * (n // 3),
    "bold line then spaces": lambda n: "**a**" + " " * n + "x",
    "underscores": lambda n: "_a" * (n // 2),
    "one long line of words": lambda n: "word " * (n // 5),
    "many short list lines": lambda n: "- a\n" * (n // 4),
    "list continuation lines": lambda n: "- a\n" + "b\n" * (n // 2),
    "open brackets": lambda n: "[" * n,
    "image openers": lambda n: "![" * (n // 2),
    "link openers": lambda n: "[a](" * (n // 4),
    "open parentheses": lambda n: "(" * n,
    "angle brackets": lambda n: "<" * n,
    "comment openers": lambda n: "<!--" * (n // 4),
    "autolink openers": lambda n: "<http:" * (n // 6),
    "template outputs": lambda n: "{{" * (n // 2),
    "template spaces": lambda n: "{{" + " " * n + "x",
    "template tags": lambda n: "{%" * (n // 2),
    "quote markers": lambda n: ">" * n + "x",
    "table cells": lambda n: "a | " * (n // 4),
    "marked criterion with spaces": lambda n: "Person specification\na" + " " * n + "|x",
    "labels": lambda n: "a:" * (n // 2),
    "pound figures": lambda n: "£1 " * (n // 3),
    "figures and commas": lambda n: "£1, " * (n // 4),
    "grades and figures": lambda n: "PO1 £1 SO2 " * (n // 11),
    "numbers in groups": lambda n: "111 " * (n // 4) + "%",
    "spaces after an allowance": lambda n: "allowance" + " " * n + "£1 £1",
    "allowance then many figures": lambda n: "allowance " + "£1 " * (n // 3),
    "spaces after a figure": lambda n: "£1" + " " * n + "x",
    "spaces after salary": lambda n: "salary" + " " * n + "x",
    "spaces after years": lambda n: "5" + " " * n + "x",
    "spaces after a reference": lambda n: "ref" + " " * n + "x",
    "tabs": lambda n: "\t" * n + "x",
    "no-break spaces": lambda n: "\u00a0" * n + "x",
    "different acronyms": _acronyms,
    "members in a heading": lambda n: "# " + "Members " * (n // 8),
    "degrees in one sentence": lambda n: "must have a degree " * (n // 19),
    "runs of duties": lambda n: ("Duties\n" + "- run the service\n" * 10) * (n // 187),
    "alternating case": lambda n: "aA" * (n // 2),
    "front matter value": lambda n: "---\ntitle: a" + " " * n + "b\n---\ntext",
    "email-like": lambda n: "a@" + "." * n + " x",
    "blank lines": lambda n: "\n" * n + "x",
    "blank lines between items": lambda n: "- a\n\n" * (n // 5),
    "indented lines after an item": lambda n: "- a\n" + "  b\n" * (n // 4),
    "nested lists": lambda n: "".join(" " * (2 * (i % 40)) + "- a\n" for i in range(n // 40)),
    "numbered items": lambda n: "1) a\n" * (n // 5),
    "bullet characters": lambda n: "\u2022" * n,
    "emphasis openers": lambda n: "**a " * (n // 4),
    "underscored words": lambda n: "_a_b" * (n // 4),
    "nested emphasis": lambda n: "*" * (n // 2) + "a" + "*" * (n // 2),
    "link texts": lambda n: "[a]" * (n // 3),
    "nested brackets": lambda n: "[" * (n // 2) + "]" * (n // 2),
    "backslashes": lambda n: "\\" * n,
    "nested tags": lambda n: "<ul><li>" * (n // 8) + "x",
    "unclosed bold tags": lambda n: "<b>a" * (n // 4),
    "links to nowhere": lambda n: '<a href="javascript:x">a' * (n // 25),
}


@lru_cache(maxsize=1)
def _mapper() -> TitleMapper:
    return TitleMapper(catalogue_from_starter())


def _document(name: str) -> Callable[[str], object]:
    def read(text: str) -> object:
        try:
            return read_document(text.encode(), name)
        except DocumentRejected as rejection:
            return rejection.message

    return read


def _extract(text: str) -> object:
    try:
        return extract(text)
    except DocumentRejected as rejection:
        return rejection.message


def _vacancy_file(text: str) -> object:
    """A CSV of one vacancy with the shape in every free-text column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerow([text for _ in COLUMNS])
    return parse_vacancies(buffer.getvalue().encode(), "csv")


READERS: dict[str, Callable[[str], object]] = {
    "Markdown document": _document("advert.md"),
    "text document": _document("advert.txt"),
    "rich text (HTML)": lambda text: html_to_text(sanitise_html(text)),
    "rich text (Markdown subset)": render,
    "rich text (HTML to the Markdown subset)": lambda text: html_to_markdown(sanitise_html(text)),
    "JD field extraction": _extract,
    "health check engine": check,
    "pay parser": parse_salary,
    "title mapper": lambda text: _mapper().map(text, text),
    "vacancy import": _vacancy_file,
}


class TookTooLong(BaseException):  # not an Exception: readers catch those
    """A call ran past CALL_LIMIT."""


@contextmanager
def call_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise TookTooLong

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cpu_seconds(reader: Callable[[str], object], text: str, runs: int) -> float:
    """The fastest of ``runs`` runs, in CPU seconds of this process."""
    best = float("inf")
    gc.disable()  # no collection pauses inside a measurement
    try:
        for _ in range(runs):
            started = time.process_time()
            with call_limit(CALL_LIMIT):
                reader(text)
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


def growth(reader: Callable[[str], object], shape: Callable[[int], str]) -> tuple[float, float]:
    """(time for 8N characters, how many times the time for N characters)."""
    small, large = shape(N), shape(8 * N)
    small_seconds = cpu_seconds(reader, small, 1)
    large_seconds = cpu_seconds(reader, large, 1)
    if large_seconds < MEASURABLE:
        return large_seconds, 0.0
    small_seconds = min(small_seconds, cpu_seconds(reader, small, RUNS_SMALL - 1))
    large_seconds = min(large_seconds, cpu_seconds(reader, large, RUNS_LARGE - 1))
    return large_seconds, large_seconds / max(small_seconds, 1e-4)


@pytest.mark.parametrize("reader_name", READERS)
def test_readers_grow_linearly_on_pathological_shapes(reader_name: str) -> None:
    reader = READERS[reader_name]
    reader("warm up: load rules, compile patterns")
    superlinear = []
    for shape_name, shape in SHAPES.items():
        try:
            seconds, ratio = growth(reader, shape)
            if ratio > MAX_GROWTH:
                seconds, ratio = growth(reader, shape)  # once more: another process may have run
        except TookTooLong:
            superlinear.append(f"{shape_name}: one call ran past {CALL_LIMIT:g}s")
            continue
        if ratio > MAX_GROWTH:
            superlinear.append(
                f"{shape_name}: {seconds:.2f}s for {8 * N:,} characters, x{ratio:.0f}"
            )
    assert not superlinear, (
        f"{reader_name} grows faster than linearly (8 times the text, more than {MAX_GROWTH:g} "
        "times the time) on: " + "; ".join(superlinear)
    )


# --- the reported cases, through the doors anyone can use --------------------------------------


def _cpu(call: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    with call_limit(CALL_LIMIT * 3):
        result = call()
    return time.process_time() - started, result


@pytest.mark.django_db
def test_a_5_kb_markdown_heading_of_spaces_is_checked_in_well_under_a_second() -> None:
    """The upload that held a worker for 30 seconds: a heading line padded with spaces."""
    advert = ("# About the role" + " " * 5_000 + ".\n\nWe are hiring.\n").encode()
    upload = SimpleUploadedFile("advert.md", advert, content_type="text/markdown")
    seconds, response = _cpu(lambda: Client().post("/health-check/", {"document": upload}))
    assert isinstance(response, HttpResponse) and response.status_code == 200
    assert "About the role" in response.content.decode()
    assert seconds < 1.0


@pytest.mark.django_db
def test_100000_punctuation_marks_through_the_api_are_checked_in_well_under_a_second() -> None:
    """The anonymous API call that held a worker: 100,000 characters of punctuation."""
    for text in ("!" * 100_000, "**a**" + " " * 99_990 + "x", "?." * 50_000):
        seconds, response = _cpu(
            lambda text=text: Client().post(
                "/api/health-check/check", {"text": text}, content_type="application/json"
            )
        )
        assert isinstance(response, HttpResponse) and response.status_code == 200
        assert seconds < 2.0, f"{seconds:.1f}s for {text[:10]!r}..."


@pytest.mark.django_db
def test_the_checker_says_so_when_a_check_runs_out_of_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "CHECK_SECONDS", 0.0)
    response = Client().post("/health-check/", {"text": "We are hiring a data analyst."})
    assert response.status_code == 200
    page = response.content.decode()
    assert "We stopped checking this text" in page
    assert "Check one advert at a time" in page


@pytest.mark.django_db
def test_the_api_answers_400_with_a_reason_when_a_check_runs_out_of_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine, "CHECK_SECONDS", 0.0)
    response = Client().post(
        "/api/health-check/check",
        {"text": "We are hiring a data analyst."},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("We stopped checking this text")


def test_a_pay_line_of_endless_thousands_groups_is_read_without_an_error() -> None:
    """'111 111 111 ...' was read as one number too large to round: InvalidOperation, a 500
    from the public checker, which gives every pay line to the salary parser."""
    text = "Salary: £" + "111 " * 5_000 + "per annum"
    assert parse_salary(text).ranges
    assert check(text).score >= 0
