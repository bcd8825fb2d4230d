from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from civictalent.accounts.services import platform_admin_invite


class Command(BaseCommand):
    help = (
        "Invite a platform admin (the LOTI team): the account is created without a password and "
        "the person is emailed a link to choose one, then sets up an authenticator app."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Display name")
        parser.add_argument(
            "--print-link",
            action="store_true",
            help="Also print the invitation link, to hand over yourself when email is not set "
            "up yet. Anyone who opens it first can take the account: give it only to the person.",
        )

    def handle(self, *args: Any, email: str, name: str, print_link: bool, **options: Any) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        try:
            user, link = platform_admin_invite(email=email, display_name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        days = settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)
        self.stdout.write(
            f"Invited {user.email} as a platform admin. They have been emailed a link to choose "
            f"their password (it works once, within {days} days); then they must set up an "
            "authenticator app."
        )
        if print_link:
            self.stdout.write(f"Invitation link (give it only to {user.email}): {link}")
