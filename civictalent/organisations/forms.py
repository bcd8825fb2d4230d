from __future__ import annotations

from django import forms

from civictalent.core.forms import GovukFormMixin
from civictalent.organisations.models import ROLE_DESCRIPTIONS, JoinRequest, Role


class JoinRequestForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["message"]
        labels = {"message": "Message to the council admins (optional)"}
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class RoleForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=[(role.value, f"{role.label}: {ROLE_DESCRIPTIONS[role]}") for role in Role],
        widget=forms.RadioSelect,
    )


class DecisionForm(GovukFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve"), ("decline", "Decline")],
        error_messages={"required": "Choose approve or decline."},
    )
    note = forms.CharField(
        label="Note to the person (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrganisationSettingsForm(GovukFormMixin, forms.Form):
    is_loti_member = forms.BooleanField(label="This organisation is a LOTI member", required=False)
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    domains = forms.CharField(
        label="Email domains",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, like hackney.gov.uk. People who verify an address at one of "
        "these domains join as members automatically.",
    )
