from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record


def user_create_verified(
    *, email: str, password: str, display_name: str = "", is_platform_admin: bool = False
) -> User:
    """Create a person whose email address is already verified (demo data, admin set-up)."""
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


def platform_admin_create(*, email: str, password: str, display_name: str = "") -> User:
    with transaction.atomic():
        user = user_create_verified(
            email=email, password=password, display_name=display_name, is_platform_admin=True
        )
        audit_record(
            actor=None,
            action="user.platform_admin_created",
            target=user,
            summary=f"{user.email} was made a platform admin from the command line",
        )
    return user
