from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from civictalent.accounts.models import User
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role

pytestmark = pytest.mark.django_db(transaction=True)


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_council_admin_approves_a_request_on_the_members_page(
    people: dict[str, User], council_a: Organisation, make_user
) -> None:
    requester = make_user(name="Dana Lewis")
    response = signed_in(requester).post(
        "/organisations/hackney/join/", {"message": "Data team"}, follow=True
    )
    assert "You asked to join Hackney" in response.content.decode()
    join_request = JoinRequest.objects.get(user=requester)
    admin = signed_in(people["admin_a"])
    page = admin.get("/organisations/hackney/members/").content.decode()
    assert "Dana Lewis" in page and "Data team" in page
    response = admin.post(
        f"/organisations/hackney/requests/{join_request.pk}/decide/",
        {"decision": "approve"},
        follow=True,
    )
    assert "You approved Dana Lewis" in response.content.decode()
    assert Membership.objects.filter(user=requester, organisation=council_a).exists()
    assert any(message.to == [requester.email] for message in mail.outbox)


def test_a_decision_needs_a_choice(people: dict[str, User], make_user) -> None:
    requester = make_user()
    join_request = JoinRequest.objects.create(
        user=requester, organisation=Organisation.objects.get(slug="hackney")
    )
    response = signed_in(people["admin_a"]).post(
        f"/organisations/hackney/requests/{join_request.pk}/decide/", {"note": "Welcome"}
    )
    page = response.content.decode()
    # An error summary linking to the decision, not a banner; the note typed is kept.
    assert response.status_code == 200
    assert "<title>Error: Members of" in page
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</div>\n</div>", 1)[0]
    assert (
        f'<a href="#decision-approve-{join_request.pk}">Choose approve or decline.</a>' in summary
    )
    assert f'id="decision-error-{join_request.pk}"' in page
    assert "govuk-notification-banner" not in page
    assert ">Welcome</textarea>" in page
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_an_admin_of_one_council_cannot_touch_another_councils_people(
    people: dict[str, User], council_b: Organisation, make_user
) -> None:
    requester = make_user()
    join_request = JoinRequest.objects.create(user=requester, organisation=council_b)
    member_b = Membership.objects.get(user=people["member_b"])
    admin_a = signed_in(people["admin_a"])
    assert admin_a.get("/organisations/greenwich/members/").status_code == 403
    response = admin_a.post(
        f"/organisations/greenwich/requests/{join_request.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 403
    assert (
        admin_a.post(
            f"/organisations/greenwich/members/{member_b.pk}/", {"role": "admin"}
        ).status_code
        == 403
    )
    assert (
        admin_a.post(f"/organisations/greenwich/members/{member_b.pk}/remove/").status_code == 403
    )
    # Smuggling council B's membership through council A's URL finds nothing.
    assert (
        admin_a.post(
            f"/organisations/hackney/members/{member_b.pk}/", {"role": "admin"}
        ).status_code
        == 404
    )
    join_request.refresh_from_db()
    member_b.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert member_b.role == Role.MEMBER


def test_a_council_admin_changes_a_role_and_sees_errors_for_the_last_admin(
    people: dict[str, User],
) -> None:
    admin = signed_in(people["admin_a"])
    editor = Membership.objects.get(user=people["editor_a"])
    response = admin.post(
        f"/organisations/hackney/members/{editor.pk}/", {"role": "admin"}, follow=True
    )
    assert response.status_code == 200
    editor.refresh_from_db()
    assert editor.role == Role.ADMIN
    only_admin = Membership.objects.get(user=people["admin_a"])
    Membership.objects.filter(pk=editor.pk).update(role=Role.EDITOR)
    response = admin.post(f"/organisations/hackney/members/{only_admin.pk}/", {"role": "member"})
    assert response.status_code == 200
    assert "only council admin" in response.content.decode()
    assert 'class="govuk-error-summary"' in response.content.decode()


def test_joining_a_council_you_belong_to_is_forbidden(people: dict[str, User]) -> None:
    response = signed_in(people["member_a"]).get("/organisations/hackney/join/")
    assert response.status_code == 403


def test_platform_admin_edits_loti_membership_and_domains(people: dict[str, User]) -> None:
    admin = signed_in(people["platform_admin"])
    # Hackney starts marked (the seed's known members); the admin unmarks it, then marks it.
    response = admin.post(
        "/organisations/hackney/edit/",
        {"website": "hackney.gov.uk", "domains": "hackney.gov.uk"},
    )
    assert response.status_code == 302
    assert not Organisation.objects.get(slug="hackney").is_loti_member
    response = admin.post(
        "/organisations/hackney/edit/",
        {
            "is_loti_member": "on",
            "website": "hackney.gov.uk",
            "domains": "hackney.gov.uk\nroyalgreenwich.gov.uk",
        },
    )
    assert response.status_code == 200
    assert "royalgreenwich.gov.uk belongs to Greenwich" in response.content.decode()
    assert not Organisation.objects.get(slug="hackney").is_loti_member
    response = admin.post(
        "/organisations/hackney/edit/",
        {"is_loti_member": "on", "website": "hackney.gov.uk", "domains": "hackney.gov.uk"},
    )
    assert response.status_code == 302
    hackney = Organisation.objects.get(slug="hackney")
    assert hackney.is_loti_member
    assert hackney.website == "https://hackney.gov.uk"
    audit = admin.get("/platform/audit/").content.decode()
    assert "changed is_loti_member" in audit


def test_removing_a_member_asks_first_then_tells_them(people: dict[str, User]) -> None:
    admin = signed_in(people["admin_a"])
    membership = Membership.objects.get(user=people["member_a"])
    url = f"/organisations/hackney/members/{membership.pk}/remove/"
    page = admin.get(url).content.decode()
    assert f"Remove {people['member_a'].name} from Hackney?" in page
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = admin.post(url, follow=True)
    assert "is no longer a member" in response.content.decode()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert mail.outbox[-1].to == [people["member_a"].email]
    assert mail.outbox[-1].subject == "You are no longer a member of Hackney"


def test_a_refusal_after_a_redirect_is_an_error_summary_not_a_banner(
    people: dict[str, User],
) -> None:
    admin = signed_in(people["admin_a"])
    own = Membership.objects.get(user=people["admin_a"])
    response = admin.post(f"/organisations/hackney/members/{own.pk}/remove/", follow=True)
    page = response.content.decode()
    assert Membership.objects.filter(pk=own.pk).exists()
    assert 'class="govuk-error-summary"' in page
    assert "govuk-notification-banner" not in page
