"""Organisations' part of the generator: fictional councils beyond London's 33, and the lookups
other steps share (see core/generation/base.py)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from civictalent.core.generation import words
from civictalent.core.generation.base import GENERATED_TAG, Context, Progress, Step
from civictalent.core.generation.scales import Scale
from civictalent.organisations.london import seed_organisations
from civictalent.organisations.models import Membership, Organisation, OrganisationDomain

LONDON_KINDS = ("london_borough", "city_of_london")


@dataclass(frozen=True)
class Council:
    pk: int
    short_name: str
    slug: str
    london: bool


def generated_councils(context: Context) -> list[words.GeneratedCouncil]:
    def make() -> list[words.GeneratedCouncil]:
        rng = random.Random(f"{context.seed}:councils")  # noqa: S311
        return words.councils(rng, context.scale.extra_councils)

    return context.memo("generated_councils", make)


def councils(context: Context) -> list[Council]:
    """London's authorities and this run's fictional councils, for steps that pick a council."""

    def read() -> list[Council]:
        extra = {council.slug for council in generated_councils(context)}
        return [
            Council(c.pk, c.short_name, c.slug, c.kind in LONDON_KINDS)
            for c in Organisation.objects.order_by("slug")
            if c.kind in LONDON_KINDS or c.slug in extra
        ]

    return context.memo("councils", read)


def members_by_council(context: Context) -> dict[int, list[int]]:
    """Council id -> the generated people who belong to it, for steps that pick an author."""

    def read() -> dict[int, list[int]]:
        result: dict[int, list[int]] = {}
        for organisation_id, user_id in (
            Membership.objects.filter(user__email__startswith=f"{GENERATED_TAG}.")
            .order_by("user__email")
            .values_list("organisation_id", "user_id")
        ):
            result.setdefault(organisation_id, []).append(user_id)
        return result

    return context.memo("members_by_council", read)


class CouncilsStep(Step):
    name = "councils"
    description = "the 33 London authorities (seeded) and fictional councils elsewhere"

    def target(self, scale: Scale) -> int:
        return scale.extra_councils

    def existing(self, context: Context) -> int:
        slugs = [council.slug for council in generated_councils(context)]
        return Organisation.objects.filter(slug__in=slugs).count()

    def run(self, context: Context, progress: Progress) -> int:
        seed_organisations(Organisation, OrganisationDomain)
        wanted = generated_councils(context)
        present = set(
            Organisation.objects.filter(slug__in=[c.slug for c in wanted]).values_list(
                "slug", flat=True
            )
        )
        missing = [council for council in wanted if council.slug not in present]
        Organisation.objects.bulk_create(
            [
                Organisation(
                    name=council.name,
                    short_name=council.short_name,
                    slug=council.slug,
                    kind="local_authority",
                    gss_code=council.gss_code,
                    website=f"https://{council.slug}.example",
                )
                for council in missing
            ]
        )
        context.forget("councils")
        progress(self.target(context.scale), self.target(context.scale), "")
        return len(missing)


GENERATION_STEPS = (CouncilsStep(),)
