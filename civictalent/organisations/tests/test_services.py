from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.organisations import services
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role

pytestmark = pytest.mark.django_db(transaction=True)


def test_asking_to_join_emails_the_council_admins_and_is_audited(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN, name="Sam Admin")
    requester = make_user(name="Dana Lewis")
    join_request = services.join_request_create(
        user=requester, organisation=council_a, message="I run the BI team."
    )
    assert join_request.status == JoinRequest.Status.PENDING
    assert [message.to for message in mail.outbox] == [[admin.email]]
    assert mail.outbox[0].subject == "Dana Lewis asks to join Hackney"
    assert "I run the BI team." in mail.outbox[0].body
    assert "/organisations/hackney/members/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="join_request.created", organisation=council_a).exists()


def test_a_council_without_admins_sends_requests_to_platform_admins(
    make_user: Callable[..., User], council_b: Organisation
) -> None:
    platform_admin = make_user(platform_admin=True)
    services.join_request_create(user=make_user(), organisation=council_b)
    assert [message.to for message in mail.outbox] == [[platform_admin.email]]


def test_asking_twice_is_refused_with_a_clear_message(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    requester = make_user()
    services.join_request_create(user=requester, organisation=council_a)
    with pytest.raises(ValidationError, match="You asked to join Hackney on"):
        services.join_request_create(user=requester, organisation=council_a)
    assert JoinRequest.objects.filter(user=requester).count() == 1


def test_asking_to_join_a_council_you_belong_to_is_refused(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    member = make_user(organisation=council_a)
    with pytest.raises(ValidationError, match="already a member of Hackney"):
        services.join_request_create(user=member, organisation=council_a)
    assert not JoinRequest.objects.exists()


def test_approving_makes_a_member_and_tells_them(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN)
    requester = make_user()
    join_request = services.join_request_create(user=requester, organisation=council_a)
    mail.outbox.clear()
    services.join_request_decide(join_request=join_request, decided_by=admin, approve=True)
    membership = Membership.objects.get(user=requester, organisation=council_a)
    assert membership.role == Role.MEMBER
    assert mail.outbox[0].to == [requester.email]
    assert mail.outbox[0].subject == "You are now a member of Hackney"
    assert AuditEvent.objects.filter(action="join_request.approved", actor=admin).exists()


def test_declining_tells_them_and_a_decision_cannot_be_made_twice(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN)
    requester = make_user()
    join_request = services.join_request_create(user=requester, organisation=council_a)
    mail.outbox.clear()
    services.join_request_decide(
        join_request=join_request,
        decided_by=admin,
        approve=False,
        note="Please use your council email.",
    )
    assert "declined" in mail.outbox[0].subject
    assert "Please use your council email." in mail.outbox[0].body
    with pytest.raises(ValidationError, match="already declined"):
        services.join_request_decide(join_request=join_request, decided_by=admin, approve=True)
    assert not Membership.objects.filter(user=requester).exists()


def test_a_verified_council_address_joins_that_council(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    person = make_user(email="jo@hackney.gov.uk")
    membership = services.membership_join_by_verified_email(user=person, email="jo@hackney.gov.uk")
    assert membership is not None and membership.organisation == council_a
    assert membership.role == Role.MEMBER
    # A second verification changes nothing.
    services.membership_join_by_verified_email(user=person, email="jo@hackney.gov.uk")
    assert Membership.objects.filter(user=person).count() == 1
    assert services.membership_join_by_verified_email(user=person, email="jo@gmail.com") is None


def test_the_last_council_admin_cannot_be_demoted_or_removed(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN)
    membership = Membership.objects.get(user=admin)
    with pytest.raises(ValidationError, match="only council admin"):
        services.membership_change_role(membership=membership, role=Role.MEMBER, changed_by=admin)
    with pytest.raises(ValidationError, match="only council admin"):
        services.membership_remove(membership=membership, removed_by=admin)
    membership.refresh_from_db()
    assert membership.role == Role.ADMIN


def test_changing_a_role_is_audited_and_the_person_is_told(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN)
    member = make_user(organisation=council_a)
    membership = Membership.objects.get(user=member)
    services.membership_change_role(membership=membership, role=Role.EDITOR, changed_by=admin)
    event = AuditEvent.objects.get(action="membership.role_changed")
    assert event.changes == {"role": ["member", "editor"]}
    assert event.actor == admin
    assert mail.outbox[-1].to == [member.email]
    with pytest.raises(ValidationError, match="not a role"):
        services.membership_change_role(membership=membership, role="owner", changed_by=admin)


def test_domains_belong_to_one_organisation(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    platform_admin = make_user(platform_admin=True)
    Organisation.objects.filter(pk=council_a.pk).update(is_loti_member=False)
    with pytest.raises(ValidationError, match=r"royalgreenwich\.gov\.uk belongs to Greenwich"):
        services.organisation_update(
            organisation=council_a,
            changed_by=platform_admin,
            is_loti_member=True,
            website="",
            domains=["hackney.gov.uk", "royalgreenwich.gov.uk"],
        )
    council_a.refresh_from_db()
    assert council_a.is_loti_member is False
    services.organisation_update(
        organisation=council_a,
        changed_by=platform_admin,
        is_loti_member=True,
        website="https://hackney.gov.uk",
        domains=["hackney.gov.uk", "learning.hackney.gov.uk"],
    )
    council_a.refresh_from_db()
    assert council_a.is_loti_member is True
    event = AuditEvent.objects.get(action="organisation.updated")
    assert event.changes["is_loti_member"] == [False, True]


@pytest.mark.parametrize("raw", ["https://hackney.gov.uk", "not a domain", "x@y"])
def test_bad_domains_are_refused(raw: str) -> None:
    with pytest.raises(ValidationError):
        services.normalise_domains(raw)


def test_domains_are_normalised() -> None:
    assert services.normalise_domains(
        "Hackney.gov.uk\n@learning.hackney.gov.uk, hackney.gov.uk"
    ) == [
        "hackney.gov.uk",
        "learning.hackney.gov.uk",
    ]
