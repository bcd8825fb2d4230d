"""Council B's private things never appear where others can read them.

Council B gets a draft, a submitted, a rejected and an archived vacancy, a draft job description,
a job description shared only within the council, a suggestion on the draft, a salary
observation, an import report, a saved search and an unconfirmed alert, each carrying the word
MARKER; its members' email addresses carry EMAIL_MARKER. Each place below is read, as the person
named, and must carry neither. Council B's own salary figures must not reach council A either.

There is no site-wide search: the jobs board and the library search are the searches.
Assessments do not exist yet, so none are covered here.
"""

from __future__ import annotations

import datetime
import io
import re
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Organisation, Role
from tests.test_api_access import CALLS, call

# Private titles carry both words: searches look for SEARCH_WORD (which the page echoes back),
# and the checks look for MARKER, which only a leaked record can bring.
SEARCH_WORD = "Zebraquill"
MARKER = "Xylocarp"
EMAIL_MARKER = "quokkamail"
PRIVATE_POUNDS = "98765"  # council B's own median, as an export writes it (pence / 100)
LEVEL = "senior-data-analyst"
PRIVATE_STATUSES = ("draft", "submitted", "rejected", "archived")


@dataclass
class Private:
    council_a: Organisation
    council_b: Organisation
    public_vacancy_b: Any
    public_jd_a: Any
    level: RoleLevel


def _vacancy(council: Organisation, *, status: str, title: str, author: User, level: Any) -> Any:
    from civictalent.jobs.indexing import vacancy_reindex
    from civictalent.jobs.models import Vacancy

    now = timezone.now()
    closed = status in {"closed", "archived"}
    vacancy = Vacancy.objects.create(
        organisation=council,
        title=title,
        summary=f"{title}: help the council use its data well.",
        description_html=f"<p>{title}.</p>",
        description_text=f"{title}.",
        role_level=level,
        family_id=level.role.family_id,
        pay_text="£40,000 to £45,000 a year",
        annual_min_pence=4_000_000,
        annual_max_pence=4_500_000,
        location="Woolwich",
        closes_at=now + datetime.timedelta(days=-3 if closed else 20),
        submitted_at=now - datetime.timedelta(days=5),
        published_at=None if status in {"draft", "submitted", "rejected"} else now,
        closed_at=now - datetime.timedelta(days=1) if closed else None,
        status=status,
        apply_url="https://jobs.example.org/1",
        created_by=author,
        contact_name="Hiring manager",
        contact_email=author.email if status != "published" else "",
        rejection_reason=f"{MARKER} reason" if status == "rejected" else "",
    )
    vacancy_reindex(vacancy)
    return vacancy


def _jd(council: Organisation, *, title: str, status: str, visibility: str, level: Any) -> Any:
    from civictalent.core.search import search_index
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.jdlibrary.services import SEARCH_KIND

    shared = visibility == "members"
    jd = JobDescription.objects.create(
        organisation=council,
        title=title,
        role_level=level,
        status=status,
        visibility=visibility,
        licence="ogl-3.0" if shared else "",
        sharing_consent_at=timezone.now() if shared else None,
        published_at=timezone.now() if status == "published" else None,
        pay_text="£41,000",
        health_score=55,
    )
    search_index(kind=SEARCH_KIND, object_id=jd.pk, text=title)  # as the services do
    return jd


@pytest.fixture
def private(
    people: dict[str, Any],
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> Private:
    from civictalent.alerts.models import AlertSubscription
    from civictalent.jdlibrary.models import JDSuggestion
    from civictalent.jobs.models import SavedSearch, VacancyImport
    from civictalent.salaries.models import BenchmarkCell, SalaryObservation

    framework_load_starter()
    level = RoleLevel.objects.select_related("role").get(slug=LEVEL, framework__is_default=True)
    editor_b = make_user(
        email=f"{EMAIL_MARKER}.editor@greenwich.gov.uk",
        organisation=council_b,
        role=Role.EDITOR,
    )
    member_b = make_user(
        email=f"{EMAIL_MARKER}.member@greenwich.gov.uk", organisation=council_b, role=Role.MEMBER
    )
    for status in PRIVATE_STATUSES:
        _vacancy(
            council_b,
            status=status,
            title=f"{SEARCH_WORD} {MARKER} {status} analyst",
            author=editor_b,
            level=level,
        )
    public_vacancy_b = _vacancy(
        council_b,
        status="published",
        title=f"{SEARCH_WORD} Greenwich data analyst",
        author=editor_b,
        level=level,
    )
    _vacancy(
        council_a, status="published", title="Hackney data analyst", author=editor_b, level=level
    )
    draft = _jd(
        council_b,
        title=f"{SEARCH_WORD} {MARKER} draft JD",
        status="draft",
        visibility="council",
        level=level,
    )
    _jd(
        council_b,
        title=f"{SEARCH_WORD} {MARKER} council-only JD",
        status="published",
        visibility="council",
        level=level,
    )
    JDSuggestion.objects.create(
        job_description=draft, author=member_b, text=f"{MARKER}: say what the team does."
    )
    public_jd_a = _jd(
        council_a,
        title=f"{SEARCH_WORD} Hackney shared JD",
        status="published",
        visibility="members",
        level=level,
    )
    SalaryObservation.objects.create(
        role_level=level,
        organisation=council_b,
        zone="outer_london",
        annual_min_pence=4_000_000,
        annual_max_pence=4_400_000,
        observed_on=timezone.localdate(),
        source="vacancy",
        source_ref=f"{MARKER}-ref",
        pay_text=f"{MARKER} £40,000",
    )
    stats = {"mid": {"p10": 1, "p25": 2, "p50": int(PRIVATE_POUNDS) * 100, "p75": 4, "p90": 5}}
    for period in ("last12", "all"):
        BenchmarkCell.objects.create(
            subject=f"role_level:{level.pk}",
            geography=f"council:{council_b.pk}",
            period=period,
            count=40,
            councils=1,
            largest_council_share=Decimal("1.000"),
            stats=stats,
        )
    VacancyImport.objects.create(
        organisation=council_b,
        started_by=editor_b,
        source="upload",
        file_format="csv",
        filename=f"{MARKER}.csv",
        rows=[{"row": 2, "title": MARKER, "outcome": "created", "messages": []}],
    )
    SavedSearch.objects.create(user=member_b, name=f"{MARKER} search", query_string=f"q={MARKER}")
    AlertSubscription.objects.create(
        email=f"{EMAIL_MARKER}.alert@example.org",
        query_string=f"q={MARKER}",
        secret=secrets.token_urlsafe(32),
    )
    return Private(council_a, council_b, public_vacancy_b, public_jd_a, level)


# --------------------------------------------------------------------------------------------
# The places


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body[:2] == b"PK":  # xlsx and docx: read every part of the zip
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def _json_ld(html: str) -> str:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert found, "the public page should carry JSON-LD"
    return "\n".join(found)


@dataclass(frozen=True)
class Place:
    role: str
    url: Callable[[Private], str]
    extract: Callable[[str], str] = lambda text: text
    # Salary figures: council B's own row must not reach this reader.
    salaries: bool = False


def _search(path: str) -> Callable[[Private], str]:
    return lambda p: f"{path}?q={SEARCH_WORD}"


def _benchmark(extension: str = "") -> Callable[[Private], str]:
    suffix = f"download.{extension}" if extension else ""
    return lambda p: f"/salaries/benchmarks/level/{LEVEL}/{suffix}"


PLACES: dict[str, Place] = {
    "home page": Place("anonymous", lambda p: "/"),
    "jobs board, searched": Place("anonymous", _search("/jobs/")),
    "jobs board and facets": Place("anonymous", lambda p: "/jobs/"),
    "jobs board as council A's admin": Place("admin_a", _search("/jobs/")),
    "jobs board filtered to council B": Place(
        "member_a", lambda p: f"/jobs/?council={p.council_b.slug}"
    ),
    "RSS feed": Place("anonymous", lambda p: "/jobs/feed.rss"),
    "Atom feed": Place("anonymous", lambda p: "/jobs/feed.atom"),
    "RSS feed, searched": Place("anonymous", lambda p: f"/jobs/feed.rss?q={SEARCH_WORD}"),
    "sitemap": Place("anonymous", lambda p: "/sitemap.xml"),
    "public vacancy page of council B": Place(
        "anonymous", lambda p: f"/jobs/{p.public_vacancy_b.pk}/"
    ),
    "JSON-LD of council B's public vacancy": Place(
        "anonymous", lambda p: f"/jobs/{p.public_vacancy_b.pk}/", _json_ld
    ),
    "councils on the jobs board": Place("anonymous", lambda p: "/jobs/councils/"),
    "councils list": Place("anonymous", lambda p: "/organisations/"),
    "council B's public page": Place("anonymous", lambda p: f"/organisations/{p.council_b.slug}/"),
    "council B's page as council A's admin": Place(
        "admin_a", lambda p: f"/organisations/{p.council_b.slug}/"
    ),
    "library search as council A's member": Place("member_a", _search("/library/")),
    "library search as council A's editor": Place("editor_a", _search("/library/")),
    "library search as council A's admin": Place("admin_a", _search("/library/")),
    "library and facets as council A's editor": Place("editor_a", lambda p: "/library/"),
    "alternatives on council A's shared JD": Place(
        "editor_a", lambda p: f"/library/{p.public_jd_a.pk}/"
    ),
    "framework level page": Place("anonymous", lambda p: f"/framework/levels/{LEVEL}/"),
    "health check": Place("anonymous", lambda p: "/health-check/"),
    "health check scoring": Place("anonymous", lambda p: "/health-check/scoring/"),
    "council A's health scores": Place(
        "admin_a", lambda p: f"/health-check/councils/{p.council_a.pk}/"
    ),
    "salaries overview as council A's member": Place("member_a", lambda p: "/salaries/"),
    "your council's salaries as council A's member": Place(
        "member_a", lambda p: "/salaries/your-council/"
    ),
    "salary benchmark page": Place("member_a", _benchmark(), salaries=True),
    "salary CSV export": Place("member_a", _benchmark("csv"), salaries=True),
    "salary XLSX export": Place("admin_a", _benchmark("xlsx"), salaries=True),
    "salary Word export": Place("editor_a", _benchmark("docx"), salaries=True),
    "open London pay data": Place("anonymous", lambda p: "/salaries/open-data/", salaries=True),
    "open London pay data CSV": Place(
        "anonymous", lambda p: "/salaries/open-data/london-pay.csv", salaries=True
    ),
    "council A's vacancies": Place("admin_a", lambda p: f"/jobs/manage/{p.council_a.slug}/"),
    "alert sign-up for the search": Place(
        "anonymous", lambda p: f"/alerts/subscribe/?q={SEARCH_WORD}"
    ),
    "saved searches of council A's member": Place("member_a", lambda p: "/jobs/saved/"),
}


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def assert_nothing_private(text: str, where: str, private: Private, *, salaries: bool) -> None:
    assert MARKER.lower() not in text.lower(), f"council B's private things appear in: {where}"
    assert EMAIL_MARKER not in text.lower(), f"council B's members' emails appear in: {where}"
    if salaries:
        assert PRIVATE_POUNDS not in text, f"council B's own salary figures appear in: {where}"
        assert private.council_b.short_name not in text, f"{where} names council B's own row"


@pytest.mark.django_db
@pytest.mark.parametrize("place", sorted(PLACES))
def test_private_things_never_appear(place: str, people: dict[str, Any], private: Private) -> None:
    spec = PLACES[place]
    response = _client(people[spec.role]).get(spec.url(private))
    assert response.status_code == 200, f"{place}: {response.status_code}"
    text = spec.extract(_text(response))
    assert_nothing_private(text, place, private, salaries=spec.salaries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member_a", "admin_a"])
def test_private_things_never_come_back_from_the_api(
    role: str, people: dict[str, Any], private: Private
) -> None:
    client = _client(people[role])
    for operation in CALLS:
        text = call(client, operation).content.decode()
        assert_nothing_private(text, f"API {operation} as {role}", private, salaries=True)


@pytest.mark.django_db
def test_the_markers_are_where_they_should_be(people: dict[str, Any], private: Private) -> None:
    """The checks above can fail: council B's own people do see the marker and their figures."""
    member_b = _client(people["member_b"])
    library = _text(member_b.get(f"/library/?q={SEARCH_WORD}"))
    assert f"{MARKER} council-only JD" in library
    editor_b = User.objects.get(email=f"{EMAIL_MARKER}.editor@greenwich.gov.uk")
    own = _text(_client(editor_b).get(f"/jobs/manage/{private.council_b.slug}/"))
    assert f"{MARKER} draft analyst" in own
    # The searches work: they find the public things carrying the search word.
    assert "Greenwich data analyst" in _text(Client().get(f"/jobs/?q={SEARCH_WORD}"))
    assert "Greenwich data analyst" in _text(Client().get(f"/jobs/feed.rss?q={SEARCH_WORD}"))
    member_a = _client(people["member_a"])
    assert "Hackney shared JD" in _text(member_a.get(f"/library/?q={SEARCH_WORD}"))
    csv = _text(member_b.get(f"/salaries/benchmarks/level/{LEVEL}/download.csv"))
    assert PRIVATE_POUNDS in csv
    assert private.council_b.short_name in csv
    vacancy_page = _text(Client().get(f"/jobs/{private.public_vacancy_b.pk}/"))
    assert "Greenwich data analyst" in _json_ld(vacancy_page)
