"""Every change of a vacancy's status, declared once in ``TRANSITIONS`` and made by one function.

A row says from which statuses the change starts, the status it ends in, who may make it, what
must hold first, what else it writes, what the audit log says and who is told.
``vacancy_transition`` does the rest the same way for every row: lock the vacancy, check, write,
reindex it for search, audit, then queue the emails (sent after commit). Nothing is saved when
anything is wrong.

The services callers use (submit, publish, reject, withdraw, close, extend, archive) are in
lifecycle.py: they check what a person typed, pick the row and hand over.

Who approves: a council's adverts go to LOTI's moderators (platform admins) or, when the council
approves its own (jobs/approval.py), to its admins and named publishers.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.money import pounds_from_pence
from civictalent.core.permissions import Refusal
from civictalent.jobs.indexing import vacancy_reindex
from civictalent.jobs.models import LibraryOffer, Vacancy, VacancyStatus
from civictalent.jobs.services.checking import publish_problems_refuse
from civictalent.jobs.services.common import actor_named, london_date, vacancy_locked
from civictalent.jobs.services.notices import (
    approvers_of,
    editors_to_tell,
    moment_stamp,
    people_tell,
    site_link,
)

logger = logging.getLogger(__name__)

KEPT_AFTER_CLOSING = datetime.timedelta(days=90)


@dataclass(frozen=True)
class Change:
    """One asked-for status change: who asks (None: the system), when, and what they gave."""

    actor: User | None
    now: datetime.datetime
    reason: str = ""
    closes_at: datetime.datetime | None = None


# Raises ValidationError, saying what to do, when the change cannot be made.
Check = Callable[[Vacancy, Change], None]
# Writes the transition's own fields; returns what the audit log records as changed.
Effect = Callable[[Vacancy, Change], dict[str, Any]]


def _always(vacancy: Vacancy) -> bool:
    return True


@dataclass(frozen=True)
class Notice:
    """The email a transition sends: ``jobs/email/<template>_*.txt``, to whom, with what.
    ``only_if`` is asked of the vacancy as it was before the change."""

    template: str
    to: Callable[[Vacancy, Change], list[User]]
    context: Callable[[Vacancy, Change], dict[str, Any]]
    only_if: Callable[[Vacancy], bool] = _always


@dataclass(frozen=True)
class Transition:
    """One row of the table.

    From any of ``sources`` to ``target``; ``wrong_status`` words the refusal for a vacancy in
    another status. ``may`` is who may, beyond the permission of the page that asks (the pages
    check jobs.edit_vacancy, jobs.publish_vacancy or jobs.moderate; the closing job and the
    admin site act for the platform); the system (no actor) always may, and anyone else is
    refused with a Refusal saying ``refused`` and, what they can do instead, ``instead``.
    ``checks`` must all pass before anything is written.
    ``effect`` writes the transition's own fields, ``writes``. ``audit_summary`` is formatted
    with who (``nobody`` when the system acted), title, because (": reason" or "") and
    closes_at (in London). ``follows`` is more work in the same transaction, after the audit
    record; ``tells`` is the email queued last.
    """

    sources: frozenset[VacancyStatus]
    target: VacancyStatus
    wrong_status: Callable[[Vacancy], str]
    effect: Effect
    writes: tuple[str, ...]
    audit_action: str
    audit_summary: str
    may: Callable[[User, Vacancy], bool] | None = None
    refused: str = ""
    instead: str = ""
    checks: tuple[Check, ...] = ()
    nobody: str = "An import"
    follows: Callable[[Vacancy, Change], None] | None = None
    tells: Notice | None = None


# --------------------------------------------------------------------------------------------
# The parts of the table


def _status_words(vacancy: Vacancy) -> str:
    return vacancy.get_status_display().lower()


def _only(what: str) -> Callable[[Vacancy], str]:
    """The message 'This vacancy is <its status>: only <what>.'"""

    def refusal(vacancy: Vacancy) -> str:
        return f"This vacancy is {_status_words(vacancy)}: only {what}."

    return refusal


def _cannot_publish_now(vacancy: Vacancy) -> str:
    hint = (
        " Send it for approval first."
        if vacancy.status in {VacancyStatus.DRAFT, VacancyStatus.REJECTED}
        else ""
    )
    return f"This vacancy is {_status_words(vacancy)}, so it cannot be published now.{hint}"


def _edit_instead(vacancy: Vacancy) -> str:
    return f"This vacancy is {_status_words(vacancy)}: change its closing date by editing it."


def _may_publish(user: User, vacancy: Vacancy) -> bool:
    return user.has_perm("jobs.publish_vacancy", vacancy)


def _moderates(user: User, vacancy: Vacancy) -> bool:
    return user.has_perm("jobs.moderate")


def _publishable(vacancy: Vacancy, change: Change) -> None:
    publish_problems_refuse(vacancy, change.now)


def closed_by_time(vacancy: Vacancy) -> bool:
    return bool(
        vacancy.closed_at is not None
        and vacancy.closes_at is not None
        and vacancy.closes_at <= vacancy.closed_at
    )


def _reopenable(vacancy: Vacancy, change: Change) -> None:
    """A closed vacancy reopens only if it closed at its closing time, in the last 90 days."""
    if vacancy.status != VacancyStatus.CLOSED:
        return
    if not closed_by_time(vacancy):
        raise ValidationError(
            "This vacancy was closed early on purpose, so it cannot be reopened. "
            "Start a new vacancy instead."
        )
    assert vacancy.closed_at is not None
    if vacancy.closed_at < change.now - KEPT_AFTER_CLOSING:
        raise ValidationError(
            "This vacancy closed more than 90 days ago, so it cannot be reopened. "
            "Start a new vacancy instead."
        )


def _stamped(field: str) -> Effect:
    def stamp(vacancy: Vacancy, change: Change) -> dict[str, Any]:
        setattr(vacancy, field, change.now)
        return {}

    return stamp


def _first_published(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    """Who approved it, and whether the council did so itself (platform admins spot-check
    those); the board's "posted" date and filter mean when candidates could first see it."""
    vacancy.published_at = vacancy.published_at or change.now
    vacancy.published_by = change.actor
    vacancy.self_published = change.actor is not None and not change.actor.is_platform_admin
    vacancy.spot_checked_at = None
    return {"self_published": vacancy.self_published}


def _returned_with_reason(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    vacancy.rejection_reason = change.reason
    return {}


def _withdrawn_with_reason(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    """Off the board and back to the council; the spot check is done."""
    vacancy.rejection_reason = change.reason
    vacancy.spot_checked_at = change.now
    return {}


def _closed_and_offered(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    vacancy.closed_at = change.now
    if vacancy.library_offer == LibraryOffer.NONE:
        vacancy.library_offer = LibraryOffer.OFFERED
    return {}


def _not_yet_offered(vacancy: Vacancy) -> bool:
    return vacancy.library_offer == LibraryOffer.NONE


def _closing_date_moved(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    """The new closing date; a vacancy closed at its closing time is back on the board, with
    its original posting date, and its library offer is withdrawn until it closes again."""
    assert change.closes_at is not None
    before = vacancy.closes_at
    if vacancy.status == VacancyStatus.CLOSED:
        vacancy.closed_at = None
        if vacancy.library_offer == LibraryOffer.OFFERED:
            vacancy.library_offer = LibraryOffer.NONE
    vacancy.closes_at = change.closes_at
    return {"closes_at": [before.isoformat() if before else "", change.closes_at.isoformat()]}


def _salary_record(vacancy: Vacancy, change: Change) -> None:
    """The closed vacancy's pay as a salary observation; skipped (and logged) when unusable."""
    from civictalent.salaries.services import salary_observation_record

    if vacancy.annual_min_pence is None:
        logger.info("Vacancy %s closed without pay in pounds: no salary observation", vacancy.pk)
        return
    try:
        with transaction.atomic():
            salary_observation_record(
                organisation=vacancy.organisation,
                role_level=vacancy.role_level,
                annual_min=pounds_from_pence(vacancy.annual_min_pence),
                annual_max=pounds_from_pence(vacancy.annual_max_pence),
                observed_on=london_date(vacancy.published_at or change.now),
                source="vacancy",
                source_ref=f"vacancy:{vacancy.pk}",
                pay_text=vacancy.pay_text,
                # Only a published vacancy closes: its pay was on the public board.
                is_public=True,
            )
    except ValidationError as error:
        logger.warning(
            "Vacancy %s: salary observation skipped: %s", vacancy.pk, " ".join(error.messages)
        )


def _editors(vacancy: Vacancy, change: Change) -> list[User]:
    return editors_to_tell(vacancy)


def _editors_but_the_publisher(vacancy: Vacancy, change: Change) -> list[User]:
    return [person for person in editors_to_tell(vacancy) if person != change.actor]


def _editors_and_who_approved(vacancy: Vacancy, change: Change) -> list[User]:
    """Whoever wrote it, and whoever at the council approved it (they should know too)."""
    people = editors_to_tell(vacancy)
    approver = vacancy.published_by
    if approver is not None and approver.is_active and approver not in people:
        people.append(approver)
    return people


def _approvers_but_the_author(vacancy: Vacancy, change: Change) -> list[User]:
    return [person for person in approvers_of(vacancy).people if person != change.actor]


def _submitted_context(vacancy: Vacancy, change: Change) -> dict[str, Any]:
    return {
        "author": change.actor,
        "by_council": approvers_of(vacancy).by_council,
        "link": site_link("jobs:moderation"),
        "preview": site_link("jobs:vacancy_draft", pk=vacancy.pk),
    }


PUBLISHED_NOTICE = Notice(
    template="published",
    to=_editors_but_the_publisher,
    context=lambda vacancy, change: {"link": site_link("jobs:vacancy", pk=vacancy.pk)},
)


# --------------------------------------------------------------------------------------------
# The table

APPROVERS = (
    "Only your council's admins and named publishers approve its adverts, when your council "
    "approves its own; otherwise LOTI's moderators do"
)

PUBLISH = Transition(
    sources=frozenset({VacancyStatus.SUBMITTED}),
    target=VacancyStatus.PUBLISHED,
    may=_may_publish,
    refused=APPROVERS,
    instead="Send the vacancy for approval instead: whoever approves your council's adverts "
    "gets an email, and you get one when it is published.",
    wrong_status=_cannot_publish_now,
    checks=(_publishable,),
    effect=_first_published,
    writes=("published_at", "published_by", "self_published", "spot_checked_at"),
    audit_action="vacancy.published",
    audit_summary="{who} published the vacancy {title!r}",
    tells=PUBLISHED_NOTICE,
)

TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        sources=frozenset({VacancyStatus.DRAFT, VacancyStatus.REJECTED}),
        target=VacancyStatus.SUBMITTED,
        wrong_status=_only("a draft or a vacancy returned for changes can be sent for approval"),
        checks=(_publishable,),
        effect=_stamped("submitted_at"),
        writes=("submitted_at",),
        audit_action="vacancy.submitted",
        audit_summary="{who} sent the vacancy {title!r} for approval",
        # To the council's admins and named publishers when it approves its own, else (or if
        # it has none) to LOTI's moderators.
        tells=Notice(
            template="submitted", to=_approvers_but_the_author, context=_submitted_context
        ),
    ),
    # Moderators publish what a council has sent them...
    "publish": PUBLISH,
    # ...while the admins and named publishers of a council that approves its own, and its
    # imports, publish its drafts directly.
    "publish_own": replace(
        PUBLISH,
        sources=frozenset({VacancyStatus.DRAFT, VacancyStatus.REJECTED, VacancyStatus.SUBMITTED}),
    ),
    "reject": Transition(
        sources=frozenset({VacancyStatus.SUBMITTED}),
        target=VacancyStatus.REJECTED,
        may=_may_publish,
        refused=APPROVERS,
        instead="If something needs changing, tell whoever approves your council's adverts, "
        "or change it yourself once it is returned.",
        wrong_status=_only("a vacancy waiting for approval can be returned"),
        effect=_returned_with_reason,
        writes=("rejection_reason",),
        audit_action="vacancy.rejected",
        audit_summary="{who} returned the vacancy {title!r}{because}",
        tells=Notice(
            template="rejected",
            to=_editors,
            context=lambda vacancy, change: {
                "reason": change.reason,
                "link": site_link("jobs:vacancy_edit", pk=vacancy.pk),
            },
        ),
    ),
    # A platform admin's spot check of an advert a council published itself found something
    # wrong: off the board and back to the council with the reason, as a returned vacancy.
    "withdraw": Transition(
        sources=frozenset({VacancyStatus.PUBLISHED}),
        target=VacancyStatus.REJECTED,
        may=_moderates,
        refused="Only LOTI's moderators take an advert off the board and return it",
        instead="To stop taking applications, close the vacancy early from its page instead.",
        wrong_status=_only("a published vacancy can be taken off the board and returned"),
        effect=_withdrawn_with_reason,
        writes=("rejection_reason", "spot_checked_at"),
        audit_action="vacancy.withdrawn",
        audit_summary="{who} took the vacancy {title!r} off the board and returned it{because}",
        tells=Notice(
            template="withdrawn",
            to=_editors_and_who_approved,
            context=lambda vacancy, change: {
                "reason": change.reason,
                "link": site_link("jobs:vacancy_edit", pk=vacancy.pk),
            },
        ),
    ),
    # At its closing time (the closing job) or early (its editors, or the admin site). Its page
    # stays up with a "closed" banner; its JD is offered to the library and its pay recorded.
    "close": Transition(
        sources=frozenset({VacancyStatus.PUBLISHED}),
        target=VacancyStatus.CLOSED,
        wrong_status=_only("a published vacancy can be closed"),
        effect=_closed_and_offered,
        writes=("closed_at", "library_offer"),
        audit_action="vacancy.closed",
        audit_summary="{who} closed the vacancy {title!r}{because}",
        nobody="The closing time",
        follows=_salary_record,
        tells=Notice(
            template="closed",
            to=_editors,
            context=lambda vacancy, change: {
                "link": site_link("jobs:vacancy_library", pk=vacancy.pk),
                "extend": site_link("jobs:vacancy_extend", pk=vacancy.pk),
            },
            only_if=_not_yet_offered,
        ),
    ),
    # A later closing date; a vacancy that closed at its closing time reopens.
    "extend": Transition(
        sources=frozenset({VacancyStatus.PUBLISHED, VacancyStatus.CLOSED}),
        target=VacancyStatus.PUBLISHED,
        wrong_status=_edit_instead,
        checks=(_reopenable,),
        effect=_closing_date_moved,
        writes=("closed_at", "closes_at", "library_offer"),
        audit_action="vacancy.extended",
        audit_summary="{who} moved the closing date of {title!r} to {closes_at:%-d %B %Y %H:%M}",
    ),
    # Its page goes; its counts stay for the council's insight.
    "archive": Transition(
        sources=frozenset({VacancyStatus.CLOSED}),
        target=VacancyStatus.ARCHIVED,
        wrong_status=_only("a closed vacancy can be archived"),
        effect=_stamped("archived_at"),
        writes=("archived_at",),
        audit_action="vacancy.archived",
        audit_summary="{who} archived the vacancy {title!r}",
        nobody="Housekeeping",
    ),
}


# --------------------------------------------------------------------------------------------
# The one way a status changes


def vacancy_transition(
    *,
    vacancy: Vacancy,
    name: str,
    actor: User | None,
    now: datetime.datetime,
    reason: str = "",
    closes_at: datetime.datetime | None = None,
) -> Vacancy:
    """Make the change ``name`` of ``TRANSITIONS`` to the vacancy, locked, checked and audited,
    with its emails queued; ValidationError or PermissionDenied, and nothing saved, if not."""
    transition = TRANSITIONS[name]
    change = Change(actor=actor, now=now, reason=reason, closes_at=closes_at)
    with transaction.atomic():
        locked = vacancy_locked(vacancy)
        if transition.may is not None and actor is not None and not transition.may(actor, locked):
            raise Refusal(transition.refused, instead=transition.instead)
        if locked.status not in transition.sources:
            raise ValidationError(transition.wrong_status(locked))
        for check in transition.checks:
            check(locked, change)
        notice = transition.tells
        # Asked before the effect, which may change what it asks about (the library offer).
        told = notice is not None and notice.only_if(locked)
        changes = transition.effect(locked, change)
        locked.status = transition.target
        locked.save(update_fields=["status", *transition.writes, "updated_at"])
        vacancy_reindex(locked)
        audit_record(
            actor=actor,
            action=transition.audit_action,
            target=locked,
            organisation=locked.organisation,
            summary=_summary(transition, locked, change),
            changes=changes,
        )
        if transition.follows is not None:
            transition.follows(locked, change)
        if notice is not None and told:
            people_tell(
                notice.to(locked, change),
                template=notice.template,
                key=f"vacancy-{locked.pk}-{notice.template}-{moment_stamp(now)}",
                context={"vacancy": locked, **notice.context(locked, change)},
            )
    return locked


def _summary(transition: Transition, vacancy: Vacancy, change: Change) -> str:
    return transition.audit_summary.format(
        who=actor_named(change.actor, nobody=transition.nobody),
        title=vacancy.title,
        because=f": {change.reason[:150]}" if change.reason else "",
        closes_at=timezone.localtime(change.closes_at) if change.closes_at else None,
    )
