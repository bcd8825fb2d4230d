"""Forms of the capability model's pages: the filter of the public list, editing a capability and
its role levels, and uploading a CSV or Excel file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import PurePath
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from civictalent.core.forms import GovukFormMixin
from civictalent.core.invisible import without_invisible_controls
from civictalent.core.uploads import (
    CSV_CONTENT_TYPES,
    UNKNOWN_CONTENT_TYPES,
    UploadMessages,
    upload_bytes,
)
from civictalent.maturity.capability_table import MAX_FILE_BYTES
from civictalent.maturity.models import CouncilSize, Domain

STAGE_CHOICES = [(str(stage), f"Stage {stage}") for stage in range(1, 6)]


class CapabilityFilterForm(GovukFormMixin, forms.Form):
    stage = forms.ChoiceField(
        label="Must-haves by maturity stage",
        required=False,
        choices=[("", "All stages"), *STAGE_CHOICES],
        help_text="Show the capabilities a council needs by this stage.",
    )
    size = forms.ChoiceField(
        label="Council size",
        required=False,
        choices=[("", "Do not show staff numbers"), *CouncilSize.choices],
        help_text="Show indicative staff numbers for a council of this size.",
    )


class CapabilityForm(GovukFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    domain = forms.ModelChoiceField(
        queryset=Domain.objects.order_by("order", "name"),
        label="Domain",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the domain.", "invalid_choice": "Choose a domain."},
    )
    name = forms.CharField(
        label="Name",
        max_length=120,
        error_messages={"required": "Enter the capability's name."},
    )
    description = forms.CharField(
        label="Description",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the capability is, in two or three sentences.",
        error_messages={"required": "Enter a description."},
    )
    benefits = forms.CharField(
        label="Benefits",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What a council gains from it.",
        error_messages={"required": "Enter the benefits."},
    )
    responsibilities = forms.CharField(
        label="Responsibilities",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One responsibility per line.",
    )
    must_have_stage = forms.TypedChoiceField(
        label="Must have from maturity stage",
        choices=STAGE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage from which a council needs it."},
    )
    is_emerging = forms.BooleanField(
        label="Emerging: a capability councils are only starting to need", required=False
    )
    staffing_is_illustrative = forms.BooleanField(
        label="The staff numbers are illustrative, not measured from councils", required=False
    )

    def clean_responsibilities(self) -> str:
        lines = [line.strip() for line in self.cleaned_data["responsibilities"].splitlines()]
        if any("|" in line for line in lines):
            raise ValidationError(
                "Take the | out of the responsibilities: it separates them in spreadsheets."
            )
        return "\n".join(line for line in lines if line)


class RoleRowForm(GovukFormMixin, forms.Form):
    role_level = forms.TypedChoiceField(
        label="Role level", required=False, coerce=int, empty_value=None
    )
    fte_small = forms.DecimalField(
        label="FTE, smaller council", min_value=0, max_value=100, max_digits=4, decimal_places=1
    )
    fte_medium = forms.DecimalField(
        label="FTE, medium council", min_value=0, max_value=100, max_digits=4, decimal_places=1
    )
    fte_large = forms.DecimalField(
        label="FTE, larger council", min_value=0, max_value=100, max_digits=4, decimal_places=1
    )
    remove = forms.BooleanField(label="Remove this role level", required=False)

    def __init__(self, *args: Any, level_choices: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role_level"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose a role level"), *(level_choices or [])]
        for name in ("fte_small", "fte_medium", "fte_large"):
            self.fields[name].required = False
            self.fields[name].widget.attrs.update(
                {"class": "govuk-input govuk-input--width-4", "inputmode": "decimal"}
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("remove") or not cleaned.get("role_level"):
            if not cleaned.get("remove") and any(
                cleaned.get(name) is not None for name in ("fte_small", "fte_medium", "fte_large")
            ):
                self.add_error("role_level", "Choose the role level these staff numbers are for.")
            return cleaned
        for name, words in (
            ("fte_small", "a smaller"),
            ("fte_medium", "a medium"),
            ("fte_large", "a larger"),
        ):
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, f"Enter the FTE for {words} council (0 if none).")
        return cleaned

    @property
    def row(self) -> tuple[int, Decimal, Decimal, Decimal] | None:
        """(role level id, small, medium, large), or None for a row removed or left empty."""
        data = self.cleaned_data
        if data.get("remove") or not data.get("role_level"):
            return None
        return (data["role_level"], data["fte_small"], data["fte_medium"], data["fte_large"])


class BaseRoleRowFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        seen: set[int] = set()
        for form in self.forms:
            row = getattr(form, "row", None) if form.cleaned_data else None
            if row is None:
                continue
            if row[0] in seen:
                raise ValidationError("Each role level may be listed only once.")
            seen.add(row[0])


RoleRowFormSet = forms.formset_factory(
    RoleRowForm, formset=BaseRoleRowFormSet, extra=2, max_num=40, validate_max=True
)


# --- Uploads -----------------------------------------------------------------------------------

XLSX_CONTENT_TYPES = frozenset(
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}
)
FILE_MESSAGES = UploadMessages(
    too_large="{name} is {size}. The file must be {limit_mb} MB or smaller.",
    larger_than_it_said="{name} is larger than {limit_mb} MB. The file must be {limit_mb} MB or "
    "smaller.",
    empty="{name} is empty. Choose the CSV or Excel file of the capability model.",
    wrong_type="{name} is not a CSV or Excel (.xlsx) file. Save the spreadsheet as "
    "'CSV UTF-8 (Comma delimited)' or 'Excel Workbook (.xlsx)' and upload that.",
)


def _accepts(suffix: str, content_type: str) -> bool:
    if suffix == ".csv":
        return content_type in CSV_CONTENT_TYPES or content_type in UNKNOWN_CONTENT_TYPES
    if suffix == ".xlsx":
        return content_type in XLSX_CONTENT_TYPES or content_type in UNKNOWN_CONTENT_TYPES
    return False


class CapabilityImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="CSV or Excel file",
        help_text="A .csv or .xlsx file of up to 2 MB and 1,000 rows, with the columns below.",
        error_messages={"required": "Choose a CSV or Excel file to upload."},
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self) -> tuple[str, bytes]:
        upload: UploadedFile = self.cleaned_data["file"]
        data = upload_bytes(upload, limit_bytes=MAX_FILE_BYTES, accepts=_accepts, say=FILE_MESSAGES)
        name = without_invisible_controls(upload.name or "the file")
        kind = PurePath(name).suffix.lower().lstrip(".")
        if kind == "xlsx" and not data.startswith(b"PK\x03\x04"):
            raise ValidationError(
                f"{name} is not an Excel workbook, whatever its name says. Save it as "
                "'Excel Workbook (.xlsx)' and upload that."
            )
        if kind == "csv" and b"\x00" in data[:8192]:
            raise ValidationError(
                f"{name} is not a text file (it may be an Excel workbook renamed to .csv). Save "
                "it as 'CSV UTF-8 (Comma delimited)' and upload that."
            )
        return kind, data
