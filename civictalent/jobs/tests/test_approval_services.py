"""Councils approving their own adverts: the route and its lock, named publishers, who is
emailed, and LOTI's spot checks of what councils published themselves."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from civictalent.core.models import AuditEvent
from civictalent.jobs import services
from civictalent.jobs.approval import spot_checks_due, waiting_for_moderators
from civictalent.jobs.models import CouncilJobsSettings, Vacancy, VacancyStatus
from civictalent.jobs.tests.vacancy_helpers import allow_self_publishing, draft, submitted
from civictalent.organisations.models import Membership, Role
from civictalent.organisations.predicates import council_roles

pytestmark = pytest.mark.django_db


def named_publisher(people: dict[str, Any], role: str = "member_a") -> Any:
    """Name the person a publisher of council A, as its admin would."""
    membership = Membership.objects.get(user=people[role])
    services.council_publishers_update(
        organisation=membership.organisation, actor=people["admin_a"], publishers={membership.pk}
    )
    person = people[role]
    person.__dict__.pop("_civictalent_roles", None)  # a new request reads the roles again
    return person


def test_a_council_admin_chooses_that_the_council_approves_its_own_and_it_is_audited(
    people: dict[str, Any], council_a: Any
) -> None:
    services.council_approval_update(
        organisation=council_a, actor=people["admin_a"], route="council"
    )
    services.council_approval_update(
        organisation=council_a, actor=people["admin_a"], route="council"
    )

    saved = CouncilJobsSettings.objects.get(organisation=council_a)
    assert (saved.approval_route, saved.approval_locked) == ("council", False)
    event = AuditEvent.objects.get(action="jobs_settings.approval_changed")  # once: no change
    assert event.changes == {"approval_route": ["loti", "council"]}
    assert event.summary == (
        f"{people['admin_a'].email} set Hackney's adverts to be approved by its own council "
        "admins and named publishers"
    )


def test_a_locked_route_stays_until_a_platform_admin_unlocks_it(
    people: dict[str, Any], council_a: Any
) -> None:
    services.council_approval_update(
        organisation=council_a, actor=people["platform_admin"], route="loti", locked=True
    )

    with pytest.raises(ValidationError, match="LOTI has set how Hackney's adverts are approved"):
        services.council_approval_update(
            organisation=council_a, actor=people["admin_a"], route="council"
        )
    with pytest.raises(PermissionDenied, match="Only LOTI's platform admins lock"):
        services.council_approval_update(
            organisation=council_a, actor=people["admin_a"], route="loti", locked=False
        )
    assert CouncilJobsSettings.objects.get(organisation=council_a).approval_route == "loti"

    services.council_approval_update(
        organisation=council_a, actor=people["platform_admin"], route="council", locked=False
    )
    events = AuditEvent.objects.filter(action="jobs_settings.approval_changed").order_by("pk")
    assert [event.changes for event in events] == [
        {"approval_locked": [False, True]},
        {"approval_route": ["loti", "council"], "approval_locked": [True, False]},
    ]
    assert events[0].summary.endswith("approved by LOTI's moderators, locked by LOTI")


def test_only_the_councils_admins_choose_its_route(people: dict[str, Any], council_a: Any) -> None:
    for who in ("editor_a", "member_b"):
        with pytest.raises(PermissionDenied, match="Only Hackney's council admins choose"):
            services.council_approval_update(
                organisation=council_a, actor=people[who], route="council"
            )
    assert not CouncilJobsSettings.objects.exists()


def test_naming_a_publisher_is_audited_and_tells_them(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    allow_self_publishing(council_a)
    membership = Membership.objects.get(user=people["editor_a"])

    with django_capture_on_commit_callbacks(execute=True):
        changed = services.council_publishers_update(
            organisation=council_a, actor=people["admin_a"], publishers={membership.pk}
        )

    assert [item.pk for item in changed] == [membership.pk]
    assert Membership.objects.get(pk=membership.pk).is_publisher
    event = AuditEvent.objects.get(action="membership.publisher_named")
    assert event.summary == (
        f"{people['admin_a'].email} named {people['editor_a'].email} a publisher of Hackney's "
        "job adverts"
    )
    [message] = mail.outbox
    assert message.to == [people["editor_a"].email]
    assert message.subject == "You now approve Hackney's job adverts"
    assert "/jobs/moderation/" in message.body

    services.council_publishers_update(
        organisation=council_a, actor=people["admin_a"], publishers=set()
    )
    assert AuditEvent.objects.filter(action="membership.publisher_removed").count() == 1


def test_only_council_admins_name_publishers_and_only_from_their_own_members(
    people: dict[str, Any], council_a: Any
) -> None:
    own = Membership.objects.get(user=people["editor_a"])
    other = Membership.objects.get(user=people["member_b"])
    with pytest.raises(PermissionDenied, match="Only Hackney's council admins name"):
        services.council_publishers_update(
            organisation=council_a, actor=people["editor_a"], publishers={own.pk}
        )
    with pytest.raises(ValidationError, match="members who are not admins"):
        services.council_publishers_update(
            organisation=council_a, actor=people["admin_a"], publishers={other.pk}
        )
    assert not Membership.objects.filter(is_publisher=True).exists()


def test_a_named_publisher_approves_only_while_the_council_approves_its_own(
    people: dict[str, Any], council_a: Any
) -> None:
    publisher = named_publisher(people)  # a member, not an editor
    waiting = submitted(council_a, people["editor_a"])
    assert council_roles(publisher)[council_a.pk] == Role.MEMBER

    with pytest.raises(PermissionDenied):
        services.vacancy_publish(vacancy=waiting, actor=publisher)

    allow_self_publishing(council_a)
    published = services.vacancy_publish(vacancy=waiting, actor=publisher)

    assert published.status == VacancyStatus.PUBLISHED
    assert (published.published_by, published.self_published) == (publisher, True)
    assert list(spot_checks_due()) == [published]


def test_sending_for_approval_emails_the_councils_approvers_when_it_approves_its_own(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    allow_self_publishing(council_a)
    named_publisher(people)
    mail.outbox.clear()
    vacancy = draft(council_a, people["editor_a"])

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_submit(vacancy=vacancy, author=people["editor_a"])

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["admin_a"].email, people["member_a"].email]
    )
    assert "as a council admin or a named publisher" in mail.outbox[0].body
    assert not waiting_for_moderators().exists()


def test_with_nobody_to_approve_it_the_council_falls_back_to_the_moderators(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    allow_self_publishing(council_a)
    Membership.objects.filter(user=people["admin_a"]).update(role=Role.EDITOR)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_submit(
            vacancy=draft(council_a, people["editor_a"]), author=people["editor_a"]
        )

    assert [message.to[0] for message in mail.outbox] == [people["platform_admin"].email]


def test_the_council_may_return_what_it_approves(people: dict[str, Any], council_a: Any) -> None:
    allow_self_publishing(council_a)
    waiting = submitted(council_a, people["editor_a"])

    returned = services.vacancy_reject(
        vacancy=waiting, moderator=people["admin_a"], reason="Add the hybrid pattern."
    )

    assert returned.status == VacancyStatus.REJECTED


def test_a_spot_check_that_looks_right_leaves_the_list_and_is_audited(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    vacancy = services.vacancy_publish(
        vacancy=draft(council_a, people["admin_a"]), actor=people["admin_a"]
    )

    with pytest.raises(PermissionDenied):
        services.vacancy_spot_check_confirm(vacancy=vacancy, moderator=people["admin_a"])
    services.vacancy_spot_check_confirm(vacancy=vacancy, moderator=people["platform_admin"])

    assert not spot_checks_due().exists()
    event = AuditEvent.objects.get(action="vacancy.spot_checked")
    assert "which Hackney published itself: it looks right" in event.summary


def test_what_loti_published_is_not_spot_checked(people: dict[str, Any], council_a: Any) -> None:
    waiting = submitted(council_a, people["editor_a"])
    published = services.vacancy_publish(vacancy=waiting, actor=people["platform_admin"])

    assert (published.self_published, published.published_by) == (False, people["platform_admin"])
    with pytest.raises(ValidationError, match="approved by LOTI"):
        services.vacancy_spot_check_confirm(vacancy=published, moderator=people["platform_admin"])


def test_a_moderator_takes_a_councils_own_advert_off_the_board_with_a_reason(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    allow_self_publishing(council_a)
    vacancy = services.vacancy_publish(
        vacancy=submitted(council_a, people["editor_a"]), actor=people["admin_a"]
    )
    mail.outbox.clear()

    with pytest.raises(ValidationError, match="Say what the council needs to change"):
        services.vacancy_withdraw(vacancy=vacancy, moderator=people["platform_admin"], reason=" ")
    with pytest.raises(PermissionDenied, match="Only LOTI's moderators take an advert off"):
        services.vacancy_withdraw(vacancy=vacancy, moderator=people["admin_a"], reason="No.")
    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_withdraw(
            vacancy=vacancy, moderator=people["platform_admin"], reason="The pay is hourly."
        )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.REJECTED
    assert vacancy.rejection_reason == "The pay is hourly."
    assert vacancy.spot_checked_at is not None
    assert not Vacancy.objects.filter(status=VacancyStatus.PUBLISHED).exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [people["editor_a"].email, people["admin_a"].email]
    )
    assert mail.outbox[0].subject == "Taken off the jobs board: Senior data analyst"
    event = AuditEvent.objects.get(action="vacancy.withdrawn")
    assert event.summary.endswith("off the board and returned it: The pay is hourly.")
