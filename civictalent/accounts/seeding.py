"""Accounts' part of the demo data and the generator (see core/generation/base.py): the demo
people, so a visitor can tour every part as every role, and generated people at scale."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress

from civictalent.accounts.models import User
from civictalent.accounts.services import user_create_verified
from civictalent.core.generation.base import (
    GENERATED_TAG,
    UNUSABLE_PASSWORD,
    BatchStep,
    Context,
    DemoStep,
)
from civictalent.core.generation.scales import Scale
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role
from civictalent.organisations.seeding import councils

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - published on purpose, demo sites only


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    description: str
    organisation: str | None = None
    role: str | None = None
    platform_admin: bool = False
    asks_to_join: str | None = None


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(
        "platform.admin@demo.civictalent.example",
        "Priya Shah",
        "platform admin (LOTI)",
        organisation="loti",
        role=Role.MEMBER,
        platform_admin=True,
    ),
    DemoPerson(
        "admin.hackney@demo.civictalent.example",
        "Sam Okafor",
        "council admin, Hackney",
        organisation="hackney",
        role=Role.ADMIN,
    ),
    DemoPerson(
        "editor.hackney@demo.civictalent.example",
        "Alex Chen",
        "editor, Hackney",
        organisation="hackney",
        role=Role.EDITOR,
    ),
    DemoPerson(
        "member.hackney@demo.civictalent.example",
        "Jo Williams",
        "member, Hackney",
        organisation="hackney",
        role=Role.MEMBER,
    ),
    DemoPerson(
        "admin.greenwich@demo.civictalent.example",
        "Morgan Reid",
        "council admin, Greenwich",
        organisation="greenwich",
        role=Role.ADMIN,
    ),
    DemoPerson(
        "member.greenwich@demo.civictalent.example",
        "Ravi Patel",
        "member, Greenwich",
        organisation="greenwich",
        role=Role.MEMBER,
    ),
    DemoPerson(
        "newcomer@demo.civictalent.example",
        "Dana Lewis",
        "no council yet; has asked to join Hackney",
        asks_to_join="hackney",
    ),
)


def demo_people_load() -> list[str]:
    """Create the demo people, their memberships and Dana's request, where missing."""
    created: list[str] = []
    for person in DEMO_PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = user_create_verified(
                email=person.email,
                password=DEMO_PASSWORD,
                display_name=person.name,
                is_platform_admin=person.platform_admin,
            )
            created.append(person.email)
        if person.organisation and person.role:
            organisation = Organisation.objects.get(slug=person.organisation)
            _, made = Membership.objects.get_or_create(
                user=user, organisation=organisation, defaults={"role": person.role}
            )
            if made:
                created.append(f"{person.name} in {organisation.short_name}")
        if person.asks_to_join:
            organisation = Organisation.objects.get(slug=person.asks_to_join)
            # Once asked (whatever was decided since), the demo never asks again.
            if not JoinRequest.objects.filter(user=user, organisation=organisation).exists():
                JoinRequest.objects.create(
                    user=user,
                    organisation=organisation,
                    message="I lead the data team's reporting work.",
                )
                created.append(f"{person.name}'s request to join {organisation.short_name}")
    return created


FIRST_NAMES = ("Amina", "Ben", "Chloe", "Dev", "Ewa", "Femi", "Grace", "Hassan", "Isla", "Jon")
LAST_NAMES = ("Patel", "Smith", "Okafor", "Nowak", "Jones", "Khan", "Murphy", "Chen", "Ali")


def _role_for(email: str) -> str:
    number = int(email.split("@")[0].rsplit(".", 1)[1])
    return "admin" if number % 50 == 0 else "editor" if number % 10 == 0 else "member"


class UsersStep(BatchStep):
    name = "users"
    description = "people with council memberships (one admin in 50, one editor in 10)"
    after = ("councils",)

    def target(self, scale: Scale) -> int:
        return scale.users

    def existing(self, context: Context) -> int:
        return User.objects.filter(email__startswith=f"{GENERATED_TAG}.").count()

    def make(self, context: Context, start: int, stop: int) -> int:
        people, chosen = [], []
        places = councils(context)
        for index, rng in context.items(self.name, start, stop):
            council = places[rng.randrange(len(places))]
            first = rng.choice(FIRST_NAMES)
            last = rng.choice(LAST_NAMES)
            if index < 0:
                continue
            people.append(
                User(
                    email=f"{GENERATED_TAG}.{index:07d}@{council.slug}.example",
                    display_name=f"{first} {last}",
                    password=UNUSABLE_PASSWORD,
                    date_joined=context.moment(rng, days_back=1500),
                )
            )
            chosen.append(council.pk)
        created = User.objects.bulk_create(people)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in created]
        )
        Membership.objects.bulk_create(
            [
                Membership(user=user, organisation_id=council, role=_role_for(user.email))
                for user, council in zip(created, chosen, strict=True)
            ]
        )
        context.forget("members_by_council")
        return len(created)


DEMO_STEPS = (DemoStep("people", demo_people_load),)
GENERATION_STEPS = (UsersStep(),)
