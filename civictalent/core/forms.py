from __future__ import annotations

from typing import Any, ClassVar

from civictalent.core.invisible import without_invisible_controls


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
