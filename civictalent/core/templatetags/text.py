"""Show plain text with paragraphs and "- " bullet lists as GOV.UK HTML, escaped."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def paragraphs(text: str) -> SafeString:
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
