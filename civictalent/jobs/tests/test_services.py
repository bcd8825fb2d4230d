"""Vacancy services: writing, moderation, publishing, closing, extending, the library offer."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civictalent.core.models import AuditEvent
from civictalent.core.search import search_ids
from civictalent.framework.models import RoleLevel
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.jobs import services
from civictalent.jobs.models import (
    LibraryOffer,
    Vacancy,
    VacancyDailyCount,
    VacancyStatus,
)
from civictalent.jobs.tests.vacancy_helpers import (
    allow_self_publishing,
    draft,
    good_fields,
    published,
    submitted,
)
from civictalent.salaries.models import SalaryObservation
from civictalent.salaries.payscales import payscales_load_demo

pytestmark = pytest.mark.django_db


def in_index(vacancy: Vacancy, word: str = "analyst") -> bool:
    return vacancy.pk in search_ids(kind="vacancy", query=word)


# --------------------------------------------------------------------------------------------
# Creating and changing


def test_a_draft_is_saved_with_sanitised_description_pay_in_pence_and_a_health_score(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = draft(
        council_a,
        editor,
        description='<p onclick="steal()">Hello</p><script>alert("x")</script><h2>Role</h2>',
    )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT
    assert "script" not in vacancy.description_html and "onclick" not in vacancy.description_html
    assert vacancy.description_html.startswith("<p>Hello</p>")
    assert vacancy.description_text == "Hello\nRole"
    assert (vacancy.annual_min_pence, vacancy.annual_max_pence) == (4_500_000, 5_000_000)
    assert vacancy.pay_text == "£45,000 to £50,000 a year"
    assert vacancy.health_score is not None and 0 <= vacancy.health_score <= 100
    assert vacancy.created_by == editor
    assert not in_index(vacancy)  # drafts are not on the board
    assert AuditEvent.objects.filter(
        action="vacancy.created", target_id=str(vacancy.pk), organisation=council_a
    ).exists()


def test_the_role_level_is_mapped_from_the_title_unless_chosen(
    people: dict[str, Any], council_a: Any
) -> None:
    framework_load_starter()
    mapped = draft(council_a, people["editor_a"], title="Senior data analyst")
    assert mapped.role_level is not None
    assert mapped.role_level_mapped is True
    assert mapped.family_id == mapped.role_level.role.family_id
    assert mapped.seniority == "senior"

    chosen_level = RoleLevel.objects.exclude(pk=mapped.role_level.pk).order_by("rank").first()
    assert chosen_level is not None
    chosen = draft(
        council_a, people["editor_a"], title="Data person", role_level_id=chosen_level.pk
    )
    assert chosen.role_level == chosen_level
    assert chosen.role_level_mapped is False
    assert chosen.family_id == chosen_level.role.family_id


BAD_INPUTS = [
    ({"title": "  "}, "title", "Enter the job title"),
    (
        {"annual_min": Decimal("50000"), "annual_max": Decimal("40000")},
        "annual_max",
        "is below the minimum",
    ),
    ({"annual_min": Decimal("25"), "annual_max": None}, "annual_min", "looks like an hourly"),
    ({"annual_min": Decimal("250"), "annual_max": None}, "annual_min", "daily or weekly"),
    ({"annual_min": Decimal("9000"), "annual_max": None}, "annual_min", "below any full-time"),
    ({"annual_max": Decimal("900000")}, "annual_max", "above any salary"),
    ({"annual_min": None, "annual_max": Decimal("40000")}, "annual_min", "minimum salary too"),
    (
        {"closes_at": timezone.now() - datetime.timedelta(hours=1)},
        "closes_at",
        "must be in the future",
    ),
    ({"apply_url": "http://jobs.example/1"}, "apply_url", "starting https://"),
    ({"apply_url": "https://"}, "apply_url", "full web address"),
    ({"apply_url": "javascript:alert(1)"}, "apply_url", "starting https://"),
    ({"contact_email": "not an email"}, "contact_email", "right format"),
    ({"role_level_id": 999_999}, "role_level_id", "Choose a role level"),
    ({"summary": "x" * 601}, "summary", "600 characters or fewer"),
    ({"contract": "forever"}, "contract", "contract type"),
    ({"hours_per_week": Decimal("200")}, "hours_per_week", "between 1 and 80"),
    ({"postcode": "NOT A POSTCODE"}, "postcode", "UK postcode"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD_INPUTS)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    people: dict[str, Any], council_a: Any, changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        draft(council_a, people["editor_a"], **changes)

    assert message in " ".join(caught.value.message_dict[field])
    assert not Vacancy.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="vacancy.").exists()


def test_a_grade_is_resolved_through_the_councils_pay_scales(
    people: dict[str, Any], council_a: Any
) -> None:
    payscales_load_demo()
    vacancy = draft(council_a, people["editor_a"], annual_min=None, annual_max=None, grade="PO4")

    # Hackney's demo PO4 is points 29 to 32 of the inner London demo spine.
    assert (vacancy.annual_min_pence, vacancy.annual_max_pence) == (5_000_000, 5_300_000)
    assert vacancy.pay_text.startswith("Grade PO4: £50,000 to £53,000")


def test_a_grade_that_does_not_resolve_leaves_a_draft_that_cannot_be_submitted(
    people: dict[str, Any], council_a: Any
) -> None:
    payscales_load_demo()
    editor = people["editor_a"]
    vacancy = draft(council_a, editor, annual_min=None, annual_max=None, grade="ZZ9")
    assert vacancy.annual_min_pence is None

    with pytest.raises(ValidationError) as caught:
        services.vacancy_submit(vacancy=vacancy, author=editor)

    reason = " ".join(caught.value.message_dict["grade"])
    assert "ZZ9" in reason and "Its grades are" in reason
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_updating_records_what_changed(people: dict[str, Any], council_a: Any) -> None:
    editor = people["editor_a"]
    vacancy = draft(council_a, editor)

    services.vacancy_update(
        vacancy=vacancy, author=editor, fields=good_fields(title="Lead data analyst")
    )

    vacancy.refresh_from_db()
    assert vacancy.title == "Lead data analyst"
    event = AuditEvent.objects.get(action="vacancy.updated", target_id=str(vacancy.pk))
    assert event.changes["title"] == ["Senior data analyst", "Lead data analyst"]
    assert "hours_per_week" not in event.changes


def test_saving_a_vacancy_unchanged_records_no_change(
    people: dict[str, Any], council_a: Any
) -> None:
    """36 hours typed again is the 36.0 saved, not a change."""
    editor = people["editor_a"]
    fields = good_fields()
    vacancy = services.vacancy_create(organisation=council_a, author=editor, fields=fields)

    services.vacancy_update(vacancy=vacancy, author=editor, fields=fields)

    assert not AuditEvent.objects.filter(action="vacancy.updated").exists()


def test_editing_a_published_vacancy_keeps_it_published_and_reindexes_it(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    assert in_index(vacancy, "analyst")

    services.vacancy_update(
        vacancy=vacancy, author=editor, fields=good_fields(title="Senior cartographer")
    )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert in_index(vacancy, "cartographer")
    assert not in_index(vacancy, "analyst")


def test_a_published_vacancy_cannot_lose_what_publishing_needs(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])

    with pytest.raises(ValidationError) as caught:
        services.vacancy_update(
            vacancy=vacancy,
            author=editor,
            fields=good_fields(title="Changed", annual_min=None, annual_max=None),
        )

    assert "Enter the pay" in " ".join(caught.value.message_dict["annual_min"])
    vacancy.refresh_from_db()
    assert vacancy.title == "Senior data analyst"
    assert vacancy.annual_min_pence == 4_500_000


def test_a_closed_vacancy_cannot_be_edited(people: dict[str, Any], council_a: Any) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    services.vacancy_close(vacancy=vacancy, actor=editor)

    with pytest.raises(ValidationError, match="Extend its closing date"):
        services.vacancy_update(vacancy=vacancy, author=editor, fields=good_fields(title="X"))


# --------------------------------------------------------------------------------------------
# Moderation


def test_submitting_emails_every_active_platform_admin(
    people: dict[str, Any], council_a: Any, make_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    make_user(platform_admin=True)  # a second moderator
    retired = make_user(platform_admin=True)
    retired.is_active = False
    retired.save()
    editor = people["editor_a"]
    vacancy = draft(council_a, editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.vacancy_submit(vacancy=vacancy, author=editor)

    assert outcome.vacancy.status == VacancyStatus.SUBMITTED
    assert outcome.can_publish_directly is False
    recipients = sorted(message.to[0] for message in mail.outbox)
    admins = sorted(
        type(editor)
        .objects.filter(is_platform_admin=True, is_active=True)
        .values_list("email", flat=True)
    )
    assert recipients == admins and retired.email not in recipients
    message = mail.outbox[0]
    assert message.subject == "Advert to approve: Senior data analyst (Hackney)"
    assert "one of LOTI's moderators" in message.body
    assert f"/jobs/{vacancy.pk}/check/" in message.body
    assert "/jobs/moderation/" in message.body


def test_submitting_needs_everything_publishing_needs(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = services.vacancy_create(
        organisation=council_a,
        author=editor,
        fields=good_fields(
            annual_min=None, annual_max=None, closes_at=None, apply_url="", location=""
        ),
    )

    with pytest.raises(ValidationError) as caught:
        services.vacancy_submit(vacancy=vacancy, author=editor)

    assert set(caught.value.message_dict) == {"annual_min", "closes_at", "apply_url", "location"}
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT
    assert vacancy.submitted_at is None


def test_a_past_closing_date_stops_submission(people: dict[str, Any], council_a: Any) -> None:
    editor = people["editor_a"]
    vacancy = draft(council_a, editor)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=5)
    )
    vacancy.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        services.vacancy_submit(vacancy=vacancy, author=editor)
    assert "must be in the future" in caught.value.message_dict["closes_at"][0]


def test_a_moderator_publishes_and_the_editor_is_told(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    editor, moderator = people["editor_a"], people["platform_admin"]
    vacancy = submitted(council_a, editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_publish(vacancy=vacancy, actor=moderator)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.published_at is not None
    assert in_index(vacancy)
    assert [message.to[0] for message in mail.outbox] == [editor.email]
    assert mail.outbox[0].subject == "Published: Senior data analyst"


def test_editors_cannot_publish_and_moderators_publish_only_what_was_submitted(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    waiting = submitted(council_a, editor)
    with pytest.raises(PermissionDenied):
        services.vacancy_publish(vacancy=waiting, actor=editor)
    with pytest.raises(PermissionDenied):
        services.vacancy_publish(vacancy=waiting, actor=people["admin_a"])  # not allowed yet

    unsent = draft(council_a, editor)
    with pytest.raises(ValidationError, match="Send it for approval first"):
        services.vacancy_publish(vacancy=unsent, actor=people["platform_admin"])
    assert Vacancy.objects.filter(status=VacancyStatus.PUBLISHED).count() == 0


def test_a_council_admin_publishes_directly_when_the_council_may(
    people: dict[str, Any], council_a: Any
) -> None:
    allow_self_publishing(council_a)
    admin = people["admin_a"]
    vacancy = draft(council_a, admin)

    outcome = services.vacancy_submit(vacancy=draft(council_a, admin), author=admin)
    assert outcome.can_publish_directly is True
    services.vacancy_publish(vacancy=vacancy, actor=admin)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    with pytest.raises(PermissionDenied):  # editors still cannot
        services.vacancy_publish(
            vacancy=draft(council_a, people["editor_a"]), actor=people["editor_a"]
        )


def test_a_returned_vacancy_shows_the_reason_and_can_be_fixed_and_resent(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    editor, moderator = people["editor_a"], people["platform_admin"]
    vacancy = submitted(council_a, editor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_reject(
            vacancy=vacancy, moderator=moderator, reason="  Say it includes London weighting. "
        )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.REJECTED
    assert vacancy.rejection_reason == "Say it includes London weighting."
    assert [message.to[0] for message in mail.outbox] == [editor.email]
    assert "Say it includes London weighting." in mail.outbox[0].body
    assert f"/jobs/{vacancy.pk}/edit/" in mail.outbox[0].body

    services.vacancy_update(
        vacancy=vacancy, author=editor, fields=good_fields(pay_text="£45,000 to £50,000 inc. LW")
    )
    again = services.vacancy_submit(vacancy=vacancy, author=editor)
    assert again.vacancy.status == VacancyStatus.SUBMITTED


def test_returning_needs_a_reason_a_moderator_and_a_waiting_vacancy(
    people: dict[str, Any], council_a: Any
) -> None:
    editor, moderator = people["editor_a"], people["platform_admin"]
    vacancy = submitted(council_a, editor)
    with pytest.raises(ValidationError) as caught:
        services.vacancy_reject(vacancy=vacancy, moderator=moderator, reason="   ")
    assert "Say what the council needs to change" in caught.value.message_dict["reason"][0]
    with pytest.raises(ValidationError, match="2,000 characters"):
        services.vacancy_reject(vacancy=vacancy, moderator=moderator, reason="x" * 2001)
    with pytest.raises(PermissionDenied):
        services.vacancy_reject(vacancy=vacancy, moderator=editor, reason="No.")
    with pytest.raises(ValidationError, match="only a vacancy waiting"):
        services.vacancy_reject(
            vacancy=draft(council_a, editor), moderator=moderator, reason="Fix it."
        )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


# --------------------------------------------------------------------------------------------
# Closing, extending, archiving


def test_closing_offers_the_jd_records_the_salary_and_leaves_the_board(
    people: dict[str, Any], council_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.vacancy_close(vacancy=vacancy)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert vacancy.closed_at is not None
    assert vacancy.library_offer == LibraryOffer.OFFERED
    assert not in_index(vacancy)
    observation = SalaryObservation.objects.get(
        source="vacancy", source_ref=f"vacancy:{vacancy.pk}"
    )
    assert (observation.annual_min_pence, observation.annual_max_pence) == (4_500_000, 5_000_000)
    assert observation.organisation == council_a
    assert [message.to[0] for message in mail.outbox] == [editor.email]
    assert f"/jobs/{vacancy.pk}/library/" in mail.outbox[0].body


def test_an_implausible_salary_is_not_recorded_but_the_vacancy_still_closes(
    people: dict[str, Any], council_a: Any, caplog: Any
) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    Vacancy.objects.filter(pk=vacancy.pk).update(annual_max_pence=90_000_000)

    services.vacancy_close(vacancy=vacancy)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert not SalaryObservation.objects.filter(source_ref=f"vacancy:{vacancy.pk}").exists()
    assert "salary observation skipped" in caplog.text


def test_only_published_vacancies_close(people: dict[str, Any], council_a: Any) -> None:
    with pytest.raises(ValidationError, match="only a published vacancy"):
        services.vacancy_close(vacancy=draft(council_a, people["editor_a"]))


def test_extending_a_published_vacancy_moves_its_closing_date(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    later = timezone.now() + datetime.timedelta(days=30)

    services.vacancy_extend(vacancy=vacancy, author=editor, closes_at=later)

    vacancy.refresh_from_db()
    assert vacancy.closes_at == later
    assert vacancy.status == VacancyStatus.PUBLISHED
    with pytest.raises(ValidationError) as caught:
        services.vacancy_extend(
            vacancy=vacancy, author=editor, closes_at=timezone.now() - datetime.timedelta(days=1)
        )
    assert "must be in the future" in caught.value.message_dict["closes_at"][0]


def _closed_by_time(vacancy: Vacancy, *, days_ago: int) -> Vacancy:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Vacancy.objects.filter(pk=vacancy.pk).update(closes_at=moment)
    vacancy.refresh_from_db()
    return services.vacancy_close(vacancy=vacancy, now=moment)


def test_a_vacancy_closed_by_time_reopens_within_90_days(
    people: dict[str, Any], council_a: Any
) -> None:
    editor = people["editor_a"]
    vacancy = _closed_by_time(published(council_a, editor, people["platform_admin"]), days_ago=10)
    first_published = vacancy.published_at

    services.vacancy_extend(
        vacancy=vacancy, author=editor, closes_at=timezone.now() + datetime.timedelta(days=7)
    )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.closed_at is None
    assert vacancy.library_offer == LibraryOffer.NONE
    assert vacancy.published_at == first_published
    assert in_index(vacancy)


def test_no_reopening_after_90_days_or_after_closing_early(
    people: dict[str, Any], council_a: Any
) -> None:
    editor, moderator = people["editor_a"], people["platform_admin"]
    later = timezone.now() + datetime.timedelta(days=7)
    old = _closed_by_time(published(council_a, editor, moderator), days_ago=91)
    with pytest.raises(ValidationError, match="more than 90 days ago"):
        services.vacancy_extend(vacancy=old, author=editor, closes_at=later)

    early = published(council_a, editor, moderator)
    services.vacancy_close(vacancy=early, actor=editor)
    with pytest.raises(ValidationError, match="closed early"):
        services.vacancy_extend(vacancy=early, author=editor, closes_at=later)
    assert Vacancy.objects.filter(status=VacancyStatus.CLOSED).count() == 2


def test_archiving_needs_a_closed_vacancy(people: dict[str, Any], council_a: Any) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    with pytest.raises(ValidationError, match="only a closed vacancy"):
        services.vacancy_archive(vacancy=vacancy)

    services.vacancy_close(vacancy=vacancy)
    services.vacancy_archive(vacancy=vacancy)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.ARCHIVED
    assert vacancy.archived_at is not None


# --------------------------------------------------------------------------------------------
# The library offer


def test_accepting_the_offer_puts_a_draft_jd_in_the_library(
    people: dict[str, Any], council_a: Any
) -> None:
    framework_load_starter()
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    services.vacancy_close(vacancy=vacancy)

    services.vacancy_offer_decide(vacancy=vacancy, actor=editor, add=True)

    vacancy.refresh_from_db()
    assert vacancy.library_offer == LibraryOffer.ADDED
    jd = vacancy.library_job_description
    assert jd is not None
    assert jd.status == "draft"
    assert jd.organisation == council_a
    assert jd.title == "Senior data analyst"
    assert jd.role_level_id == vacancy.role_level_id
    assert (jd.annual_min_pence, jd.annual_max_pence) == (4_500_000, 5_000_000)
    kinds = [(section.kind, section.heading) for section in jd.sections.all()]
    assert ("responsibilities", "What you will do") in kinds
    assert ("essential", "Essential criteria") in kinds
    assert kinds[0][0] == "purpose"
    with pytest.raises(ValidationError, match="already added to the library"):
        services.vacancy_offer_decide(vacancy=vacancy, actor=editor, add=True)
    assert JobDescription.objects.count() == 1


def test_declining_the_offer_adds_nothing(people: dict[str, Any], council_a: Any) -> None:
    editor = people["editor_a"]
    vacancy = published(council_a, editor, people["platform_admin"])
    with pytest.raises(ValidationError, match="offered when the vacancy closes"):
        services.vacancy_offer_decide(vacancy=vacancy, actor=editor, add=True)
    services.vacancy_close(vacancy=vacancy)

    services.vacancy_offer_decide(vacancy=vacancy, actor=editor, add=False)

    vacancy.refresh_from_db()
    assert vacancy.library_offer == LibraryOffer.DECLINED
    assert vacancy.library_job_description is None
    assert not JobDescription.objects.exists()


# --------------------------------------------------------------------------------------------
# Counting


def test_counts_add_up_in_one_row_per_vacancy_and_day(
    people: dict[str, Any], council_a: Any
) -> None:
    vacancy = published(council_a, people["editor_a"], people["platform_admin"])
    day = datetime.date(2026, 3, 1)
    for _ in range(3):
        services.vacancy_count(vacancy=vacancy, what="views", day=day)
    services.vacancy_count(vacancy=vacancy, what="apply_clicks", day=day)
    services.vacancy_count(vacancy=vacancy, what="views", day=day + datetime.timedelta(days=1))

    rows = list(
        VacancyDailyCount.objects.order_by("day").values_list("day", "views", "apply_clicks")
    )
    assert rows == [(day, 3, 1), (day + datetime.timedelta(days=1), 1, 0)]
    with pytest.raises(ValueError, match="Cannot count"):
        services.vacancy_count(vacancy=vacancy, what="visitors")
