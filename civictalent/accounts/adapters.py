"""Hooks into django-allauth: send its email through our outbox, and join councils on verify."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from civictalent.core.emails import email_queue, site_url

# allauth builds these links from the request without a hook of their own: per email, the
# context name and the page it links to.
_PAGE_LINKS = {
    "account/email/unknown_account": {"signup_url": "account_signup"},
    "account/email/account_already_exists": {
        "signup_url": "account_signup",
        "password_reset_url": "account_reset_password",
    },
}


# allauth's error messages, in GOV.UK's words: say what went wrong and what to do, with no
# "and/or". Sign-in's keeps allauth's care not to say which of the two was wrong.
ACCOUNT_ERROR_MESSAGES = {
    "email_password_mismatch": (
        "Enter the email address and password of your account. One of them is not right"
    ),
    "too_many_login_attempts": (
        "You have tried to sign in too many times. Wait 15 minutes and try again, or reset "
        "your password"
    ),
    "rate_limited": "You have done this too many times. Wait a few minutes and try again",
    "account_inactive": "This account has been closed",
    "enter_current_password": "Enter your current password",
    "incorrect_password": "Enter your current password. The password you entered is not right",
    "incorrect_code": "Enter the code from your email. The code you entered is not right",
    "email_taken": "An account already uses this email address",
    "duplicate_email": "This email address is already on your account",
    "cannot_remove_primary_email": "You cannot remove your main email address",
    "unverified_primary_email": "Confirm your main email address first",
    "same_as_current": "Enter a different value from the one you have now",
    "invalid_or_expired_key": "This link has expired or has already been used",
    "invalid_password_reset": "This password reset link has expired or has already been used",
}
MFA_ERROR_MESSAGES = {
    "incorrect_code": (
        "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes"
    ),
}


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {**DefaultAccountAdapter.error_messages, **ACCOUNT_ERROR_MESSAGES}

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        from allauth.core import context as allauth_context

        request = allauth_context.request
        # allauth's templates greet people "from {{ current_site.name }}": our service name.
        site = SimpleNamespace(
            name=settings.SERVICE_NAME, domain=settings.SITE_URL.split("://", 1)[-1]
        )
        full_context = {"request": request, "email": email, "current_site": site, **context}
        message = self.render_mail(template_prefix, email, full_context)
        html = next(
            (
                body
                for body, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email_queue(
            to=email,
            subject=str(message.subject),
            body_text=str(message.body),
            body_html=str(html),
        )

    # Links in allauth's emails are on settings.SITE_URL, never the host the request names: the
    # Host header is the sender's to choose, and a reset link on their host hands them its key.
    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> Any:
        links = _PAGE_LINKS.get(template_prefix, {})
        context = {
            **context,
            **{name: site_url(reverse(page)) for name, page in links.items() if name in context},
        }
        return super().render_mail(template_prefix, email, context, headers)

    def confirm_email(self, request: HttpRequest, email_address: EmailAddress) -> bool:
        from civictalent.organisations.services import membership_join_by_verified_email

        confirmed: bool = super().confirm_email(request, email_address)
        if confirmed:
            membership_join_by_verified_email(user=email_address.user, email=email_address.email)
        return confirmed


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        """Use the name the identity provider gives (Entra sends ``name``) as the display name."""
        user = super().populate_user(request, sociallogin, data)
        claims = sociallogin.account.extra_data or {}
        full_name = (
            data.get("name")
            or (claims.get("userinfo") or {}).get("name")
            or (claims.get("id_token") or {}).get("name")
            or " ".join(part for part in (data.get("first_name"), data.get("last_name")) if part)
        )
        if full_name and not user.display_name:
            user.display_name = str(full_name)[:100]
        return user

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        from civictalent.organisations.services import membership_join_by_verified_email

        user = super().save_user(request, sociallogin, form)
        for address in EmailAddress.objects.filter(user=user, verified=True):
            membership_join_by_verified_email(user=user, email=address.email)
        return user


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {**DefaultMFAAdapter.error_messages, **MFA_ERROR_MESSAGES}
