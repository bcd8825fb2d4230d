"""Every real job description in ../shared/datasets/jds ingests, with checked titles and counts.

The files are never copied into the repository; only titles and numbers appear here.

Expectations, per file:

- ``title`` exactly;
- ``min_sections``: the sections a person finds when reading the document (its top-level
  headed parts, and in the person specification each group of essential or desirable criteria).
  We find at least that many; we may find more where a document's sub-headings are sections too;
- ``words``: our word count (tokens with a letter or digit) measured once and checked by hand
  against an independent count of the source (see ``independent_word_count``). The tolerance is
  2%: it absorbs changes in how markup is cleaned (Markdown list numbers such as "1." are not
  words to us; template values fill ``{{ page.x }}``), which move these counts by at most 2.5%
  against the raw source, while losing or duplicating any section of these documents moves them
  by more;
- ``grade`` where the document states one.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

import pytest

from civictalent.documents import count_words, read_document
from civictalent.framework.titles import TitleMapper, catalogue_from_starter
from civictalent.jdlibrary.extraction import ExtractedJD, extract_document
from conftest import require

JDS = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "jds"
WORD_TOLERANCE = 0.02


class Expected(NamedTuple):
    path: str
    title: str
    min_sections: int
    words: int
    grade: str | None
    kinds: frozenset[str]


# path | title | minimum sections | words | grade ("-": none stated) | kinds that must be found
# (G: Greenwich's purpose, responsibilities, person_specification, essential, desirable;
# US: purpose, responsibilities, person_specification).
TABLE = """
greenwich/application-support-manager.md | Application Support Manager | 10 | 1484 | PO8 | G
greenwich/content-designer.md | Content Designer | 10 | 878 | PO4 | G
greenwich/data-engineer.md | Data Engineer | 10 | 894 | PO4 | G
greenwich/developer.md | Developer | 10 | 803 | PO4 | G
greenwich/head-of-product.md | Head of Product | 10 | 1181 | PO10 | G
greenwich/junior-data-analyst.md | Junior Data Analyst | 10 | 482 | SO1 | G
greenwich/lead-content-designer.md | Lead Content Designer | 10 | 894 | PO8 | G
greenwich/lead-product-manager.md | Lead Product Manager | 10 | 1076 | PO8 | G
greenwich/mobile-support-officer.md | Mobile Support Officer | 10 | 680 | Scale 6 | G
greenwich/product-manager.md | Product Manager | 10 | 906 | PO5 | G
greenwich/senior-content-designer.md | Senior Content Designer | 10 | 802 | PO6 | G
greenwich/senior-product-designer.md | Senior Product Designer | 10 | 966 | PO6 | G
greenwich/senior-support-engineer.md | Senior Support Engineer | 10 | 942 | PO4 | G
greenwich/service-desk-manager.md | Service Desk Manager | 10 | 1468 | PO6 | G
greenwich/training-culture-and-engagement-officer.md | Training, Culture and Engagement Officer \
    | 10 | 874 | SO1 | G
18f/18F-executive-director.md | 18F - Director | 7 | 2213 | Senior Executive Service | US
18f/18f-user-experience-designer.md | 18F - User Experience Designer (IT Specialist) | 9 | 2258 \
    | GS-15 | US
18f/bucket-tts-product-managers.md | Technology Transformation Services Product Manager/Project \
    Manager (IT Specialist) | 7 | 2266 | GS-14-15 | US
18f/cloud-platform-lead.md | 18F - Cloud Platform Lead | 10 | 2145 | GS-15 | US
18f/coe-devops-engineer.md | Centers of Excellence - Site Reliability/DevOps Engineer | 10 | 2193 \
    | GS-15 | US
18f/coe-site-lead.md | Centers of Excellence - Site Lead | 10 | 2199 | GS-15 | US
18f/director-agency-partnerships.md | TTS - Director of Agency Partnerships | 10 | 1885 | GS-15 | US
18f/login-application-engineer.md | Login.gov - Application Engineer | 10 | 2212 | GS-15 | US
18f/pif-outreach-and-marketing-lead.md | Presidential Innovation Fellows - Outreach and Marketing \
    Lead | 9 | 2350 | GS-15 | US
18f/strategist.md | 18F - Strategist | 10 | 2142 | GS-15 | US
gds/Agile-coach.docx | Agile coach | 4 | 905 | - | purpose responsibilities person_specification
gds/Agile-coach.odt | Agile coach | 4 | 905 | - | purpose responsibilities person_specification
gds/Businessanalyst-generic.docx | Business Analyst | 9 | 610 | B2 \
    | purpose responsibilities essential
gds/CDO-applicant-pack-SM.docx | Chief Digital Officer | 14 | 2363 | SCS2 \
    | purpose responsibilities person_specification benefits how_to_apply
gds/DeliveryManager-generic.docx | Delivery Manager | 9 | 611 | - | purpose responsibilities essential
gds/Developer-generic.docx | Developer | 11 | 599 | - | purpose responsibilities essential desirable
gds/Developer-generic.odt | Developer | 11 | 599 | - | purpose responsibilities essential desirable
gds/DigitalCommsLead.docx | Digital Communications Lead | 14 | 1351 | Band A \
    | responsibilities essential how_to_apply
gds/DigitalCommsLead.odt | Digital Communications Lead | 14 | 1351 | Band A \
    | responsibilities essential how_to_apply
gds/ProductManager-generic.docx | Product Manager | 10 | 496 | - | purpose essential
gds/Userresearcher-generic.docx | User Researcher | 10 | 888 | - \
    | purpose responsibilities essential desirable
"""
# Why these minimums, from reading each document:
# - Greenwich: header, purpose, main duties, person specification, knowledge / skills and
#   abilities / experience each with essential and desirable criteria, equal opportunities.
#   (lead-content-designer's header says "Position Designation: Lead Developer"; its person
#   specification's job title is the right one.)
# - 18F / TTS: their "##" parts: role summary, key objectives, basic information, job summary,
#   key requirements, employment requirements, duties, application evaluation, evaluation,
#   qualifications (the director and the product manager posts have fewer).
# - GDS "generic" files: an introduction, the main responsibilities, then one block per
#   competency, each "Essential" (some "Desirable"); ProductManager has no heading before its
#   duties, so its introduction and duties are one purpose section. Agile coach: background,
#   responsibilities, person specification, objectives; it has no title in its text, so the
#   title comes from the file name. The CDO pack has fifteen headed parts, three of them
#   placeholders; the Digital Comms Lead form has its header, duties, contacts and fourteen
#   competency blocks.
KIND_CODES = {
    "G": {"purpose", "responsibilities", "person_specification", "essential", "desirable"},
    "US": {"purpose", "responsibilities", "person_specification"},
}


def _parse_table(table: str) -> list[Expected]:
    rows = []
    for row in table.strip().split("\n"):
        path, title, minimum, words, grade, kinds = (cell.strip() for cell in row.split(" | "))
        rows.append(
            Expected(
                path=path,
                title=re.sub(r"\s+", " ", title),
                min_sections=int(minimum),
                words=int(words),
                grade=None if grade == "-" else grade,
                kinds=frozenset(KIND_CODES.get(kinds, set(kinds.split()))),
            )
        )
    return rows


EXPECTED = _parse_table(TABLE)


@pytest.fixture(scope="module")
def mapper() -> TitleMapper:
    return TitleMapper(catalogue_from_starter())


def ingest(relative: str, mapper: TitleMapper | None = None) -> ExtractedJD:
    require(JDS.is_dir(), f"the shared job descriptions are missing at {JDS}")
    path = JDS / relative
    require(path.is_file(), f"{path} is missing")
    document = read_document(path.read_bytes(), path.name)
    hint = re.sub(r"[-_]+", " ", path.stem)
    return extract_document(document, mapper=mapper, title_hint=hint)


def independent_word_count(path: Path) -> int:
    """Words of the source counted without our reader: raw XML text, or the Markdown body."""
    if path.suffix in (".docx", ".odt"):
        part = "word/document.xml" if path.suffix == ".docx" else "content.xml"
        xml = zipfile.ZipFile(path).read(part).decode("utf-8")
        xml = re.sub(r"<mc:Fallback>.*?</mc:Fallback>", "", xml, flags=re.DOTALL)
        xml = re.sub(r"<w:(?:tab|br)\b[^>]*/>|</w:p>|<text:(?:s|tab|line-break)\b[^>]*/>", " ", xml)
        xml = re.sub(r"</text:(?:p|h)>", "\n", xml)
        xml = re.sub(r"<w:instrText\b.*?</w:instrText>", " ", xml, flags=re.DOTALL)
        body = xml[xml.find("<office:text") :] if path.suffix == ".odt" else xml
        return count_words(html.unescape(re.sub(r"<[^>]+>", "", body)))
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 1)[1].split("\n", 1)[1]
    text = re.sub(r"\{%.*?%\}", " ", text)
    text = re.sub(r"\{\{.*?\}\}", "X", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return count_words(re.sub(r"<[^>]+>", " ", text))


def test_the_table_covers_every_shared_file() -> None:
    require(JDS.is_dir(), f"the shared job descriptions are missing at {JDS}")
    on_disk = {
        str(path.relative_to(JDS))
        for path in JDS.glob("*/*")
        if path.suffix in (".md", ".docx", ".odt", ".pdf", ".txt")
    }

    assert on_disk == {expected.path for expected in EXPECTED}


@pytest.mark.parametrize("expected", EXPECTED, ids=[expected.path for expected in EXPECTED])
def test_a_real_document_ingests(expected: Expected, mapper: TitleMapper) -> None:
    result = ingest(expected.path, mapper)

    assert result.title == expected.title
    assert len(result.sections) >= expected.min_sections
    assert abs(result.word_count - expected.words) <= WORD_TOLERANCE * expected.words
    assert result.grade == expected.grade
    kinds = {section.kind for section in result.sections}
    assert expected.kinds <= kinds, f"missing {sorted(expected.kinds - kinds)}"
    assert all(section.text.strip() for section in result.sections)
    assert result.mapping is not None


@pytest.mark.parametrize("expected", EXPECTED, ids=[expected.path for expected in EXPECTED])
def test_no_text_is_lost_or_duplicated(expected: Expected) -> None:
    result = ingest(expected.path)
    source = independent_word_count(JDS / expected.path)

    # Word and OpenDocument: the same words as the XML. Markdown: list numbers and template
    # values differ, by under 3%.
    tolerance = 0.005 if expected.path.endswith((".docx", ".odt")) else 0.03
    assert abs(result.word_count - source) <= tolerance * source


def test_the_word_and_opendocument_versions_agree() -> None:
    for stem in ("Agile-coach", "Developer-generic", "DigitalCommsLead"):
        word = ingest(f"gds/{stem}.docx")
        open_document = ingest(f"gds/{stem}.odt")
        assert word.word_count == open_document.word_count
        assert [(s.kind, s.heading) for s in word.sections] == [
            (s.kind, s.heading) for s in open_document.sections
        ]


def _pounds(result: ExtractedJD) -> list[tuple[object, ...]]:
    assert result.salary is not None
    return [
        (pay["minimum"], pay["maximum"], pay["currency"], pay["period"])
        for pay in result.salary["ranges"]
    ]


def test_the_chief_digital_officer_salary_is_found() -> None:
    result = ingest("gds/CDO-applicant-pack-SM.docx")

    assert _pounds(result) == [(82900, 162500, "GBP", "year")]
    assert "£82,900 to £162,500" in result.salary_text


@pytest.mark.parametrize("name", ["DigitalCommsLead.docx", "DigitalCommsLead.odt"])
def test_the_digital_comms_lead_salary_is_found(name: str) -> None:
    result = ingest(f"gds/{name}")

    assert _pounds(result) == [(44743, 60484, "GBP", "year")]
    assert result.contract == "fixed term"
    assert result.location == "London, Holborn"


def test_greenwich_grades_have_no_pay_figures() -> None:
    result = ingest("greenwich/data-engineer.md")

    assert result.salary is None
    assert "We found no pay figures; add the advertised salary." in result.warnings


def test_us_federal_pay_is_read_from_the_template_and_flagged() -> None:
    result = ingest("18f/strategist.md")

    assert _pounds(result) == [(105123, 136659, "USD", "year")]
    assert result.closing_date == "2019-03-01"
    assert any("not in pounds" in warning for warning in result.warnings)
