"""Rich text in descriptions: script and unsafe markup removed, GOV.UK classes added for pages."""

from __future__ import annotations

import pytest

from civictalent.jobs.richtext import html_to_text, sanitise_html, with_govuk_classes


@pytest.mark.parametrize(
    "nasty",
    [
        '<script>alert("x")</script>',
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">click</a>',
        '<p style="position:fixed" onclick="alert(1)">hi</p>',
        "<iframe src='https://evil.example'></iframe>",
        '<svg onload="alert(1)"></svg>',
        "<style>body{display:none}</style>",
    ],
)
def test_script_and_unsafe_markup_are_removed(nasty: str) -> None:
    clean = sanitise_html(f"<p>Before</p>{nasty}<p>After</p>")

    for danger in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<svg", "style"):
        assert danger not in clean.lower()
    assert clean.startswith("<p>Before</p>") and clean.endswith("<p>After</p>")
    assert "alert" not in html_to_text(clean)


def test_plain_text_becomes_paragraphs_and_is_escaped() -> None:
    clean = sanitise_html("Line one\nline two\n\nA < B & C")
    assert clean == "<p>Line one<br>line two</p><p>A &lt; B &amp; C</p>"
    assert html_to_text(clean) == "Line one\nline two\nA < B & C"


def test_links_keep_safe_addresses_and_get_rel() -> None:
    clean = sanitise_html('<a href="https://hackney.gov.uk" target="_blank">Us</a>')
    assert 'href="https://hackney.gov.uk"' in clean
    assert 'rel="noopener noreferrer nofollow"' in clean
    assert "target" not in clean


def test_govuk_classes_are_added_to_blocks_and_links() -> None:
    clean = sanitise_html(
        '<h2>Role</h2><p>Do <a href="https://x.example">this</a>.</p><ul><li>One</li></ul>'
        "<ol><li>Two</li></ol><h3>More</h3><blockquote>Quote</blockquote>"
    )
    classed = with_govuk_classes(clean)
    assert '<h2 class="govuk-heading-m">Role</h2>' in classed
    assert '<p class="govuk-body">' in classed
    assert '<a class="govuk-link" href="https://x.example"' in classed
    assert '<ul class="govuk-list govuk-list--bullet">' in classed
    assert '<ol class="govuk-list govuk-list--number">' in classed
    assert '<h3 class="govuk-heading-s">' in classed
    assert '<blockquote class="govuk-inset-text">' in classed
    assert with_govuk_classes("") == ""


def test_headings_move_down_a_level_under_the_pages_own() -> None:
    moved = with_govuk_classes("<h2>Role</h2><h3>More</h3><h4>Detail</h4>", heading_offset=1)
    assert moved == (
        '<h3 class="govuk-heading-m">Role</h3><h4 class="govuk-heading-s">More</h4>'
        '<h5 class="govuk-heading-s">Detail</h5>'
    )
