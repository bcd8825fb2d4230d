"""Platform admins' looks at personal data are on the record: one audit event per page, holding
no copy of the data. A council admin reading their own council's members is not recorded."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.alerts.models import AlertSubscription
from civictalent.core.admin_audit import VIEWED, PersonalDataViewAudit
from civictalent.core.models import AuditEvent
from civictalent.organisations.models import Organisation, Role

# Registered models that hold personal data but whose admin pages are not audited, and why.
NOT_AUDITED = {
    "core.AuditEvent": "the audit log itself: recording each read of it would bury it in "
    "records of reading it",
    "salaries.PaySpine": "names only who imported a published pay spine, not data about them",
}


def holds_personal_data(model: type[models.Model]) -> bool:
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return model is user_model or any(
        isinstance(field, models.EmailField)
        or (field.is_relation and field.concrete and field.related_model is user_model)
        for field in model._meta.get_fields()
    )


def test_every_admin_page_of_personal_data_is_audited() -> None:
    unaudited = sorted(
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if holds_personal_data(model)
        and not isinstance(model_admin, PersonalDataViewAudit)
        and model._meta.label not in NOT_AUDITED
    )
    assert not unaudited, (
        f"admin pages showing personal data without an audit: {unaudited}. Mix "
        "civictalent.core.admin_audit.PersonalDataViewAudit into their ModelAdmin."
    )
    assert "accounts.User" in {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, PersonalDataViewAudit)
    }


@pytest.mark.django_db
def test_a_platform_admin_reading_people_in_the_admin_site_is_recorded(
    people: dict[str, User | None],
) -> None:
    platform_admin = people["platform_admin"]
    member = people["member_a"]
    assert platform_admin is not None and member is not None
    AlertSubscription.objects.create(email="reader@example.org", secret="s")
    client = Client()
    client.force_login(platform_admin)

    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{member.pk}/change/").status_code == 200
    assert client.get("/admin/alerts/alertsubscription/?q=reader").status_code == 200

    events = list(AuditEvent.objects.filter(action=VIEWED).order_by("id"))
    assert [(e.target_type, e.target_id) for e in events] == [
        ("accounts.User", "list"),
        ("accounts.User", str(member.pk)),
        ("alerts.AlertSubscription", "list"),
    ]
    assert all(e.actor == platform_admin for e in events)
    assert "searched or filtered" in events[2].summary
    recorded = " ".join(f"{e.summary} {e.changes}" for e in events)
    assert member.email not in recorded and "reader" not in recorded, "no copy of the data"

    # A record that does not exist, and sending a form, are not views of personal data.
    client.get("/admin/accounts/user/999999/change/")
    assert AuditEvent.objects.filter(action=VIEWED).count() == 3


@pytest.mark.django_db
def test_reading_another_councils_members_is_recorded_but_not_a_council_admin_reading_their_own(
    people: dict[str, User | None],
    make_user: Callable[..., User],
    council_a: Organisation,
) -> None:
    members = reverse("organisations:members", kwargs={"slug": "hackney"})
    own_admin = Client()
    own_admin.force_login(people["admin_a"])  # type: ignore[arg-type]
    assert own_admin.get(members).status_code == 200
    assert not AuditEvent.objects.filter(action=VIEWED).exists()

    platform = Client()
    platform.force_login(people["platform_admin"])  # type: ignore[arg-type]
    assert platform.get(members).status_code == 200
    event = AuditEvent.objects.get(action=VIEWED)
    assert event.actor == people["platform_admin"] and event.organisation == council_a
    assert "Hackney" in event.summary

    # A platform admin who is also Hackney's council admin is doing their council's own work.
    both = make_user(
        platform_admin=True, organisation=council_a, role=Role.ADMIN, with_authenticator=True
    )
    client = Client()
    client.force_login(both)
    assert client.get(members).status_code == 200
    assert AuditEvent.objects.filter(action=VIEWED).count() == 1


@pytest.mark.django_db
def test_delete_confirmation_history_and_look_ups_are_recorded_too(
    people: dict[str, User | None],
) -> None:
    """Each of these pages names the person (an alert's address, a user's name)."""
    platform_admin = people["platform_admin"]
    member = people["member_a"]
    assert platform_admin is not None and member is not None
    alert = AlertSubscription.objects.create(email="reader@example.org", secret="s")
    client = Client()
    client.force_login(platform_admin)

    delete_page = client.get(f"/admin/alerts/alertsubscription/{alert.pk}/delete/")
    assert delete_page.status_code == 200 and "reader@example.org" in delete_page.content.decode()
    history = client.get(f"/admin/accounts/user/{member.pk}/history/")
    assert history.status_code == 200
    look_up = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "organisations",
            "model_name": "membership",
            "field_name": "user",
            "term": member.display_name,
        },
    )
    assert look_up.status_code == 200 and member.display_name in look_up.content.decode()

    events = list(AuditEvent.objects.filter(action=VIEWED).order_by("id"))
    assert [(e.target_type, e.target_id) for e in events] == [
        ("alerts.AlertSubscription", str(alert.pk)),
        ("accounts.User", str(member.pk)),
        ("accounts.User", "autocomplete"),
    ]
    assert "before deleting" in events[0].summary and "history" in events[1].summary
    recorded = " ".join(e.summary for e in events)
    assert "reader@example.org" not in recorded and member.display_name not in recorded
