"""Bulk import: a folder of files or a CSV of rows; a per-file report; a rerun skips what is in."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from civictalent.accounts.models import User
from civictalent.documents import DocumentRejected, read_document
from civictalent.jdlibrary.bulk import (
    BulkImportError,
    bulk_import,
    jd_create_from_document,
    row_sha256,
)
from civictalent.jdlibrary.models import JDStatus, JobDescription
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)

MARKDOWN = """# Digital Product Manager

Salary: £55,000 to £60,000 per annum

## Job purpose

Lead a multidisciplinary team that builds the council's online services with residents.

## Main duties

- Set the vision and roadmap for the resident account.
- Prioritise the backlog with user researchers and developers.

## Essential criteria

- Experience of managing digital products in the public sector.
"""


def word_jd() -> bytes:
    document = docx.Document()
    document.add_heading("Senior Data Analyst", level=0)
    document.add_paragraph("Grade: PO4")
    document.add_paragraph("Salary: £45,000 - £52,000 per annum")
    document.add_heading("Job purpose", level=1)
    document.add_paragraph("Help the council use data to improve repairs for residents.")
    document.add_heading("Key responsibilities", level=1)
    document.add_paragraph("Build dashboards for repairs managers", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def editor_a(make_user: Callable[..., User], council_a: Organisation) -> User:
    return make_user(organisation=council_a, role=Role.EDITOR, email="editor@hackney.example")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "jds"
    (root / "data").mkdir(parents=True)
    (root / "data" / "senior-data-analyst.docx").write_bytes(word_jd())
    (root / "product-manager.md").write_text(MARKDOWN, encoding="utf-8")
    (root / "payroll.docx").write_bytes(EXE)
    (root / "budget.xlsx").write_bytes(b"PK\x03\x04 not a job description")
    (root / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return root


def exe_message() -> str:
    with pytest.raises(DocumentRejected) as refused:
        read_document(EXE, "payroll.docx")
    return refused.value.message


def test_a_folder_imports_two_good_files_refuses_the_hostile_one_and_a_rerun_skips(
    council_a: Organisation, editor_a: User, folder: Path
) -> None:
    calls: list[tuple[int, int, str]] = []

    report = bulk_import(
        organisation=council_a,
        author=editor_a,
        paths=[folder],
        progress=lambda done, total, stage="": calls.append((done, total, stage)),
    )

    by_name = {line.name: line for line in report.lines}
    assert set(by_name) == {"data/senior-data-analyst.docx", "payroll.docx", "product-manager.md"}
    assert (report.imported, report.skipped, report.refused) == (2, 0, 1)
    assert by_name["payroll.docx"].outcome == "refused"
    assert by_name["payroll.docx"].message == exe_message()
    assert str(by_name["payroll.docx"]) == f"payroll.docx: refused: {exe_message()}"
    assert "Windows program" in exe_message()
    assert sorted(report.ignored) == [".DS_Store", "budget.xlsx"]
    assert calls[0] == (0, 3, "data/senior-data-analyst.docx")
    assert calls[-1] == (3, 3, "done")

    word = JobDescription.objects.get(title="Senior Data Analyst")
    assert word.pk == by_name["data/senior-data-analyst.docx"].jd_id
    assert word.status == JDStatus.DRAFT
    assert word.organisation == council_a
    assert word.created_by == editor_a
    assert word.source_kind == "docx"
    assert word.source_filename == "senior-data-analyst.docx"
    assert word.annual_min_pence == 4_500_000
    expected = hashlib.sha256((folder / "data" / "senior-data-analyst.docx").read_bytes())
    assert word.source_sha256 == expected.hexdigest()
    assert word.sections.filter(kind="purpose").exists()
    markdown = JobDescription.objects.get(title="Digital Product Manager")
    assert markdown.pk == by_name["product-manager.md"].jd_id
    assert markdown.source_kind == "markdown"
    assert markdown.versions.count() == 1

    again = bulk_import(organisation=council_a, author=editor_a, paths=[folder])
    assert (again.imported, again.skipped, again.refused) == (0, 2, 1)
    skipped = {line.name: line for line in again.lines if line.outcome == "skipped"}
    assert skipped["product-manager.md"].message.startswith("already in")
    assert skipped["product-manager.md"].jd_id == markdown.pk
    assert JobDescription.objects.count() == 2


def test_what_another_council_imported_does_not_count_as_already_in(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    editor_a: User,
    folder: Path,
) -> None:
    bulk_import(organisation=council_a, author=editor_a, paths=[folder])
    editor_b = make_user(organisation=council_b, role=Role.EDITOR)
    report = bulk_import(organisation=council_b, author=editor_b, paths=[folder])
    assert (report.imported, report.skipped) == (2, 0)


def test_the_same_file_twice_in_one_folder_is_imported_once(
    council_a: Organisation, editor_a: User, tmp_path: Path
) -> None:
    (tmp_path / "a.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "copy of a.md").write_text(MARKDOWN, encoding="utf-8")
    report = bulk_import(organisation=council_a, author=editor_a, paths=[tmp_path])
    assert [line.outcome for line in report.lines] == ["imported", "skipped"]


def test_a_failure_inside_one_file_does_not_stop_the_rest(
    council_a: Organisation, editor_a: User, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from civictalent.jdlibrary import bulk

    real = bulk.jd_create_from_document

    def flaky(**kwargs: object) -> JobDescription:
        if kwargs["filename"] == "product-manager.md":
            raise RuntimeError("boom")
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(bulk, "jd_create_from_document", flaky)
    report = bulk_import(organisation=council_a, author=editor_a, paths=[folder])
    outcomes = {line.name: line.outcome for line in report.lines}
    assert outcomes == {
        "data/senior-data-analyst.docx": "imported",
        "payroll.docx": "refused",
        "product-manager.md": "refused",
    }
    assert "We could not import this file (RuntimeError)" in str(report.lines[-1])
    assert JobDescription.objects.count() == 1


def test_only_an_editor_of_the_council_may_import(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    folder: Path,
) -> None:
    for outsider in (
        make_user(organisation=council_a, role=Role.MEMBER),
        make_user(organisation=council_b, role=Role.EDITOR),
    ):
        with pytest.raises(BulkImportError, match="not an editor or admin of Hackney"):
            bulk_import(organisation=council_a, author=outsider, paths=[folder])
    assert not JobDescription.objects.exists()
    platform_admin = make_user(platform_admin=True)
    report = bulk_import(organisation=council_a, author=platform_admin, paths=[folder])
    assert report.imported == 2


def test_jd_create_from_document_is_the_upload_path(
    council_a: Organisation, editor_a: User
) -> None:
    data = MARKDOWN.encode()
    jd = jd_create_from_document(
        organisation=council_a,
        author=editor_a,
        data=data,
        filename="C:\\Users\\me\\pm.md",
        pay_text="£58,000",
    )
    assert jd.title == "Digital Product Manager"
    assert jd.pay_text == "£58,000"
    assert jd.source_filename == "pm.md"
    assert jd.source_sha256 == hashlib.sha256(data).hexdigest()
    with pytest.raises(DocumentRejected):
        jd_create_from_document(
            organisation=council_a, author=editor_a, data=EXE, filename="x.docx"
        )
    assert JobDescription.objects.count() == 1


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["title", "pay_text", "text"])
        writer.writeheader()
        writer.writerows(rows)
    return path


CSV_ROWS = [
    {
        "title": "Data Engineer",
        "pay_text": "£50,000 to £55,000",
        "text": "Job purpose\n\nBuild the council's data pipelines.\n\nMain duties\n\n"
        "- Look after the data warehouse.\n- Load data from case systems.",
    },
    {
        "title": "User Researcher",
        "pay_text": "",
        "text": "Salary: £42,000 per annum\n\nJob purpose\n\nLearn what residents need.",
    },
    {
        "title": "Delivery Manager",
        "pay_text": "PO5",
        "text": "Job purpose\n\nHelp teams deliver, remove blockers, run agile ceremonies.",
    },
]


def test_a_csv_imports_one_draft_a_row_and_a_rerun_skips_them(
    council_a: Organisation, editor_a: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "jds.csv", CSV_ROWS)
    report = bulk_import(organisation=council_a, author=editor_a, csv_path=path)
    assert [line.outcome for line in report.lines] == ["imported"] * 3
    assert [line.name for line in report.lines] == [
        "jds.csv row 2",
        "jds.csv row 3",
        "jds.csv row 4",
    ]
    engineer = JobDescription.objects.get(title="Data Engineer")
    assert engineer.pay_text == "£50,000 to £55,000"
    assert engineer.annual_min_pence == 5_000_000
    assert engineer.source_kind == "csv"
    assert engineer.source_sha256 == row_sha256("Data Engineer", CSV_ROWS[0]["text"])
    assert engineer.sections.filter(kind="responsibilities").exists()
    # No pay column value: the salary in the text is used.
    assert JobDescription.objects.get(title="User Researcher").annual_min_pence == 4_200_000

    again = bulk_import(organisation=council_a, author=editor_a, csv_path=path)
    assert [line.outcome for line in again.lines] == ["skipped"] * 3
    assert JobDescription.objects.count() == 3


def test_a_csv_row_without_a_title_is_refused_and_a_csv_without_columns_is_refused_whole(
    council_a: Organisation, editor_a: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "jds.csv", [{"title": "", "pay_text": "", "text": "Some text"}])
    report = bulk_import(organisation=council_a, author=editor_a, csv_path=path)
    assert str(report.lines[0]) == (
        "jds.csv row 2: refused: This row has no title. Add one in the title column."
    )
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,body\nAnalyst,Text\n", encoding="utf-8")
    with pytest.raises(BulkImportError, match="it has no title, pay_text, text column"):
        bulk_import(organisation=council_a, author=editor_a, csv_path=wrong)


# The command


def run_import(*args: str) -> tuple[str, str, int]:
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_jds", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        stderr.write(str(error))
        return stdout.getvalue(), stderr.getvalue(), error.returncode
    return stdout.getvalue(), stderr.getvalue(), 0


def test_the_command_reports_each_file_and_exits_1_when_a_file_is_refused(
    council_a: Organisation, editor_a: User, folder: Path
) -> None:
    out, err, status = run_import(str(folder), "--council", "hackney", "--as", editor_a.email)
    assert status == 1
    assert "  data/senior-data-analyst.docx: imported as draft" in out
    assert "  product-manager.md: imported as draft" in out
    assert f"  payroll.docx: refused: {exe_message()}" in out
    assert "2 imported, 0 already in, 1 refused (of 3)." in out
    assert "Importing [" in err and "3/3" in err
    assert "1 of 3 refused" in err
    assert JobDescription.objects.count() == 2

    out, _, status = run_import(
        str(folder), "--council", "hackney", "--as", editor_a.email.upper(), "--json"
    )
    assert status == 1
    report = json.loads(out)
    assert (report["imported"], report["skipped"], report["refused"]) == (0, 2, 1)
    assert report["council"] == "hackney"


def test_the_command_exits_0_for_a_clean_csv(
    council_a: Organisation, editor_a: User, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "jds.csv", CSV_ROWS)
    out, _, status = run_import("--csv", str(path), "--council", "hackney", "--as", editor_a.email)
    assert status == 0
    assert "3 imported, 0 already in, 0 refused (of 3)." in out


def test_the_command_explains_bad_arguments(
    council_a: Organisation, editor_a: User, folder: Path
) -> None:
    for args, message in (
        (["--council", "hackney", "--as", editor_a.email], "Give a folder"),
        ([str(folder), "--council", "nowhere", "--as", editor_a.email], "no council"),
        ([str(folder), "--council", "hackney", "--as", "who@x.example"], "no account"),
        ([str(folder / "missing"), "--council", "hackney", "--as", editor_a.email], "not exist"),
        ([str(folder), "--council", "greenwich", "--as", editor_a.email], "not an editor"),
    ):
        _, err, status = run_import(*args)
        assert status == 1 and message in err, args
    assert not JobDescription.objects.exists()
