"""Forms of the import pages: a council's vacancy file, and its jobs settings (platform admins)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from civictalent.core.forms import GovukFormMixin
from civictalent.core.uploads import (
    CSV_CONTENT_TYPES,
    UNKNOWN_CONTENT_TYPES,
    UploadMessages,
    upload_bytes,
)
from civictalent.jdlibrary.forms import MAX_UPLOAD_BYTES
from civictalent.jobs.models import CouncilJobsSettings, FeedFormat

FORMAT_OF_SUFFIX = {".csv": "csv", ".txt": "csv", ".json": "json", ".xml": "xml"}
CONTENT_TYPES = {
    "csv": CSV_CONTENT_TYPES,
    "json": frozenset({"application/json", "text/json", "text/plain"}),
    "xml": frozenset({"application/xml", "text/xml", "text/plain"}),
}
VACANCY_FILE_MESSAGES = UploadMessages(
    too_large="{name} is {size}; the limit is {limit_mb} MB. Split the vacancies into smaller "
    "files.",
    larger_than_it_said="{name} is larger than {limit_mb} MB. Split it into smaller files.",
    empty="{name} is empty. Choose the file with your vacancies.",
    wrong_type="{name} is not a CSV, JSON or XML file. Save your vacancies as .csv (CSV UTF-8), "
    ".json or .xml, starting from the template.",
)


def _is_vacancy_file(suffix: str, content_type: str) -> bool:
    file_format = FORMAT_OF_SUFFIX.get(suffix)
    return file_format is not None and (
        content_type in CONTENT_TYPES[file_format] or content_type in UNKNOWN_CONTENT_TYPES
    )


def read_vacancy_upload(upload: UploadedFile) -> tuple[bytes, str]:
    """The upload's bytes and format (csv, json or xml), checked by size and type before
    anything parses it; ValidationError with what to do otherwise."""
    data = upload_bytes(
        upload,
        limit_bytes=MAX_UPLOAD_BYTES,
        accepts=_is_vacancy_file,
        say=VACANCY_FILE_MESSAGES,
    )
    return data, FORMAT_OF_SUFFIX[PurePath(upload.name or "").suffix.lower()]


class VacancyUploadForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="File of vacancies",
        help_text="CSV, JSON or XML in the vacancy import schema, up to "
        f"{MAX_UPLOAD_BYTES // 1_048_576} MB.",
        error_messages={
            "required": "Choose a CSV, JSON or XML file of vacancies.",
            "empty": "The file is empty. Choose the file with your vacancies.",
        },
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.json,.xml,text/csv,application/json,application/xml"}
        ),
    )
    lists_all = forms.BooleanField(
        label="This file lists all our open vacancies",
        required=False,
        help_text="Tick this only for a complete list. Vacancies imported before that are "
        "published but whose reference is not in this file will be closed as withdrawn. Leave "
        "it unticked to add and update vacancies without closing any.",
    )

    def clean_file(self) -> tuple[bytes, str]:
        return read_vacancy_upload(self.cleaned_data["file"])


class JobsSettingsForm(GovukFormMixin, forms.ModelForm):
    feed_url = forms.URLField(
        label="Feed address",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="The web address of the council's vacancy feed, starting https://. We fetch "
        "only this address, with a 10 second timeout and a 5 MB limit, from public servers only.",
        error_messages={"invalid": "Enter the feed's full address, starting https://."},
    )
    feed_format = forms.ChoiceField(
        label="Feed format",
        choices=[("", "Work it out from the feed"), *FeedFormat.choices],
        required=False,
        widget=forms.RadioSelect,
        help_text="The format of the council's feed, in the vacancy import schema.",
    )

    class Meta:
        model = CouncilJobsSettings
        fields = ["feed_url", "feed_format", "feed_enabled"]
        labels = {"feed_enabled": "Import the feed every hour"}
        help_texts = {
            "feed_enabled": "Vacancies from the feed are published directly, and published "
            "vacancies it no longer lists are closed as withdrawn.",
        }

    def clean_feed_url(self) -> str:
        url = str(self.cleaned_data.get("feed_url") or "").strip()
        if not url:
            return ""
        parts = urlsplit(url)
        allowed = {"https", "http"} if settings.DEBUG else {"https"}
        if parts.scheme.lower() not in allowed or not parts.hostname:
            raise ValidationError("Enter the feed's full address, starting https://.")
        if parts.username or parts.password:
            raise ValidationError(
                "Enter the address without a user name or password: we cannot keep secrets "
                "in a feed address."
            )
        return url

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("feed_enabled") and not cleaned.get("feed_url"):
            self.add_error("feed_url", "Enter the feed address, or untick importing the feed.")
        return cleaned
