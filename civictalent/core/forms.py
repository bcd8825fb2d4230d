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


def upload_within_limit(document: Any) -> Any:
    """A form's uploaded file, refused by its size before anything reads it."""
    if document and document.size > MAX_UPLOAD_BYTES:
        raise forms.ValidationError(
            f"This file is {document.size / 1024 / 1024:.1f} MB; the limit is 10 MB. "
            "Upload a smaller file or paste the text."
        )
    return document
