"""What the approval pages say to someone they refuse, and what that person can do instead (see
core/permissions.py). A refusal names a council only to its own members; anyone else gets the
general words of the 403 page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from civictalent.core.permissions import Refusal
from civictalent.jobs.approval import approves_own
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import council_roles
from civictalent.organisations.selectors import council_admins, council_publishers

NAMES_SHOWN = 3

APPROVERS_ONLY = "Only council admins and named publishers approve adverts"


def approval_queue(request: HttpRequest, target: Any) -> Refusal:
    """The queue, to someone who approves no council's adverts."""
    if any(role in {"editor", "admin"} for role in council_roles(request.user).values()):
        return Refusal(
            APPROVERS_ONLY,
            instead="Editors send their adverts for approval; your council's admins and named "
            "publishers, or LOTI's moderators, then publish them. Your vacancies page shows "
            "where each of yours is.",
            link_text="Go to your vacancies",
            link_href=reverse("jobs:my_vacancies"),
        )
    if council_roles(request.user):
        return Refusal(
            APPROVERS_ONLY,
            instead="If you should approve your council's adverts, ask one of its council "
            "admins to name you a publisher. Your account shows your role in each council.",
            link_text="Go to your account",
            link_href=reverse("accounts:profile"),
        )
    return Refusal(
        APPROVERS_ONLY,
        instead="You are not a member of a council yet. Ask to join yours first.",
        link_text="Find your council",
        link_href=reverse("organisations:list"),
    )


def approving_vacancy(request: HttpRequest, vacancy: Vacancy) -> Refusal | None:
    """Publishing or returning a vacancy, to a member of its council who may not."""
    if vacancy.organisation_id not in council_roles(request.user):
        return None
    council = vacancy.organisation.short_name
    if approves_own(vacancy.organisation_id):
        title = f"Only {council}'s council admins and named publishers approve its adverts"
        instead = f"Ask one of them to approve it: {_who_approves(vacancy.organisation_id)}."
    else:
        title = f"LOTI's moderators approve {council}'s adverts"
        instead = "Your council admins can choose to approve the council's own adverts instead."
    if vacancy.status in {VacancyStatus.DRAFT, VacancyStatus.REJECTED}:
        return Refusal(
            title,
            instead=f"Send it for approval: whoever approves it gets an email. {instead}",
            link_text="Send it for approval",
            link_href=reverse("jobs:vacancy_submit", kwargs={"pk": vacancy.pk}),
        )
    return Refusal(
        title,
        instead=instead,
        link_text="Back to the vacancy",
        link_href=reverse("jobs:vacancy_draft", kwargs={"pk": vacancy.pk}),
    )


def moderating(request: HttpRequest, target: Any) -> Refusal:
    """Spot checks and taking an advert off the board, to anyone but LOTI's moderators."""
    return Refusal(
        "Only LOTI's moderators spot-check the adverts councils publish themselves",
        instead="To stop a vacancy taking applications, close it early from its page. To "
        "report an advert that looks wrong, contact LOTI.",
        link_text="Contact LOTI",
        link_href=reverse("core:contact"),
    )


def approval_settings(request: HttpRequest, council: Organisation) -> Refusal | None:
    """How a council's adverts are approved, to a member of the council who is not an admin."""
    if council.pk not in council_roles(request.user):
        return None
    return Refusal(
        f"Only {council.short_name}'s council admins choose how its adverts are approved",
        instead="Ask one of them if you think it should change, or if you should be a named "
        f"publisher: {_who_approves(council.pk, admins_only=True)}.",
        link_text=f"Back to {council.short_name}'s vacancies",
        link_href=reverse("jobs:council_vacancies", kwargs={"slug": council.slug}),
    )


def _who_approves(organisation_id: int, *, admins_only: bool = False) -> str:
    """The names of a few of the council's approvers (or only its admins), for its own members
    to know whom to ask."""
    people = (council_admins if admins_only else council_publishers)(organisation_id)
    if not people:
        return "your council has none yet, so contact LOTI"
    names = [person.name for person in people[:NAMES_SHOWN]]
    more = len(people) - len(names)
    return ", ".join(names) + (f" and {more} more" if more else "")
