from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from civictalent.core.invisible import without_invisible_controls
from civictalent.core.uploads import MAX_UPLOAD_BYTES


class GovukFormMixin:
    """Render ``{{ form }}`` as GOV.UK Frontend form groups (see templatetags/govuk.py), and take
    invisible direction and zero-width characters out of every text answer."""

    template_name: ClassVar[str] = "core/forms/govuk_form.html"
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()  # type: ignore[misc]
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = without_invisible_controls(value)
        return cleaned


class RichTextarea(forms.Textarea):
    """A textarea for the rich-text subset (core/richtext.py), with formatting buttons above it.

    The buttons are GitHub's markdown-toolbar-element (npm, served as a file, no inline script):
    each types the subset's Markdown around the selection, and the toolbar is one Tab stop whose
    buttons the arrow keys move between. Until the script has defined the element (or without
    JavaScript) the buttons are hidden and this is a plain textarea; the field's hint says how
    to type the same formatting by hand."""

    template_name = "core/widgets/rich_text.html"
    BUTTONS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("header-2", "Heading"),
        ("header-3", "Subheading"),
        ("bold", "Bold"),
        ("italic", "Italic"),
        ("link", "Link"),
        ("unordered-list", "Bulleted list"),
        ("ordered-list", "Numbered list"),
    )

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, toolbar_label: str = "Formatting"
    ) -> None:
        super().__init__(attrs)
        self.toolbar_label = toolbar_label

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["buttons"] = self.BUTTONS
        context["widget"]["toolbar_label"] = self.toolbar_label
        return context


RICH_TEXT_HINT = (
    "Use the buttons, or type ## before a heading, - before a bullet point, 1. before a "
    "numbered point, **bold**, *italic* and [link text](https://address). Other formatting is "
    "removed."
)


def upload_within_limit(document: Any) -> Any:
    """A form's uploaded file, refused by its size before anything reads it."""
    if document and document.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            f"This file is {document.size / 1024 / 1024:.1f} MB; the limit is 10 MB. "
            "Upload a smaller file or paste the text."
        )
    return document
