from __future__ import annotations

from django import forms

from civictalent.api.models import TokenScope
from civictalent.api.services import EXPIRY_CHOICES
from civictalent.core.forms import GovukFormMixin


class TokenForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Which system will use it",
        help_text="For example, our HR system. You will see this name in the list of tokens.",
        max_length=100,
        error_messages={"required": "Say which system will use the token."},
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=[
            (TokenScope.READ.value, "Read only: your council's data, and the benchmarks"),
            (
                TokenScope.READ_WRITE.value,
                "Read and write: also change your council's data through the API, once it "
                "offers that (today it offers no changes, so this reads only)",
            ),
        ],
        initial=TokenScope.READ.value,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the token may do."},
    )
    expires_in_days = forms.TypedChoiceField(
        label="How long it lasts",
        choices=[(days, f"{days} days") for days in EXPIRY_CHOICES],
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how long the token lasts."},
    )
