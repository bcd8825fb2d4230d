from __future__ import annotations

from typing import Any, cast

from django import forms

from civictalent.core.forms import GovukFormMixin
from civictalent.framework.models import RoleLevel


class ProgressionForm(GovukFormMixin, forms.Form):
    start = forms.ChoiceField(label="From role level", help_text="Where someone is now.")
    end = forms.ChoiceField(label="To role level", help_text="Where they want to be.")

    def __init__(self, *args: Any, levels: list[RoleLevel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        grouped: dict[str, list[tuple[str, str]]] = {}
        for level in levels:
            grouped.setdefault(level.role.name, []).append((level.slug, level.name))
        choices: list[Any] = [("", "Choose a role level"), *grouped.items()]
        for name in ("start", "end"):
            cast(forms.ChoiceField, self.fields[name]).choices = choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("start") == cleaned.get("end"):
            self.add_error("end", "Choose a different role level to compare with.")
        return cleaned
