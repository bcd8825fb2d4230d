"""The three file formats read into records: each gives (number, {column: text}) pairs and the
columns it ignored. Problems with a whole file raise :class:`ImportRejected`."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from .schema import ALIASES, COLUMNS, REQUIRED_COLUMNS, ImportRejected

UNSAFE_XML = (
    "This XML file declares a DTD or entities (a <!DOCTYPE> or <!ENTITY> line). We refuse "
    "them because they can be used to attack the server (external entities or a 'billion "
    "laughs' expansion). Remove the <!DOCTYPE ...> part and send plain "
    "<vacancies><vacancy>...</vacancy></vacancies>."
)

Records = list[tuple[int, dict[str, str]]]


def read_records(data: bytes, file_format: str) -> tuple[Records, list[str]]:
    """The records of a file in ``file_format`` (one of FORMATS), and the columns ignored."""
    if file_format == "csv":
        return _csv_records(data)
    if file_format == "json":
        return _json_records(data)
    return _xml_records(data)


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lower())
    return ALIASES.get(key, key)


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ImportRejected(
            "This is not a text file (it may be an Excel workbook). Save it as "
            "'CSV UTF-8 (Comma delimited)' and upload the .csv file."
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportRejected(
            "We could not read the characters in this file. Save it as "
            "'CSV UTF-8 (Comma delimited)' and upload it again."
        ) from None


def _csv_records(data: bytes) -> tuple[Records, list[str]]:
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = ";" if ";" in first_line else ("\t" if "\t" in first_line else ",")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        lines = list(reader)
    except csv.Error as error:
        raise ImportRejected(
            f"This CSV file is not well formed ({error}). Check for a stray quote mark, or "
            "save it again from your spreadsheet as CSV."
        ) from None
    if not lines or not any(cell.strip() for cell in lines[0]):
        raise ImportRejected("This CSV file has no header row. Start from the CSV template.")
    header = [_column(cell) for cell in lines[0]]
    _require_columns(header)
    ignored = sorted({name for name in header if name and name not in COLUMNS})
    records: Records = []
    for index, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        record: dict[str, str] = {}
        for name, cell in zip(header, cells, strict=False):
            if name in COLUMNS and cell.strip():
                record[name] = cell
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            record["__extra__"] = "yes"
        records.append((index, record))
    if not records:
        raise ImportRejected("This CSV file has a header row but no vacancies under it.")
    return records, ignored


def _require_columns(names: Iterable[str]) -> None:
    missing = [name for name in REQUIRED_COLUMNS if name not in set(names)]
    if missing:
        raise ImportRejected(
            "This file has no "
            + ", ".join(missing)
            + f" column{'s' if len(missing) > 1 else ''}. Every file needs reference, title and "
            "closing_date: start from the template."
        )


def _json_records(data: bytes) -> tuple[Records, list[str]]:
    try:
        document = json.loads(_decode(data))
    except json.JSONDecodeError as error:
        raise ImportRejected(
            f"This is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}). "
            "Check it with a JSON validator, or start from the example file."
        ) from None
    except RecursionError:
        raise ImportRejected("This JSON is nested too deeply to be a list of vacancies.") from None
    except ValueError:
        # json.loads refuses a number of thousands of digits with a plain ValueError.
        raise ImportRejected(
            "This JSON has a number thousands of digits long, which cannot be a vacancy's "
            "figure. Check the file, or start from the example file."
        ) from None
    if isinstance(document, dict) and "vacancies" in document:
        document = document["vacancies"]
    if not isinstance(document, list):
        raise ImportRejected(
            'The JSON must be a list of vacancies, or an object with a "vacancies" list.'
        )
    records: Records = []
    ignored: set[str] = set()
    for index, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            records.append((index, {"__not_object__": type(item).__name__}))
            continue
        record: dict[str, str] = {}
        for key, value in item.items():
            name = _column(str(key))
            if name not in COLUMNS:
                ignored.add(str(key))
                continue
            if value is None:
                continue
            if isinstance(value, bool | dict | list):
                record[f"__bad__{name}"] = type(value).__name__
                continue
            text = str(value)
            if text.strip():
                record[name] = text
        records.append((index, record))
    if not records:
        raise ImportRejected("This JSON lists no vacancies.")
    return records, sorted(ignored)


def _xml_records(data: bytes) -> tuple[Records, list[str]]:
    try:
        root: Element = SafeElementTree.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise ImportRejected(UNSAFE_XML) from None
    except ParseError as error:
        line = getattr(error, "position", (None, None))[0]
        where = f" (line {line})" if line else ""
        raise ImportRejected(
            f"This is not well-formed XML{where}. Check every tag is closed and that & is "
            "written &amp;, or start from the example file."
        ) from None
    if _local(root.tag) != "vacancies":
        raise ImportRejected(
            f"The XML must start with <vacancies>, not <{_local(root.tag)}>. Each vacancy goes in "
            "its own <vacancy> element inside it."
        )
    records: Records = []
    ignored: set[str] = set()
    number = 0
    for element in root:
        if _local(element.tag) != "vacancy":
            ignored.add(_local(element.tag))
            continue
        number += 1
        record: dict[str, str] = {}
        if element.get("reference"):
            record["reference"] = element.get("reference", "")
        for child in element:
            name = _column(_local(child.tag))
            if name not in COLUMNS:
                ignored.add(_local(child.tag))
                continue
            text = _inner_xml(child) if name == "description" else "".join(child.itertext())
            if text.strip():
                record[name] = text
        records.append((number, record))
    if not records:
        raise ImportRejected("This XML has no <vacancy> elements inside <vacancies>.")
    return records, sorted(ignored)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _inner_xml(element: Element) -> str:
    """A description written as XHTML inside the element keeps its tags."""
    parts = [element.text or ""]
    for child in element:
        parts.append(tostring(child, encoding="unicode"))
    return "".join(parts)
