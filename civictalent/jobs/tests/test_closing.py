"""Housekeeping: vacancies close by themselves, editors are reminded once, old ones archived."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from civictalent.jobs import services
from civictalent.jobs.closing import vacancies_housekeeping
from civictalent.jobs.models import LibraryOffer, Vacancy, VacancyStatus
from civictalent.jobs.tasks import close_due_vacancies
from civictalent.jobs.tests.vacancy_helpers import draft, published
from civictalent.salaries.models import SalaryObservation

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def vacancy(people: dict[str, Any], council_a: Any) -> Vacancy:
    return published(council_a, people["editor_a"], people["platform_admin"])


def run(now: datetime.datetime, capture: Any) -> dict[str, int]:
    with capture(execute=True):
        return vacancies_housekeeping(now=now)


def subjects() -> list[str]:
    return [str(message.subject) for message in mail.outbox]


def test_a_vacancy_closes_at_its_closing_time_and_not_before(
    vacancy: Vacancy, django_capture_on_commit_callbacks: Any
) -> None:
    assert vacancy.closes_at is not None
    before = run(
        vacancy.closes_at - datetime.timedelta(seconds=1), django_capture_on_commit_callbacks
    )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert before["closed"] == 0

    after = run(vacancy.closes_at, django_capture_on_commit_callbacks)

    vacancy.refresh_from_db()
    assert after["closed"] == 1
    assert vacancy.status == VacancyStatus.CLOSED
    assert vacancy.closed_at == vacancy.closes_at
    assert vacancy.library_offer == LibraryOffer.OFFERED
    assert SalaryObservation.objects.filter(source_ref=f"vacancy:{vacancy.pk}").count() == 1
    assert SalaryObservation.objects.get(source_ref=f"vacancy:{vacancy.pk}").is_public, (
        "a closed vacancy's pay was on the public board: it counts in the open pay data"
    )
    assert services.closed_by_time(vacancy)


def test_housekeeping_is_idempotent(
    vacancy: Vacancy, django_capture_on_commit_callbacks: Any
) -> None:
    assert vacancy.closes_at is not None
    later = vacancy.closes_at + DAY
    mail.outbox.clear()
    first = run(later, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)

    second = run(later, django_capture_on_commit_callbacks)

    assert first["closed"] == 1
    assert second == {"closed": 0, "reminded": 0, "archived": 0, "failed": 0}
    assert len(mail.outbox) == sent
    assert SalaryObservation.objects.filter(source_ref=f"vacancy:{vacancy.pk}").count() == 1


def test_the_editor_is_reminded_three_days_before_closing_exactly_once(
    vacancy: Vacancy, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    assert vacancy.closes_at is not None
    mail.outbox.clear()
    too_early = run(vacancy.closes_at - 4 * DAY, django_capture_on_commit_callbacks)
    assert too_early["reminded"] == 0 and mail.outbox == []

    first = run(vacancy.closes_at - 3 * DAY, django_capture_on_commit_callbacks)
    again = run(vacancy.closes_at - 2 * DAY, django_capture_on_commit_callbacks)

    assert (first["reminded"], again["reminded"]) == (1, 0)
    assert [message.to[0] for message in mail.outbox] == [people["editor_a"].email]
    local = timezone.localtime(vacancy.closes_at)
    assert subjects() == [f"Senior data analyst closes on {local:%-d %B}"]
    assert f"/jobs/{vacancy.pk}/extend/" in mail.outbox[0].body
    vacancy.refresh_from_db()
    assert vacancy.reminder_sent_for == vacancy.closes_at


def test_a_new_closing_date_earns_a_new_reminder(
    vacancy: Vacancy, people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    assert vacancy.closes_at is not None
    run(vacancy.closes_at - 2 * DAY, django_capture_on_commit_callbacks)
    new_date = vacancy.closes_at + 10 * DAY
    services.vacancy_extend(vacancy=vacancy, author=people["editor_a"], closes_at=new_date)
    mail.outbox.clear()

    result = run(new_date - DAY, django_capture_on_commit_callbacks)

    assert result["reminded"] == 1
    assert len(mail.outbox) == 1


def test_closed_vacancies_are_archived_after_90_days(
    vacancy: Vacancy, django_capture_on_commit_callbacks: Any
) -> None:
    assert vacancy.closes_at is not None
    closed_at = vacancy.closes_at
    run(closed_at, django_capture_on_commit_callbacks)

    kept = run(closed_at + 89 * DAY, django_capture_on_commit_callbacks)
    vacancy.refresh_from_db()
    assert kept["archived"] == 0 and vacancy.status == VacancyStatus.CLOSED

    gone = run(closed_at + 90 * DAY, django_capture_on_commit_callbacks)
    vacancy.refresh_from_db()
    assert gone["archived"] == 1
    assert vacancy.status == VacancyStatus.ARCHIVED
    assert vacancy.archived_at == closed_at + 90 * DAY


def test_drafts_and_waiting_vacancies_are_left_alone(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    waiting = draft(council_a, people["editor_a"])
    assert waiting.closes_at is not None

    result = run(waiting.closes_at + 100 * DAY, django_capture_on_commit_callbacks)

    waiting.refresh_from_db()
    assert waiting.status == VacancyStatus.DRAFT
    assert result["closed"] == 0


def test_the_scheduled_task_runs_the_housekeeping(vacancy: Vacancy) -> None:
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    result = close_due_vacancies.call()

    vacancy.refresh_from_db()
    assert result["closed"] == 1
    assert vacancy.status == VacancyStatus.CLOSED
