from __future__ import annotations

from django import forms

from civictalent.core.forms import GovukFormMixin


class PayTextForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Pay as it is advertised",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text="For example: £42,708 - £45,441 per annum (inclusive of London weighting), PO4.",
        error_messages={"required": "Enter the pay as it is advertised."},
    )
