"""The vacancy's lifecycle as pages, imports and the closing job ask for it: submit, publish,
return, withdraw (a moderator takes a council's own advert off the board), close, extend and
archive. Each checks what a person typed, then makes its change
through the one table of transitions (transitions.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.jobs.models import Vacancy
from civictalent.jobs.services.transitions import vacancy_transition

MAX_REASON_CHARACTERS = 2000


@dataclass(frozen=True)
class Submitted:
    vacancy: Vacancy
    can_publish_directly: bool


def vacancy_submit(*, vacancy: Vacancy, author: User) -> Submitted:
    """Send a draft (or a returned vacancy, once fixed) for approval; whoever approves the
    council's adverts is emailed. ``can_publish_directly``: the author approves them too (an
    admin or named publisher of a council that approves its own)."""
    locked = vacancy_transition(vacancy=vacancy, name="submit", actor=author, now=timezone.now())
    can_publish = author.has_perm("jobs.publish_vacancy", locked) and not author.is_platform_admin
    return Submitted(locked, can_publish)


def vacancy_publish(*, vacancy: Vacancy, actor: User | None) -> Vacancy:
    """Put the vacancy on the board. Platform admins publish what was submitted; the admins and
    named publishers of a council that approves its own may publish its drafts directly.
    ``actor`` None is the system (an import a platform admin set up)."""
    name = "publish" if actor is not None and actor.is_platform_admin else "publish_own"
    return vacancy_transition(vacancy=vacancy, name=name, actor=actor, now=timezone.now())


def vacancy_reject(*, vacancy: Vacancy, moderator: User, reason: str) -> Vacancy:
    """Return a submitted vacancy to its council with the reason; they fix it and resubmit.
    ``moderator``: whoever approves the council's adverts."""
    return vacancy_transition(
        vacancy=vacancy,
        name="reject",
        actor=moderator,
        now=timezone.now(),
        reason=_reason_checked(reason),
    )


def vacancy_withdraw(*, vacancy: Vacancy, moderator: User, reason: str) -> Vacancy:
    """A platform admin's spot check of an advert a council published itself: take it off the
    board and return it to the council with the reason; they fix it and send it again."""
    return vacancy_transition(
        vacancy=vacancy,
        name="withdraw",
        actor=moderator,
        now=timezone.now(),
        reason=_reason_checked(reason),
    )


def _reason_checked(reason: str) -> str:
    reason = reason.replace("\r\n", "\n").strip()
    if not reason:
        raise ValidationError(
            {"reason": ["Say what the council needs to change, so they can fix it."]}
        )
    if len(reason) > MAX_REASON_CHARACTERS:
        raise ValidationError(
            {
                "reason": [
                    f"Keep the reason to {MAX_REASON_CHARACTERS:,} characters or fewer; it has "
                    f"{len(reason):,}."
                ]
            }
        )
    return reason


def vacancy_close(
    *,
    vacancy: Vacancy,
    actor: User | None = None,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Vacancy:
    """Take a published vacancy off the board (at its closing time, or early). Its page stays
    up with a "closed" banner; its JD is offered to the library and its pay is recorded."""
    return vacancy_transition(
        vacancy=vacancy, name="close", actor=actor, now=now or timezone.now(), reason=reason
    )


def vacancy_extend(*, vacancy: Vacancy, author: User, closes_at: datetime.datetime) -> Vacancy:
    """A later closing date for a published vacancy; a vacancy that closed at its closing time
    in the last 90 days is reopened (back on the board, with its original posting date)."""
    now = timezone.now()
    if timezone.is_naive(closes_at):
        raise ValidationError({"closes_at": ["Enter the new closing date and time."]})
    if closes_at <= now:
        raise ValidationError(
            {
                "closes_at": [
                    "The new closing date must be in the future: "
                    f"{timezone.localtime(closes_at):%-d %B %Y at %H:%M} has passed."
                ]
            }
        )
    return vacancy_transition(
        vacancy=vacancy, name="extend", actor=author, now=now, closes_at=closes_at
    )


def vacancy_archive(
    *, vacancy: Vacancy, actor: User | None = None, now: datetime.datetime | None = None
) -> Vacancy:
    """Remove a closed vacancy's page (its counts stay for the council's insight)."""
    return vacancy_transition(
        vacancy=vacancy, name="archive", actor=actor, now=now or timezone.now()
    )
