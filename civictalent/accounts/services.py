from __future__ import annotations

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.emails import email_queue, render_email, site_url


def user_create_verified(
    *, email: str, password: str | None, display_name: str = "", is_platform_admin: bool = False
) -> User:
    """Create a person whose email address is already verified (demo data, admin set-up).
    With ``password=None`` the account has no usable password until its owner sets one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(f"There is already an account for {email}.")
    with transaction.atomic():
        user = User.objects.create_user(
            email=email,
            password=password,
            display_name=display_name,
            is_platform_admin=is_platform_admin,
            is_staff=is_platform_admin,
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def invitation_url(user: User) -> str:
    """A link that lets its holder choose the account's password: once, within
    PASSWORD_RESET_TIMEOUT (3 days), on allauth's own set-a-new-password page."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return site_url(path)


def platform_admin_invite(*, email: str, display_name: str = "") -> tuple[User, str]:
    """Create a platform admin with no password and email them an invitation to choose one.

    Nobody but the person holding the invitation can sign in first, so nobody else can set up
    the authenticator app that the account must use (an operator-chosen password would let
    whoever knew it do both). Returns the person and the invitation link."""
    with transaction.atomic():
        user = user_create_verified(
            email=email, password=None, display_name=display_name, is_platform_admin=True
        )
        link = invitation_url(user)
        audit_record(
            actor=None,
            action="user.platform_admin_created",
            target=user,
            summary=f"{user.email} was invited as a platform admin from the command line",
        )
        subject, body = render_email(
            "accounts/emails/platform_admin_invitation",
            {
                "user": user,
                "invitation_url": link,
                "days": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            },
        )
        email_queue(to=user.email, subject=subject, body_text=body)
    return user, link
