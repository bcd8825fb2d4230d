"""The approval pages in use: a council admin's queue, a platform admin's queue and spot checks,
a council's approval settings, and refusals that say what to do instead."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from civictalent.core.models import AuditEvent
from civictalent.jobs import services
from civictalent.jobs.models import CouncilJobsSettings, VacancyStatus
from civictalent.jobs.tests.vacancy_helpers import allow_self_publishing, draft, submitted
from civictalent.organisations.models import Membership

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_council_admin_approves_from_their_councils_queue(
    people: dict[str, Any], council_a: Any, council_b: Any, make_user: Any
) -> None:
    allow_self_publishing(council_a)
    ours = submitted(council_a, people["editor_a"], title="Data engineer")
    theirs = submitted(council_b, make_user(organisation=council_b, role="editor"), title="Other")
    client = client_for(people["admin_a"])

    page = client.get(reverse("jobs:moderation")).content.decode()

    assert "Data engineer" in page and "Other" not in page
    assert "You approve Hackney's adverts" in page
    assert reverse("jobs:vacancy_publish", kwargs={"pk": ours.pk}) in page
    response = client.post(reverse("jobs:vacancy_publish", kwargs={"pk": ours.pk}))
    assert response["Location"] == reverse("jobs:moderation")
    ours.refresh_from_db()
    assert (ours.status, ours.self_published) == (VacancyStatus.PUBLISHED, True)
    response = client.post(reverse("jobs:vacancy_publish", kwargs={"pk": theirs.pk}))
    assert response.status_code == 403


def test_a_council_that_uses_loti_sees_its_queue_but_cannot_publish(
    people: dict[str, Any], council_a: Any
) -> None:
    waiting = submitted(council_a, people["editor_a"])
    client = client_for(people["admin_a"])

    page = client.get(reverse("jobs:moderation")).content.decode()

    assert "LOTI's moderators approve Hackney's adverts" in page
    assert waiting.title in page
    assert reverse("jobs:vacancy_publish", kwargs={"pk": waiting.pk}) not in page
    refused = client.get(reverse("jobs:vacancy_publish", kwargs={"pk": waiting.pk}))
    assert refused.status_code == 403
    assert "LOTI&#x27;s moderators approve Hackney&#x27;s adverts" in refused.content.decode()


def test_an_editor_is_told_who_approves_and_what_to_do_instead(
    people: dict[str, Any], council_a: Any
) -> None:
    client = client_for(people["editor_a"])
    queue = client.get(reverse("jobs:moderation"))
    unsent = draft(council_a, people["editor_a"])
    publish = client.get(reverse("jobs:vacancy_publish", kwargs={"pk": unsent.pk}))

    assert queue.status_code == 403
    text = queue.content.decode()
    assert "Only council admins and named publishers approve adverts" in text
    assert reverse("jobs:my_vacancies") in text
    assert "belongs to a council you are not a member of" not in text
    assert publish.status_code == 403
    assert reverse("jobs:vacancy_submit", kwargs={"pk": unsent.pk}) in publish.content.decode()


def test_someone_outside_the_council_gets_the_general_refusal(
    people: dict[str, Any], council_a: Any
) -> None:
    waiting = submitted(council_a, people["editor_a"])

    response = client_for(people["member_b"]).get(
        reverse("jobs:vacancy_publish", kwargs={"pk": waiting.pk})
    )

    assert response.status_code == 403
    assert "Hackney" not in response.content.decode()


def test_a_platform_admin_sees_every_queue_and_spot_checks_what_councils_published(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    own = services.vacancy_publish(
        vacancy=draft(council_a, people["admin_a"], title="Own advert"), actor=people["admin_a"]
    )
    submitted(council_a, people["editor_a"], title="Waiting advert")
    client = client_for(people["platform_admin"])

    queue = client.get(reverse("jobs:moderation")).content.decode()
    checks = client.get(reverse("jobs:spot_checks")).content.decode()

    assert "Waiting advert" in queue and "The council" in queue
    assert "Published by councils themselves: to spot-check (1)" in queue
    assert "Own advert" in checks
    response = client.post(reverse("jobs:vacancy_spot_check", kwargs={"pk": own.pk}))
    assert response["Location"] == reverse("jobs:spot_checks")
    assert "Nothing to check" in client.get(reverse("jobs:spot_checks")).content.decode()


def test_taking_an_advert_off_the_board_needs_a_reason(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    own = services.vacancy_publish(
        vacancy=draft(council_a, people["admin_a"]), actor=people["admin_a"]
    )
    client = client_for(people["platform_admin"])
    url = reverse("jobs:vacancy_withdraw", kwargs={"pk": own.pk})

    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "The salary is hourly."})

    assert empty.status_code == 200
    assert "govuk-error-summary" in empty.content.decode()
    assert done["Location"] == reverse("jobs:spot_checks")
    own.refresh_from_db()
    assert own.status == VacancyStatus.REJECTED


def test_a_council_admin_chooses_the_route_and_names_publishers_on_one_page(
    people: dict[str, Any], council_a: Any
) -> None:
    url = reverse("jobs:council_approval", kwargs={"slug": council_a.slug})
    editor = Membership.objects.get(user=people["editor_a"])
    client = client_for(people["admin_a"])

    page = client.get(url).content.decode()
    response = client.post(url, {"approval_route": "council", "publishers": [str(editor.pk)]})

    assert "Lock this choice" not in page  # only platform admins lock it
    assert response["Location"] == url
    assert CouncilJobsSettings.objects.get(organisation=council_a).approval_route == "council"
    assert Membership.objects.get(pk=editor.pk).is_publisher
    assert AuditEvent.objects.filter(action="jobs_settings.approval_changed").count() == 1


def test_a_locked_route_is_shown_not_offered_to_the_council(
    people: dict[str, Any], council_a: Any
) -> None:
    CouncilJobsSettings.objects.create(organisation=council_a, approval_locked=True)
    url = reverse("jobs:council_approval", kwargs={"slug": council_a.slug})
    client = client_for(people["admin_a"])

    page = client.get(url).content.decode()
    client.post(url, {"approval_route": "council"})

    assert "LOTI has set how Hackney's adverts are approved" in page
    assert 'name="approval_route"' not in page
    assert CouncilJobsSettings.objects.get(organisation=council_a).approval_route == "loti"


def test_a_platform_admin_locks_a_councils_route(people: dict[str, Any], council_a: Any) -> None:
    url = reverse("jobs:council_approval", kwargs={"slug": council_a.slug})

    client_for(people["platform_admin"]).post(
        url, {"approval_route": "council", "approval_locked": "on"}
    )

    saved = CouncilJobsSettings.objects.get(organisation=council_a)
    assert (saved.approval_route, saved.approval_locked) == ("council", True)


def test_an_editor_is_refused_the_approval_settings_and_told_whom_to_ask(
    people: dict[str, Any], council_a: Any
) -> None:
    url = reverse("jobs:council_approval", kwargs={"slug": council_a.slug})

    response = client_for(people["editor_a"]).get(url)

    assert response.status_code == 403
    text = response.content.decode()
    assert "Only Hackney&#x27;s council admins choose how its adverts are approved" in text
    assert people["admin_a"].name in text
