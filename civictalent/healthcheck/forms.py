from __future__ import annotations

from typing import Any

from django import forms

from civictalent.core.forms import GovukFormMixin, upload_within_limit

MAX_TEXT_CHARACTERS = 100_000


class CheckForm(GovukFormMixin, forms.Form):
    document = forms.FileField(
        label="Upload a job advert or description",
        required=False,
        help_text="Word (.docx), OpenDocument (.odt), PDF, or a text file (.txt, .md). Up to "
        "10 MB. We check it and forget it: nothing is saved.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt,.pdf,.txt,.md"}),
    )
    text = forms.CharField(
        label="Or paste the text",
        required=False,
        max_length=MAX_TEXT_CHARACTERS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "true"}),
        help_text="Edit the text here and check it again as often as you like.",
    )

    def clean_document(self) -> Any:
        return upload_within_limit(self.cleaned_data.get("document"))

    def clean_text(self) -> str:
        # Browsers send a textarea's line breaks as CRLF; findings count characters, so one
        # form of line break is used throughout.
        return str(self.cleaned_data.get("text", "")).replace("\r\n", "\n").replace("\r", "\n")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("document") and not cleaned.get("text", "").strip() and not self.errors:
            self.add_error("text", "Paste the text of a job advert, or upload a file.")
        return cleaned
