"""Rich text in vacancy descriptions: a small set of tags kept, everything else removed.

nh3 (the Rust ammonia sanitiser) strips script, style, event handlers and unsafe URLs; we also
limit tags to what a job description needs, so pasted Word markup cannot break the page.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h2", "h3", "h4", "a", "blockquote"}
)
ALLOWED_ATTRIBUTES = {"a": frozenset({"href"})}
URL_SCHEMES = frozenset({"https", "http", "mailto"})
BLOCK_BREAK = re.compile(r"</(p|li|h[2-4]|blockquote)>|<br\s*/?>", re.IGNORECASE)
# "[^<>]", not "[^>]": from each "<" the scan stops at the next "<", so a text full of "<" is
# read once, not once from every "<" to its end.
TAG = re.compile(r"<[^<>]+>")


def sanitise_html(text: str) -> str:
    """Safe HTML from untrusted HTML or plain text (plain text becomes paragraphs)."""
    text = text.strip()
    if not text:
        return ""
    if not TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    ).strip()


def html_to_text(safe_html: str) -> str:
    """Plain text of sanitised HTML, one line per block: for search, emails and the health check."""
    with_breaks = BLOCK_BREAK.sub("\n", safe_html)
    text = html.unescape(TAG.sub("", with_breaks))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


GOVUK_CLASSES = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "blockquote": "govuk-inset-text",
}
OPENING_TAG = re.compile(r"<(p|ul|ol|h[2-4]|blockquote)>|<a ", re.IGNORECASE)
CLOSING_HEADING = re.compile(r"</h([2-4])>", re.IGNORECASE)


def with_govuk_classes(safe_html: str, *, heading_offset: int = 0) -> str:
    """Sanitised HTML with GOV.UK Frontend classes on its blocks and links, for pages.
    ``heading_offset`` moves headings down a level (1: an h2 becomes an h3, styled as before),
    so a description keeps its place under the page's own headings."""

    def level(tag: str) -> str:
        return f"h{min(int(tag[1]) + heading_offset, 6)}"

    def classed(match: re.Match[str]) -> str:
        tag = match.group(1)
        if tag is None:
            return '<a class="govuk-link" '
        tag = tag.lower()
        name = level(tag) if tag.startswith("h") else tag
        return f'<{name} class="{GOVUK_CLASSES[tag]}">'

    opened = OPENING_TAG.sub(classed, safe_html)
    return CLOSING_HEADING.sub(lambda match: f"</{level('h' + match.group(1))}>", opened)
