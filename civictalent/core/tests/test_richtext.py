"""Rich text in descriptions: script and unsafe markup removed, GOV.UK classes added for pages."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from civictalent.core.richtext import (
    html_to_markdown,
    html_to_text,
    looks_like_html,
    markdown_from_input,
    normalise,
    render,
    sanitise_html,
    with_govuk_classes,
)


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


# --- The Markdown subset ---------------------------------------------------------------------


def test_the_subset_renders_headings_paragraphs_lists_links_bold_and_italic() -> None:
    html = render(
        "## The role\nYou will:\n- lead analysis\n- build dashboards\n\n"
        "### How\n1. Listen\n2. Build\n\n"
        "Read [our plan](https://hackney.gov.uk/plan), **really** and *soon*."
    )
    assert html == (
        "<h2>The role</h2><p>You will:</p><ul><li>lead analysis</li><li>build dashboards</li>"
        "</ul><h3>How</h3><ol><li>Listen</li><li>Build</li></ol><p>Read <a "
        'href="https://hackney.gov.uk/plan" rel="noopener noreferrer nofollow">our plan</a>, '
        "<strong>really</strong> and <em>soon</em>.</p>"
    )


def test_a_single_line_break_is_kept_and_a_blank_line_starts_a_paragraph() -> None:
    assert render("Hackney Town Hall\nMare Street\n\nApply now.") == (
        "<p>Hackney Town Hall<br>Mare Street</p><p>Apply now.</p>"
    )


@pytest.mark.parametrize(
    ("typed", "item"),
    [
        ("- Lead analysis", "ul"),
        ("* Lead analysis", "ul"),
        ("• Lead analysis", "ul"),
        ("•Lead analysis", "ul"),
        ("\u2013 Lead analysis", "ul"),
        ("+ Lead analysis", "ul"),
        ("1. Lead analysis", "ol"),
        ("1) Lead analysis", "ol"),
    ],
)
def test_lines_that_start_with_a_bullet_or_a_number_become_list_items(
    typed: str, item: str
) -> None:
    html = render(f"The main duties are:\n{typed}\n{typed}\nThen a paragraph.")
    assert html == (
        f"<p>The main duties are:</p><{item}><li>Lead analysis</li><li>Lead analysis</li>"
        f"</{item}><p>Then a paragraph.</p>"
    )


def test_blank_lines_between_items_keep_the_list_tight() -> None:
    assert normalise("- one\n\n- two\n\n\n\nAfter") == "- one\n- two\n\nAfter"
    assert render("- one\n\n- two") == "<ul><li>one</li><li>two</li></ul>"


def test_words_that_only_look_like_markers_stay_text() -> None:
    assert render("*bold* start") == "<p><em>bold</em> start</p>"
    assert render("-5 degrees\n2026 was busy\n3.5 days a week") == (
        "<p>-5 degrees<br>2026 was busy<br>3.5 days a week</p>"
    )


def test_headings_are_h2_or_h3_only() -> None:
    assert render("# Big\n#### Small\n###### Tiny") == "<h2>Big</h2><h3>Small</h3><h3>Tiny</h3>"


def test_subheadings_alone_are_the_first_level_so_no_level_is_skipped() -> None:
    assert render("### One\ntext\n### Two") == "<h2>One</h2><p>text</p><h2>Two</h2>"


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        "```\n<script>alert(1)</script>\n```",
        "<a href='https://evil.example'>x</a> later",
    ],
)
def test_markup_outside_the_subset_is_shown_as_text_never_run(hostile: str) -> None:
    elements = _elements(render("Text first. " + hostile))
    assert {tag for tag, _ in elements} <= {"p", "br"}, elements
    assert all(not attributes for _, attributes in elements)


def _elements(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every element's tag and attributes, as a browser's parser would see them."""
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Collector().feed(html)
    return found


def test_an_image_is_at_most_a_link_to_it() -> None:
    assert render("![Chart](https://a.example/c.png)") == (
        '<p>!<a href="https://a.example/c.png" rel="noopener noreferrer nofollow">Chart</a></p>'
    )


def test_only_web_and_email_links_are_links() -> None:
    assert '<a href="mailto:jobs@hackney.gov.uk"' in render("[Email](mailto:jobs@hackney.gov.uk)")
    assert "<a" not in render("[File](file:///etc/passwd)")


def test_ordered_lists_keep_their_first_number_and_get_govuk_classes() -> None:
    html = with_govuk_classes(render("3. third\n4. fourth"), heading_offset=1)
    assert html == (
        '<ol class="govuk-list govuk-list--number" start="3"><li>third</li><li>fourth</li></ol>'
    )


def test_html_becomes_the_same_subset_and_paragraphs_of_dashes_become_lists() -> None:
    markdown = html_to_markdown(
        "<h2>Role</h2><p>- Lead analysis</p><p>- Build things</p><p>Then <b>more</b>.</p>"
        '<ul><li>One <a href="https://x.example/a b">link</a><ul><li>Nested</li></ul></li></ul>'
        '<ol start="2"><li>Two</li></ol><p>user_research *star* [x]<br>next</p>'
    )
    assert markdown == (
        "## Role\n\n- Lead analysis\n- Build things\n\nThen **more**.\n\n"
        "- One [link](https://x.example/a%20b)\n  - Nested\n2. Two\n\n"
        "user_research \\*star\\* \\[x\\]\nnext"
    )
    assert "<li>Lead analysis</li><li>Build things</li>" in render(markdown)
    assert "*star* [x]" in html_to_text(render(markdown))


def test_converting_rendered_html_back_gives_the_same_page() -> None:
    source = (
        "## About\nWe are Hackney.\n\n- **Bold** item\n- Item with [a link](https://a.example)\n"
        "1. First\n2. Second\n\n### More\nLine one\nLine two"
    )
    html = render(source)
    assert render(html_to_markdown(html)) == html


def test_text_that_starts_with_a_tag_is_read_as_html_and_the_rest_as_markdown() -> None:
    assert looks_like_html("<p>Hello</p>") and looks_like_html("  <div class='x'>Hi</div>")
    assert not looks_like_html("Use the <b> tag") and not looks_like_html("a < b")
    assert markdown_from_input("<p>- one</p><p>- two</p><script>x()</script>") == "- one\n- two"
    assert markdown_from_input("* one\n* two") == "- one\n- two"
    assert html_to_markdown("<p>&lt;b&gt; is a tag</p>") == "\\<b> is a tag"
    assert not looks_like_html(html_to_markdown("<p>&lt;b&gt; is a tag</p>"))
