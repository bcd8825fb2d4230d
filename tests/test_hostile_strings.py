"""Hostile text in every user text field and search box.

Each string is either refused with a clear message, or saved and then shown escaped or
sanitised on every page that shows it: no script tag, event handler or javascript: link reaches
a page, and template syntax appears literally (it is never evaluated).
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.richtext import sanitise_html
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs import services as vacancy_services
from civictalent.jobs.models import SavedSearch, Vacancy
from civictalent.organisations.models import Organisation
from tests.hostile.strings import SEARCHES, TEMPLATE, TEXTS, dangerous_markup

pytestmark = pytest.mark.django_db

TEXT_CASES = list(TEXTS.items())
TEXT_IDS = [name for name, _ in TEXT_CASES]


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def assert_safe_page(response: Any, text: str) -> str:
    """A page that shows ``text`` harmlessly; returns its HTML."""
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    assert dangerous_markup(body) == [], dangerous_markup(body)
    assert settings.SECRET_KEY not in body
    assert "Traceback" not in body
    return body


def assert_refused_or_saved(response: Any) -> bool:
    """True when saved (a redirect); otherwise the page explains what to change."""
    if response.status_code == 302:
        return True
    assert response.status_code in (200, 400), response.status_code
    body = html.unescape(response.content.decode())
    assert "govuk-error-summary" in body, "refused without saying why"
    assert dangerous_markup(response.content.decode()) == []
    return False


def assert_literal_template(bodies: list[str]) -> None:
    """Template syntax appears as typed: on at least one page, never evaluated."""
    assert any("{{ settings.SECRET_KEY }}" in html.unescape(body) for body in bodies)


# --- Job descriptions -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_jd_fields_are_escaped_everywhere(
    name: str, text: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    pasted = f"{text}\n\nPurpose of the job\n\nHelp residents with data. {text}\n"
    created = editor.post(
        reverse("jdlibrary:contribute"),
        {"organisation": council_a.pk, "text": pasted, "pay_text": text[:300]},
    )
    assert created.status_code == 302, created.content.decode()[:3000]
    jd = JobDescription.objects.get()
    fields = {
        "title": text[:200],
        "grade": text[:50],
        "pay_text": text[:300],
        "location": text[:200],
        "contract": "",
        "working_pattern": "",
        "role_level": "",
        "section_purpose": text,
        "section_responsibilities": f"<ul><li>{text}</li></ul>",
    }
    saved = assert_refused_or_saved(
        editor.post(reverse("jdlibrary:review", kwargs={"pk": jd.pk}), fields)
    )
    bodies = [
        assert_safe_page(editor.get(reverse(page, kwargs={"pk": jd.pk})), text)
        for page in ("jdlibrary:review", "jdlibrary:detail", "library_health:jd_report")
    ]
    bodies.append(assert_safe_page(editor.get(reverse("jdlibrary:library"), {"q": text}), text))
    if name == "template" and saved:
        assert_literal_template(bodies)


# --- Vacancies: every text field, the rich-text description and the apply URL ----------------


def vacancy_form(council: Organisation, text: str, **changes: str) -> dict[str, str]:
    data = {
        "organisation": str(council.pk),
        "title": text[:200],
        "summary": text[:600],
        "description": f"<p>{text}</p><p>Build dashboards.</p>{text}",
        "annual_min": "45000",
        "annual_max": "50000",
        "pay_text": text[:200],
        "hours_per_week": "36",
        "contract": "permanent",
        "working_pattern": "full_time",
        "workplace": "hybrid",
        "hybrid_pattern": text[:200],
        "location": text[:200],
        "closes_day": "18",
        "closes_month": "12",
        "closes_year": "2030",
        "closes_time": "12:00",
        "apply_url": "https://jobs.example/1",
        "contact_name": text[:120],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_vacancy_fields_are_escaped_or_sanitised_everywhere(
    name: str, text: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    response = editor.post(reverse("jobs:vacancy_new"), vacancy_form(council_a, text))
    if not assert_refused_or_saved(response):
        return
    vacancy = Vacancy.objects.get()
    assert "<script" not in vacancy.description_html
    assert "onerror" not in vacancy.description_html
    assert "javascript:" not in vacancy.description_html
    bodies = [
        assert_safe_page(editor.get(reverse(page, kwargs={"pk": vacancy.pk})), text)
        for page in ("jobs:vacancy_draft", "jobs:vacancy_edit")
    ]
    moderator = people["platform_admin"]
    assert moderator is not None and people["editor_a"] is not None
    submitted = vacancy_services.vacancy_submit(vacancy=vacancy, author=people["editor_a"])
    vacancy_services.vacancy_publish(vacancy=submitted.vacancy, actor=moderator)
    public = client_for(None)
    bodies.append(
        assert_safe_page(public.get(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk})), text)
    )
    bodies.append(assert_safe_page(public.get(reverse("jobs:board"), {"q": "dashboards"}), text))
    feed = public.get(reverse("jobs:feed_rss"))
    assert feed.status_code == 200
    assert b"<script>alert" not in feed.content
    if name == "template":
        assert_literal_template(bodies)


@pytest.mark.parametrize(
    "apply_url",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        'https://evil.example/"><script>alert(1)</script>',
    ],
)
def test_vacancy_apply_url_refuses_script_urls(
    apply_url: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    response = editor.post(
        reverse("jobs:vacancy_new"), vacancy_form(council_a, "Data analyst", apply_url=apply_url)
    )
    if assert_refused_or_saved(response):
        vacancy = Vacancy.objects.get()
        assert (
            not vacancy.apply_url.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))
        )
        assert_safe_page(editor.get(reverse("jobs:vacancy_draft", kwargs={"pk": vacancy.pk})), "")
    else:
        assert Vacancy.objects.count() == 0


def test_homoglyph_apply_url_is_shown_so_the_difference_is_visible(
    people: dict[str, User | None], council_a: Organisation
) -> None:
    from tests.hostile.strings import HOMOGLYPH_URL

    editor = client_for(people["editor_a"])
    response = editor.post(
        reverse("jobs:vacancy_new"),
        vacancy_form(council_a, "Data analyst", apply_url=HOMOGLYPH_URL),
    )
    if assert_refused_or_saved(response):
        vacancy = Vacancy.objects.get()
        page = assert_safe_page(
            editor.get(reverse("jobs:vacancy_draft", kwargs={"pk": vacancy.pk})), ""
        )
        assert "paypal.com" not in page  # never silently "corrected" to the real domain


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_rich_text_sanitiser_removes_script(name: str, text: str) -> None:
    cleaned = sanitise_html(f"<p>{text}</p>{text}<a href='javascript:alert(1)'>x</a>")
    assert dangerous_markup(cleaned) == []
    assert "<script" not in cleaned.lower()
    assert "javascript:" not in cleaned.lower()


# --- People, councils, saved searches, alerts, the health check ------------------------------


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_display_name_is_escaped(name: str, text: str, people: dict[str, User | None]) -> None:
    member = client_for(people["member_a"])
    saved = assert_refused_or_saved(
        member.post(reverse("accounts:edit_name"), {"display_name": text[:100]})
    )
    bodies = [assert_safe_page(member.get(reverse("accounts:profile")), text)]
    admin = client_for(people["admin_a"])
    bodies.append(
        assert_safe_page(
            admin.get(reverse("organisations:members", kwargs={"slug": "hackney"})), text
        )
    )
    if name == "template" and saved:
        assert_literal_template(bodies)


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_organisation_fields_are_refused_or_escaped(
    name: str, text: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    admin = client_for(people["platform_admin"])
    response = admin.post(
        reverse("organisations:edit", kwargs={"slug": council_a.slug}),
        {"website": text, "domains": f"{text}\nhackney.gov.uk"},
    )
    assert not assert_refused_or_saved(response), "a hostile website or domain must be refused"
    council_a.refresh_from_db()
    assert text not in (council_a.website or "")
    assert_safe_page(
        client_for(None).get(reverse("organisations:detail", kwargs={"slug": "hackney"})), text
    )


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_saved_search_name_and_query_are_escaped(
    name: str, text: str, people: dict[str, User | None]
) -> None:
    member = client_for(people["member_a"])
    response = member.post(
        reverse("jobs:saved_search_save"),
        {"name": text[:80], "query": f"q={text}&family={text}"},
    )
    saved = assert_refused_or_saved(response)
    assert SavedSearch.objects.count() == (1 if saved else 0)
    body = assert_safe_page(member.get(reverse("jobs:saved_searches")), text)
    if name == "template" and saved:
        assert_literal_template([body])


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_alert_sign_up_refuses_hostile_email_and_escapes_the_search(name: str, text: str) -> None:
    from civictalent.alerts.models import AlertSubscription

    response = client_for(None).post(
        reverse("alerts:subscribe") + "?" + f"q={text}",
        {"email": f"{text}@example.org", "frequency": "daily"},
    )
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert dangerous_markup(body) == []
    assert "govuk-error-summary" in body
    assert AlertSubscription.objects.count() == 0


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_health_checker_text_is_escaped(name: str, text: str) -> None:
    response = client_for(None).post(
        reverse("healthcheck:checker"),
        {"text": f"Data analyst\n\n{text}\n\nHelp residents with data. {text}"},
    )
    body = assert_safe_page(response, text)
    if name == "template":
        assert_literal_template([body])


# --- Search boxes: FTS5 / tsquery syntax never reaches the SQL as syntax ----------------------


@pytest.mark.parametrize(("name", "query"), list(SEARCHES.items()), ids=list(SEARCHES))
def test_search_boxes_accept_any_syntax(
    name: str, query: str, people: dict[str, User | None]
) -> None:
    member = client_for(people["member_a"])
    for url in (reverse("jobs:board"), reverse("jdlibrary:library")):
        response = member.get(url, {"q": query}, follow=True)  # a long query is shortened
        assert_safe_page(response, query)
    assert client_for(None).get(reverse("alerts:subscribe"), {"q": query}).status_code == 200


def test_search_terms_bind_as_parameters() -> None:
    """The query builders quote each word: FTS operators never pass through."""
    from civictalent.core.search import _fts5_match, query_terms

    terms = tuple(query_terms('data" OR NEAR(x) -y *'))
    match = _fts5_match(terms)
    assert match == '"data" AND "or" AND "near" AND "x" AND "y"*'
    assert TEMPLATE  # the module's strings are importable and non-empty
