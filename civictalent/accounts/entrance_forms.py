"""allauth's account forms with GOV.UK labels: sentence case, "Email address", and no field that
hides its instructions in a placeholder (the GOV.UK renderer drops placeholders too).

Named in settings.ACCOUNT_FORMS. Kept apart from forms.py, which allauth's form module imports.
"""

from __future__ import annotations

from typing import Any, ClassVar

from allauth.account import forms as allauth_forms
from django import forms

from civictalent.core.invisible import without_invisible_controls

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"
REQUIRED_MESSAGES = {
    "display_name": "Enter your name",
    "login": "Enter your email address",
    "email": "Enter your email address",
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a password",
    "password2": "Enter the password again to confirm it",
}
SAME_PASSWORD_TWICE = "Enter the same password in both boxes"  # noqa: S105 (words, not a secret)


class GovukLabels:
    """Relabel fields by name; give hints where a field needs one. A subclass sets ``labels``."""

    labels: ClassVar[dict[str, str]] = {}
    hints: ClassVar[dict[str, str]] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.hints:
                field.help_text = self.hints[name]
            # GOV.UK's words for an empty or malformed answer, not "This field is required."
            if name in REQUIRED_MESSAGES:
                field.error_messages["required"] = REQUIRED_MESSAGES[name]
            if isinstance(field, forms.EmailField):
                field.error_messages["invalid"] = EMAIL_FORMAT

    def _clean_fields(self) -> None:
        """Invisible direction and zero-width characters out of every text answer but a
        password (a password is what the person typed, exactly), before allauth reads them."""
        passwords = {
            name
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        }
        data = getattr(self, "data", None)
        if data is not None and hasattr(data, "copy"):
            cleaned = data.copy()
            for name in self.fields:
                value = cleaned.get(name)
                if name not in passwords and isinstance(value, str):
                    cleaned[name] = without_invisible_controls(value)
            self.data = cleaned
        super()._clean_fields()  # type: ignore[misc]

    def add_error(self, field: str | None, error: Any) -> None:
        if str(error) == "You must type the same password each time.":
            error = SAME_PASSWORD_TWICE
        super().add_error(field, error)  # type: ignore[misc]


NEW_PASSWORD_LABELS = {
    "password1": "New password",
    "password2": "Confirm new password",
}


class SignInForm(GovukLabels, allauth_forms.LoginForm):
    labels: ClassVar[dict[str, str]] = {
        "login": "Email address",
        "password": "Password",
        "remember": "Keep me signed in on this device",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page links to "Forgotten your password?" below the button, GOV.UK's sign-in pattern.
        self.fields["password"].help_text = ""


class ResetPasswordForm(GovukLabels, allauth_forms.ResetPasswordForm):
    labels: ClassVar[dict[str, str]] = {"email": "Email address"}


class ResetPasswordKeyForm(GovukLabels, allauth_forms.ResetPasswordKeyForm):
    labels = NEW_PASSWORD_LABELS


class ChangePasswordForm(GovukLabels, allauth_forms.ChangePasswordForm):
    labels: ClassVar[dict[str, str]] = {"oldpassword": "Current password", **NEW_PASSWORD_LABELS}


class SetPasswordForm(GovukLabels, allauth_forms.SetPasswordForm):
    labels: ClassVar[dict[str, str]] = {"password1": "Password", "password2": "Confirm password"}


class AddEmailForm(GovukLabels, allauth_forms.AddEmailForm):
    labels: ClassVar[dict[str, str]] = {"email": "Email address"}


class ReauthenticateForm(GovukLabels, allauth_forms.ReauthenticateForm):
    labels: ClassVar[dict[str, str]] = {"password": "Password"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
