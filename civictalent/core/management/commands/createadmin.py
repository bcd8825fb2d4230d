from __future__ import annotations

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from civictalent.accounts.models import User
from civictalent.accounts.services import platform_admin_create


class Command(BaseCommand):
    help = (
        "Create a platform admin (the LOTI team). The password is asked for, or read from "
        "CIVICTALENT_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Display name")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        password = os.environ.get("CIVICTALENT_ADMIN_PASSWORD") or getpass.getpass("Password: ")
        try:
            validate_password(password, user=User(email=email, display_name=name))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        try:
            user = platform_admin_create(email=email, password=password, display_name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Created platform admin {user.email}. They must set up an authenticator app the "
            "first time they sign in."
        )
