from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest

from civictalent.accounts.models import User
from civictalent.core.forms import GovukFormMixin
from civictalent.core.invisible import without_invisible_controls


class SignupForm(forms.Form):
    """Extra fields for allauth's sign-up form (allauth adds email and password)."""

    display_name = forms.CharField(
        label="Your name",
        max_length=100,
        help_text="Shown to other people on the platform, for example Sam Patel.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def signup(self, request: HttpRequest, user: User) -> None:
        name = without_invisible_controls(self.cleaned_data["display_name"]).strip()
        user.display_name = name
        user.save(update_fields=["display_name"])


class DisplayNameForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name"]
        labels = {"display_name": "Your name"}
        widgets = {"display_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
