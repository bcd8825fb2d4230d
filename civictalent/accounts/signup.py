"""allauth's sign-up form, made to take as long for an address that has an account as for one
that does not.

Without this, only a new address paid for hashing the password (about 200 ms with production
settings), so the answer's timing told anyone whether an address was registered, though the
page and the email said nothing. Kept apart from forms.py, which allauth's form module imports.
"""

from __future__ import annotations

from typing import Any, ClassVar

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest

from civictalent.accounts.entrance_forms import GovukLabels


class SignupFormSameWorkEitherWay(GovukLabels, AllauthSignupForm):
    labels: ClassVar[dict[str, str]] = {
        "email": "Email address",
        "password1": "Create a password",
        "password2": "Confirm password",
    }

    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
