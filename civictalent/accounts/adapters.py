"""Hooks into django-allauth: send its email through our outbox, and join councils on verify."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import HttpRequest

from civictalent.core.emails import email_queue


class AccountAdapter(DefaultAccountAdapter):
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
