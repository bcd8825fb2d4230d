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


# Day first, as people in the UK write dates, or the ISO form.
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class AuditFilterForm(GovukFormMixin, forms.Form):
    """The audit log's filters: what happened (in words), who, which council, and when."""

    action = forms.ChoiceField(label="What happened", required=False)
    person = forms.CharField(
        label="Person",
        required=False,
        max_length=254,
        help_text="Part of their name or email address",
    )
    organisation = forms.TypedChoiceField(
        label="Council or organisation", required=False, coerce=int, empty_value=None
    )
    since = forms.DateField(
        label="From",
        required=False,
        help_text="For example, 27/3/2026",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the from date as a real date, like 27/3/2026"},
    )
    until = forms.DateField(
        label="To",
        required=False,
        help_text="For example, 31/3/2026",
        input_formats=DATE_FORMATS,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the to date as a real date, like 31/3/2026"},
    )

    def __init__(
        self,
        *args: Any,
        actions: list[tuple[str, str]],
        organisations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        action_field = self.fields["action"]
        organisation_field = self.fields["organisation"]
        assert isinstance(action_field, forms.ChoiceField)
        assert isinstance(organisation_field, forms.ChoiceField)
        action_field.choices = [("", "Everything"), *actions]
        organisation_field.choices = [("", "All"), *organisations]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The to date must be the same as or after the from date")
        return cleaned
