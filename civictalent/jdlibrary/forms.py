from __future__ import annotations

from typing import Any

from django import forms

from civictalent.core.forms import GovukFormMixin, RichTextarea, upload_within_limit
from civictalent.core.vocabularies import Contract
from civictalent.documents import MAX_FILE_BYTES
from civictalent.framework.models import RoleLevel
from civictalent.jdlibrary.models import (
    SECTION_LABELS,
    JobDescription,
    Licence,
    Visibility,
)
from civictalent.jdlibrary.services import EDITABLE_FIELDS
from civictalent.organisations.models import Organisation

# The sections a reviewer edits, in the order a reader meets them.
EDITED_KINDS = (
    "purpose",
    "responsibilities",
    "essential",
    "desirable",
    "person_specification",
    "about_council",
    "benefits",
    "how_to_apply",
    "other",
)
MAX_UPLOAD_BYTES = MAX_FILE_BYTES


def _level_label(level: RoleLevel) -> str:
    return f"{level.name} ({level.role.name})"


class ContributeForm(GovukFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label="Council", queryset=Organisation.objects.none(), empty_label=None
    )
    document = forms.FileField(
        label="Upload the job description",
        required=False,
        help_text="Word (.docx), OpenDocument (.odt), PDF with text, or a text file (.txt, .md). "
        "Up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt,.pdf,.txt,.md"}),
    )
    text = forms.CharField(
        label="Or paste the text",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    pay_text = forms.CharField(
        label="Salary as advertised",
        required=False,
        max_length=300,
        help_text="For example: £42,708 - £45,441 per annum including London weighting. "
        "We read it for you.",
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = councils

    def clean_document(self) -> Any:
        return upload_within_limit(self.cleaned_data.get("document"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("document") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Upload a file or paste the text of the job description.")
        return cleaned


class ReviewForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = JobDescription
        fields = list(EDITABLE_FIELDS)
        help_texts = {
            "role_level": "We suggested one from the title: check it.",
            "pay_text": "As the advert gives it. We read it into an annual range.",
        }

    def __init__(self, *args: Any, sections: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_level = self.fields["role_level"]
        assert isinstance(role_level, forms.ModelChoiceField)
        role_level.queryset = (
            RoleLevel.objects.filter(framework__is_default=True, is_current=True)
            .select_related("role")
            .order_by("role__name", "rank")
        )
        role_level.label_from_instance = _level_label  # type: ignore[method-assign,assignment]
        contract = self.fields["contract"]
        assert isinstance(contract, forms.ChoiceField)
        contract.choices = [("", "Not stated"), *Contract.choices]
        for kind in EDITED_KINDS:
            self.fields[f"section_{kind}"] = forms.CharField(
                label=SECTION_LABELS[kind],
                required=False,
                max_length=50_000,
                initial=(sections or {}).get(kind, ""),
                widget=RichTextarea(
                    attrs={"rows": 6},
                    toolbar_label=f"Formatting for {SECTION_LABELS[kind].lower()}",
                ),
            )

    def section_texts(self) -> dict[str, str]:
        return {kind: self.cleaned_data.get(f"section_{kind}", "") for kind in EDITED_KINDS}


class PublishForm(GovukFormMixin, forms.Form):
    """Who can see a published job description, and, only when that is every council, the
    licence (the open licence unless they choose another) and the council's permission. Kept to
    the council, it has no licence: none is offered or kept."""

    visibility = forms.ChoiceField(
        label="Who can see it",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who can see this job description."},
    )
    licence = forms.ChoiceField(
        label="Licence for other councils' reuse",
        choices=Licence.choices,
        required=False,
        initial=Licence.OGL,
        widget=forms.RadioSelect,
        help_text="Only if everyone signed in can see it. The Open Government Licence suits most "
        "councils.",
    )
    consent = forms.BooleanField(
        label="I have my council's permission to share this job description with other councils",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("visibility") != Visibility.MEMBERS:
            # Kept to the council: a licence chosen before (or sent anyway) is not kept.
            cleaned["licence"], cleaned["consent"] = "", False
            return cleaned
        if not cleaned.get("licence"):
            self.add_error("licence", "Choose a licence to share it with every council.")
        if not cleaned.get("consent"):
            self.add_error(
                "consent",
                "Confirm you have your council's permission to share it with every council.",
            )
        return cleaned
