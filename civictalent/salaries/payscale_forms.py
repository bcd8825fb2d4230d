"""Forms of the pay scales pages: two CSV uploads and "resolve a grade"."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from civictalent.core.forms import GovukFormMixin
from civictalent.core.uploads import (
    CSV_CONTENT_TYPES,
    UNKNOWN_CONTENT_TYPES,
    UploadMessages,
    upload_bytes,
)
from civictalent.core.vocabularies import PayZone
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import PayScheme
from civictalent.salaries.payscales import MAX_CSV_BYTES, check_pay_year, current_pay_year

CSV_SUFFIXES = frozenset({".csv", ".txt"})
CSV_FILE_MESSAGES = UploadMessages(
    too_large="{name} is {size}. The file must be {limit_mb} MB or smaller: keep only the header "
    "row and the figures.",
    larger_than_it_said="{name} is larger than {limit_mb} MB. The file must be {limit_mb} MB or "
    "smaller.",
    empty="{name} is empty. Choose the CSV file with the figures.",
    wrong_type="{name} is not a CSV file. Save the spreadsheet as 'CSV UTF-8 (Comma delimited)' "
    "and upload the .csv file.",
)
_SNIFF_BYTES = 8192


def _is_csv_file(suffix: str, content_type: str) -> bool:
    return suffix in CSV_SUFFIXES and (
        content_type in CSV_CONTENT_TYPES or content_type in UNKNOWN_CONTENT_TYPES
    )


def read_csv_upload(upload: UploadedFile) -> bytes:
    """The upload's bytes if it is a CSV text file of 1 MB or less; ValidationError if not."""
    data = upload_bytes(
        upload,
        limit_bytes=MAX_CSV_BYTES,
        accepts=_is_csv_file,
        say=CSV_FILE_MESSAGES,
        unnamed="the file",
    )
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ValidationError(
            f"{upload.name or 'the file'} is not a text file (it may be an Excel workbook "
            "renamed to .csv). Save it as 'CSV UTF-8 (Comma delimited)' and upload that."
        )
    return data


class PayYearField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 7)
        kwargs.setdefault("help_text", "April to March, written like 2025-26.")
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-5", "spellcheck": "false"})

    def clean(self, value: Any) -> str:
        value = super().clean(value)
        if not value:
            return str(value)
        return check_pay_year(value, what=str(self.label or "The pay year"))


class CSVFileField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "CSV file")
        kwargs.setdefault(
            "error_messages",
            {"required": "Choose a CSV file to upload.", "empty": "The file is empty."},
        )
        super().__init__(**kwargs)
        self.widget.attrs.update({"accept": ".csv,text/csv"})


def _zone_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Pay zone",
        choices=PayZone.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the pay zone."},
        **kwargs,
    )


def _illustrative_field() -> forms.BooleanField:
    return forms.BooleanField(
        label="These are illustrative figures, not real pay",
        required=False,
        help_text="Tick for demonstration or test figures. Every page that shows them will "
        "warn that they are not real pay.",
    )


class SpineImportForm(GovukFormMixin, forms.Form):
    scheme_code = forms.SlugField(
        label="Scheme code",
        max_length=40,
        help_text="Short and lower case, like njc or greater-london. Use an existing code to add "
        "a pay year or zone to that scheme.",
        error_messages={
            "required": "Enter the scheme code, like njc.",
            "invalid": "The scheme code may use only letters, numbers and hyphens, like njc.",
        },
    )
    scheme_name = forms.CharField(
        label="Scheme name (for a new scheme)",
        required=False,
        max_length=150,
        help_text="Only needed the first time, like 'NJC pay spine'. An existing scheme keeps "
        "its name.",
    )
    pay_year = PayYearField(
        label="Pay year", error_messages={"required": "Enter the pay year, like 2025-26."}
    )
    zone = _zone_field()
    source = forms.CharField(
        label="Where the figures come from",
        max_length=300,
        help_text="For example: NJC pay circular of 1 August 2025, or the council's pay policy.",
        error_messages={"required": "Say where the figures come from."},
    )
    is_illustrative = _illustrative_field()
    file = CSVFileField(
        help_text="Two columns: point,annual_amount. Up to 1 MB and 2,000 rows. If this scheme "
        "already has a spine for the pay year and zone, its points are replaced."
    )

    def clean_scheme_code(self) -> str:
        return str(self.cleaned_data["scheme_code"]).strip().lower()

    def clean_file(self) -> bytes:
        return read_csv_upload(self.cleaned_data["file"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code = cleaned.get("scheme_code")
        if (
            code
            and not cleaned.get("scheme_name", "").strip()
            and not PayScheme.objects.filter(code=code).exists()
        ):
            self.add_error(
                "scheme_name",
                f"There is no scheme with the code {code} yet. Give the new scheme a name.",
            )
        return cleaned


class GradeMapImportForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Council",
        queryset=Organisation.objects.filter(is_active=True).order_by("short_name"),
        empty_label="Choose a council",
        error_messages={"required": "Choose the council."},
    )
    scheme = forms.ModelChoiceField(
        label="Pay scheme",
        queryset=PayScheme.objects.order_by("name"),
        to_field_name="code",
        empty_label="Choose a scheme",
        help_text="The spine the council's grades are points of. Import a spine first if the "
        "scheme is not listed.",
        error_messages={"required": "Choose the pay scheme."},
    )
    valid_from = PayYearField(
        label="First pay year",
        help_text="The first pay year this grade map applies to, like 2025-26. It applies to "
        "later years too, until a map with a later first year is imported.",
        error_messages={"required": "Enter the first pay year, like 2025-26."},
    )
    zone = _zone_field(help_text="Which of the scheme's spines the council pays from.")
    is_illustrative = _illustrative_field()
    file = CSVFileField(
        help_text="Three columns: grade,min_point,max_point. Up to 1 MB and 2,000 rows. If the "
        "council already has a map for this scheme and first year, its grades are replaced."
    )

    def clean_file(self) -> bytes:
        return read_csv_upload(self.cleaned_data["file"])


class ResolveGradeForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Council",
        queryset=Organisation.objects.filter(is_active=True).order_by("short_name"),
        to_field_name="slug",
        empty_label="Choose a council",
        error_messages={"required": "Choose the council."},
    )
    grade = forms.CharField(
        label="Grade",
        max_length=40,
        help_text="As the council writes it, like PO4, SO1 or Scale 6.",
        error_messages={"required": "Enter the grade, like PO4."},
    )
    pay_year = PayYearField(
        label="Pay year", error_messages={"required": "Enter the pay year, like 2025-26."}
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grade"].widget.attrs.update({"class": "govuk-input--width-10"})
        self.fields["pay_year"].initial = current_pay_year()
