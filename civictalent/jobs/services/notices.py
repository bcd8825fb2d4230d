"""Who is told about a vacancy: whoever approves it (the council's admins and named publishers,
or LOTI's moderators) when one waits for them, its editors when it is published, returned,
taken off the board, closed or about to close. Emails are queued in the caller's transaction
and sent once it commits; each has an idempotency key, so a retried change sends nothing twice.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.emails import email_queue, render_email, site_url
from civictalent.jobs.approval import approves_own
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.jobs.services.common import vacancy_locked
from civictalent.organisations.selectors import council_editors, council_publishers


def site_link(name: str, **kwargs: Any) -> str:
    return site_url(reverse(name, kwargs=kwargs))


def moderators() -> list[User]:
    return list(User.objects.filter(is_platform_admin=True, is_active=True).order_by("pk"))


@dataclass(frozen=True)
class Approvers:
    people: list[User]
    by_council: bool  # the council's own admins and publishers, not LOTI's moderators


def approvers_of(vacancy: Vacancy) -> Approvers:
    """Who approves the vacancy: the council's admins and named publishers when it approves its
    own adverts (and has any), else LOTI's moderators."""
    if approves_own(vacancy.organisation_id):
        people = council_publishers(vacancy.organisation_id)
        if people:
            return Approvers(people, by_council=True)
    return Approvers(moderators(), by_council=False)


def editors_to_tell(vacancy: Vacancy) -> list[User]:
    """Whoever wrote the vacancy; for imported ones (or a departed author), the council's
    editors and admins."""
    author = vacancy.created_by
    if author is not None and author.is_active:
        return [author]
    return council_editors(vacancy.organisation_id)


def people_tell(people: list[User], *, template: str, key: str, context: dict[str, Any]) -> None:
    """Queue the email ``jobs/email/<template>`` to each person; ``key`` names this occasion."""
    for person in people:
        subject, body = render_email(f"jobs/email/{template}", {**context, "person": person})
        email_queue(
            to=person.email, subject=subject, body_text=body, idempotency_key=f"{key}-{person.pk}"
        )


def moment_stamp(moment: datetime.datetime | None) -> str:
    """A moment in an idempotency key: the same change at the same moment is told once."""
    return str(int(moment.timestamp())) if moment else "none"


def vacancy_remind(*, vacancy: Vacancy) -> bool:
    """Remind the editor that the vacancy closes soon: once per closing time."""
    with transaction.atomic():
        locked = vacancy_locked(vacancy)
        if locked.status != VacancyStatus.PUBLISHED or locked.closes_at is None:
            return False
        if locked.reminder_sent_for == locked.closes_at:
            return False
        locked.reminder_sent_for = locked.closes_at
        locked.save(update_fields=["reminder_sent_for"])
        people_tell(
            editors_to_tell(locked),
            template="closing_reminder",
            key=f"vacancy-{locked.pk}-reminder-{moment_stamp(locked.closes_at)}",
            context={
                "vacancy": locked,
                "closes_at": timezone.localtime(locked.closes_at),
                "link": site_link("jobs:vacancy", pk=locked.pk),
                "extend": site_link("jobs:vacancy_extend", pk=locked.pk),
            },
        )
    return True
