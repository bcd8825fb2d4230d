"""Delete your account: a recent sign-in first, personal data gone, contributions kept without a
name, the audit log kept without a name, and no council left without an admin."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from civictalent.accounts import erasure
from civictalent.accounts.models import User
from civictalent.alerts.models import AlertSubscription
from civictalent.core.audit import audit_record
from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.core.privacy import DELETED_PERSON, scrub_text
from civictalent.jdlibrary.models import JDSuggestion, JDVersion, JobDescription
from civictalent.jobs.models import SavedSearch
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # make_user's


def reauthenticate_and_delete(client: Client) -> str:
    """POST the delete form; allauth asks for the password; sending it carries on deleting.
    Returns where the person ends up."""
    asked = client.post("/account/delete/")
    assert asked.status_code == 302
    assert asked["Location"].startswith("/accounts/reauthenticate/"), asked["Location"]
    done = client.post(asked["Location"], {"password": PASSWORD})
    assert done.status_code == 302, done.content.decode()[:2000]
    return str(done["Location"])


def test_deleting_asks_for_the_password_then_deletes_and_keeps_the_library_anonymous(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    admin = make_user(organisation=council_a, role=Role.ADMIN)
    jo = make_user(
        email="jo@hackney.gov.uk",
        name="Jo Bloggs",
        organisation=council_a,
        role=Role.EDITOR,
        with_authenticator=True,
    )
    JoinRequest.objects.create(user=jo, organisation=council_b)
    SavedSearch.objects.create(user=jo, name="Data jobs", query_string="q=data")
    AlertSubscription.objects.create(email="jo@hackney.gov.uk", secret="jo-secret")
    AlertSubscription.objects.create(email="someone@example.org", secret="their-secret")
    OutboundEmail.objects.create(to="jo@hackney.gov.uk", subject="Welcome", body_text="Hi Jo")
    jd = JobDescription.objects.create(organisation=council_a, title="Data analyst", created_by=jo)
    JDVersion.objects.create(job_description=jd, number=1, author=jo, summary="Made", snapshot={})
    suggestion = JDSuggestion.objects.create(job_description=jd, author=jo, text="Shorter.")
    by_jo = audit_record(
        actor=jo,
        action="jd.published",
        target=jd,
        summary="jo@hackney.gov.uk published Data analyst",
        changes={"by": "Jo Bloggs"},
    )
    about_jo = audit_record(
        actor=admin,
        action="membership.role_changed",
        target=Membership.objects.get(user=jo),
        summary=f"{admin.email} made Jo Bloggs (JO@hackney.gov.uk) editor of Hackney",
    )
    client = Client()
    client.force_login(jo)
    other_device = Client()
    other_device.force_login(jo)

    assert client.get("/account/delete/").status_code == 200
    landed = reauthenticate_and_delete(client)

    assert landed == "/account/deleted/"
    assert not User.objects.filter(pk=jo.pk).exists()
    assert not Membership.objects.filter(user_id=jo.pk).exists()
    assert not JoinRequest.objects.filter(user_id=jo.pk).exists()
    assert not SavedSearch.objects.filter(user_id=jo.pk).exists()
    assert list(AlertSubscription.objects.values_list("email", flat=True)) == [
        "someone@example.org"
    ]
    assert not OutboundEmail.objects.filter(to="jo@hackney.gov.uk").exists()
    # The library keeps what Jo gave it, without Jo.
    jd.refresh_from_db()
    suggestion.refresh_from_db()
    assert jd.created_by is None and suggestion.author is None
    assert JDVersion.objects.get(job_description=jd).author is None
    # The audit log keeps the events, without Jo's name or address.
    by_jo.refresh_from_db()
    about_jo.refresh_from_db()
    assert by_jo.actor is None and by_jo.action == "jd.published"
    assert "jo@hackney.gov.uk" not in by_jo.summary and "Jo Bloggs" not in str(by_jo.changes)
    assert about_jo.actor == admin
    assert "Jo Bloggs" not in about_jo.summary
    assert "jo@hackney.gov.uk" not in about_jo.summary.lower()
    assert admin.email in about_jo.summary, "only Jo's details are taken out"
    deleted = AuditEvent.objects.get(action="account.deleted")
    assert deleted.actor is None
    assert "jo" not in f"{deleted.summary} {deleted.target_id} {deleted.changes}".lower()
    # Signed out here, and on the other device.
    assert client.get("/account/").status_code == 302
    assert other_device.get("/account/").status_code == 302
    page = client.get(landed)
    assert "Your account has been deleted" in page.content.decode()


def test_the_only_admin_of_a_council_is_told_to_hand_over_first(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    only_admin = make_user(organisation=council_a, role=Role.ADMIN, with_authenticator=True)
    client = Client()
    client.force_login(only_admin)

    page = client.get("/account/delete/").content.decode()
    assert f"You are the only council admin of {council_a.name}" in page
    assert "govuk-button--warning" not in page, "no delete button while deleting is refused"

    asked = client.post("/account/delete/")
    refused = client.post(asked["Location"], {"password": PASSWORD}, follow=True)
    body = refused.content.decode()
    assert "There is a problem" in body
    assert f"You are the only council admin of {council_a.name}" in body
    assert User.objects.filter(pk=only_admin.pk).exists()
    assert Membership.objects.filter(user=only_admin, role=Role.ADMIN).exists()

    # With a second admin, the first may go.
    make_user(organisation=council_a, role=Role.ADMIN)
    erasure.account_delete(user=only_admin)
    assert not User.objects.filter(pk=only_admin.pk).exists()


def test_the_only_platform_admin_cannot_delete_their_account(
    make_user: Callable[..., User],
) -> None:
    only = make_user(platform_admin=True)
    with pytest.raises(ValidationError, match="only platform admin"):
        erasure.account_delete(user=only)
    assert User.objects.filter(pk=only.pk).exists()


def test_deleting_without_a_recent_sign_in_deletes_nothing(
    make_user: Callable[..., User],
) -> None:
    jo = make_user()
    client = Client()
    client.force_login(jo)
    response = client.post("/account/delete/")
    assert response.status_code == 302 and "reauthenticate" in response["Location"]
    wrong = client.post(response["Location"], {"password": "not the password"})
    assert wrong.status_code == 200
    assert User.objects.filter(pk=jo.pk).exists()


def test_scrubbing_leaves_other_words_alone() -> None:
    text = "Al changed Alison's role; al@example.org asked"
    scrubbed = scrub_text(text, addresses=["al@example.org"], name="Alison")
    assert scrubbed == f"Al changed {DELETED_PERSON}'s role; {DELETED_PERSON} asked"
    # Names shorter than three letters are too likely to be parts of other words.
    assert scrub_text("Al and Alan", addresses=[], name="Al") == "Al and Alan"
