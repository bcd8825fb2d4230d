"""Every piece of HTML we mark safe is either built by us from escaped parts, or is stored rich
text that went through nh3 (civictalent/core/richtext.py) on its way in: a vacancy's description is
rendered from the Markdown subset with raw HTML off, then cleaned by nh3.

The inventories below are exact: a new ``mark_safe``, ``|safe`` or ``{% autoescape off %}`` in
an HTML template, or a new way of writing ``Vacancy.description_html``, fails here until someone
has looked at it and added it, with the reason it is safe.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.richtext import sanitise_html
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.models import Vacancy
from civictalent.jobs.services import vacancy_create
from civictalent.organisations.models import Organisation, Role
from conftest import ROOT

CODE_DIRS = [ROOT / "civictalent", ROOT / "config"]
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "civictalent").glob("*/templates"))]

# (file, the call as written) -> why what it marks safe cannot carry markup from a person.
KNOWN_MARK_SAFE: dict[tuple[str, str], str] = {
    (
        "civictalent/jobs/manage_views.py",
        "mark_safe(with_govuk_classes(safe, heading_offset=1))",
    ): "stored rich text, sanitised by nh3 when saved (see the writers test below) and again",
    (
        "civictalent/jobs/manage_views.py",
        "mark_safe(json_ld(job_posting(posting_of(found, url=url))))",
    ): "JSON with <, > and & escaped (structured_data.json_ld)",
    (
        "civictalent/jobs/manage_views.py",
        "mark_safe(",
    ): "a chart built from numbers and escaped labels",
    ("civictalent/jobs/find_views.py", 'mark_safe(" checked")'): "a constant",
    (
        "civictalent/alerts/digests.py",
        'mark_safe(render_to_string("alerts/emails/_vacancy.html", context))',
    ): "an autoescaped template",
    (
        "civictalent/alerts/digests.py",
        'mark_safe("".join(vacancy.html for vacancy in vacancies))',
    ): "the pieces above, each an autoescaped template",
    ("civictalent/core/templatetags/text.py", 'mark_safe("".join(blocks))'): "each block escaped",
    (
        "civictalent/core/templatetags/text.py",
        "mark_safe(with_govuk_classes(safe, heading_offset=int(heading_offset)))",
    ): "the Markdown subset rendered with raw HTML off, then cleaned by nh3 (core.richtext)",
    ("civictalent/core/templatetags/govuk.py", 'mark_safe("")'): "empty",
}
# (template, the expression) -> why.
KNOWN_SAFE_FILTERS: dict[tuple[str, str], str] = {
    ("civictalent/salaries/templates/salaries/benchmark.html", "chart|safe"): (
        "SVG built by salaries.charts from numbers, labels escaped"
    ),
    ("civictalent/salaries/templates/salaries/benchmark.html", "trend_chart|safe"): (
        "SVG built by salaries.charts from numbers, labels escaped"
    ),
}
# Model text fields holding HTML, and what makes each safe.
HTML_TEXT_FIELDS = {
    "jobs.Vacancy.description_html": "people's rich text: rendered from the Markdown subset and "
    "cleaned by nh3 (core.richtext.render) when saved, the only one shown on a page unescaped",
    "core.OutboundEmail.body_html": "rendered from our autoescaped email templates; sent as "
    "email, never shown on a page",
}
# Every expression code writes into Vacancy.description_html, by file.
KNOWN_DESCRIPTION_WRITERS = {
    ("civictalent/jobs/services/checking.py", "render(description)"),
    ("civictalent/jobs/services/checking.py", "description_html"),  # the variable just above
    ("civictalent/jobs/generation.py", "_html(sections)"),  # demo data, every part escaped
}
HOSTILE = (
    '<p onclick="steal()">Planner</p><script>alert(1)</script><style>body{display:none}</style>'
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">apply</a>'
    '<iframe src="https://evil.example"></iframe><p style="color:red">Hello</p>'
    '<a href="https://hackney.gov.uk/jobs">Apply on our site</a>'
)


def python_files() -> list[Path]:
    return [
        path
        for directory in CODE_DIRS
        for path in directory.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def mark_safe_calls() -> set[tuple[str, str]]:
    found = set()
    for path in python_files():
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "mark_safe":
                text = ast.get_source_segment(source, node) or ""
                # A call over several lines is known by its first line, without its comment.
                found.add((relative(path), text.splitlines()[0].split("#")[0].strip()))
    return found


def test_every_mark_safe_is_known_and_explained() -> None:
    assert mark_safe_calls() == set(KNOWN_MARK_SAFE)


def test_every_safe_filter_in_an_html_template_is_known_and_explained() -> None:
    found = set()
    for directory in TEMPLATE_DIRS:
        for path in directory.rglob("*.html"):
            text = path.read_text()
            assert "autoescape off" not in text, f"{relative(path)} turns escaping off"
            assert "safeseq" not in text, relative(path)
            for match in re.finditer(r"\{\{\s*([^}]*?\|\s*safe)\s*\}\}", text):
                found.add((relative(path), re.sub(r"\s+", "", match.group(1))))
    assert found == set(KNOWN_SAFE_FILTERS)


def test_every_html_text_field_is_known_and_explained() -> None:
    """A new text field named like HTML has no sanitiser on record: add it above."""
    named_html = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("civictalent.")
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField) and "html" in field.name
    }
    assert named_html == set(HTML_TEXT_FIELDS)


def test_description_html_is_written_only_through_the_sanitiser() -> None:
    writers = set()
    for path in python_files():
        source = path.read_text()
        for node in ast.walk(ast.parse(source)):
            values = []
            if isinstance(node, ast.keyword) and node.arg == "description_html":
                values.append(node.value)
            if isinstance(node, ast.Dict):
                values += [
                    value
                    for key, value in zip(node.keys, node.values, strict=True)
                    if isinstance(key, ast.Constant) and key.value == "description_html"
                ]
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if (
                        isinstance(target, ast.Attribute) and target.attr == "description_html"
                    ) or (isinstance(target, ast.Name) and target.id == "description_html"):
                        values.append(node.value)
            for value in values:
                writers.add((relative(path), ast.get_source_segment(source, value) or ""))
    # structured_data copies the stored (already sanitised) value into a Posting for JSON-LD.
    writers.discard(("civictalent/jobs/structured_data.py", "vacancy.description_html"))
    # The field's own declaration.
    writers.discard(
        (
            "civictalent/jobs/models.py",
            'models.TextField(blank=True, help_text="Sanitised rich text.")',
        )
    )
    assert writers == KNOWN_DESCRIPTION_WRITERS


def test_the_sanitiser_removes_script_style_handlers_and_unsafe_links() -> None:
    clean = sanitise_html(HOSTILE)
    for forbidden in (
        "<script",
        "alert(1)",
        "<style",
        "display:none",
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "style=",
        "<img",
    ):
        assert forbidden not in clean, forbidden
    assert "<p>Planner</p>" in clean
    assert '<a href="https://hackney.gov.uk/jobs" rel="noopener noreferrer nofollow">' in clean


@pytest.mark.django_db
def test_a_hostile_description_reaches_the_vacancy_page_harmless(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    vacancy = vacancy_create(
        organisation=council_a,
        author=editor,
        fields=VacancyFields(title="Planning officer", description=HOSTILE),
    )
    client = Client()
    client.force_login(editor)

    response = client.get(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk}))

    assert response.status_code == 200
    html = response.content.decode()
    for forbidden in ("alert(1)", "alert(2)", "alert(3)", "steal()", "evil.example", "color:red"):
        assert forbidden not in html, forbidden
    assert "Apply on our site" in html


@pytest.mark.django_db
def test_a_description_written_around_the_services_is_still_cleaned_on_the_page(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    """A row changed by a data fix or a restore, not by the services, cannot carry script."""
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    vacancy = vacancy_create(
        organisation=council_a,
        author=editor,
        fields=VacancyFields(title="Planning officer", description="<p>Plan places.</p>"),
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(description_html=HOSTILE)
    client = Client()
    client.force_login(editor)

    html = client.get(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk})).content.decode()

    for forbidden in ("alert(1)", "alert(2)", "alert(3)", "steal()", "evil.example", "color:red"):
        assert forbidden not in html, forbidden
    assert "Apply on our site" in html
