"""Text on pages: rich text (the Markdown subset of job descriptions and vacancies) and plain
text (suggestions, framework descriptions) as GOV.UK HTML."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from civictalent.core.richtext import render, with_govuk_classes

register = template.Library()


@register.filter
def rich_text(text: str, heading_offset: int = 1) -> SafeString:
    """The Markdown subset (core/richtext.py) as sanitised GOV.UK HTML. Its headings move down
    ``heading_offset`` levels (by default an h2 becomes an h3) to sit under the page's own."""
    safe = render(str(text or ""))
    return mark_safe(with_govuk_classes(safe, heading_offset=int(heading_offset)))  # noqa: S308 - rendered with raw HTML off, then cleaned by nh3


@register.filter
def paragraphs(text: str) -> SafeString:
    """Plain text: paragraphs, and "- " lines as a bulleted list, escaped."""
    blocks: list[str] = []
    bullets: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(f'<p class="govuk-body">{" ".join(lines)}</p>')
            lines.clear()
        if bullets:
            items = "".join(f"<li>{item}</li>" for item in bullets)
            blocks.append(f'<ul class="govuk-list govuk-list--bullet">{items}</ul>')
            bullets.clear()

    for raw in str(text or "").splitlines():
        line = raw.strip()
        if line.startswith(("- ", "* ", "• ")):
            if lines:
                flush()
            bullets.append(escape(line[2:].strip()))
        elif not line:
            flush()
        else:
            if bullets:
                flush()
            lines.append(escape(line))
    flush()
    return mark_safe("".join(blocks))  # noqa: S308 - every piece above is escaped


@register.filter
def get_item(mapping: object, key: str) -> object:
    """mapping[key] in a template (for query-string values): '' when missing."""
    getter = getattr(mapping, "get", None)
    return getter(key, "") if getter else ""
