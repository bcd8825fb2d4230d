"""Writing a vacancy's content: a new draft, and changes to one that is not yet closed.

Neither changes a vacancy's status (a new one starts as a draft; a published one stays
published): status changes go through transitions.py.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.framework.mapping import role_level_for_title
from civictalent.healthcheck.engine import CheckTooSlow
from civictalent.jobs.criteria import seniority_of_level
from civictalent.jobs.fields import VacancyFields
from civictalent.jobs.indexing import vacancy_reindex
from civictalent.jobs.models import Vacancy, VacancyOrigin, VacancyStatus
from civictalent.jobs.services.checking import checked_values, publish_problems_refuse
from civictalent.jobs.services.common import actor_named, vacancy_locked
from civictalent.jobs.services.health import vacancy_health_report
from civictalent.organisations.models import Organisation

EDITABLE_STATUSES = frozenset(
    {
        VacancyStatus.DRAFT,
        VacancyStatus.REJECTED,
        VacancyStatus.SUBMITTED,
        VacancyStatus.PUBLISHED,
    }
)

logger = logging.getLogger(__name__)


def _values_apply(vacancy: Vacancy, values: dict[str, Any], *, map_role: bool) -> None:
    """The checked values on the vacancy, with what follows from them: the role level from the
    title (unless a person chose one), its family and seniority, and the health score."""
    for name, value in values.items():
        setattr(vacancy, name, value)
    if map_role:
        vacancy.role_level = role_level_for_title(vacancy.title, vacancy.description_text)
        vacancy.role_level_mapped = vacancy.role_level is not None
    else:
        vacancy.role_level_mapped = False
    level = vacancy.role_level
    vacancy.family_id = level.role.family_id if level else None
    vacancy.seniority = seniority_of_level(level.name, level.role.name) if level else ""
    try:
        vacancy.health_score = vacancy_health_report(vacancy).score
    except CheckTooSlow:
        # Saving must not fail because the check could not finish: the last score stays, and
        # the vacancy's check page says the check ran out of time.
        logger.warning("Health check of vacancy %s ran out of time", vacancy.pk)


def vacancy_create(
    *,
    organisation: Organisation,
    author: User | None,
    fields: VacancyFields,
    origin: str = VacancyOrigin.FORM,
    external_reference: str = "",
    source_job_description: Any = None,
) -> Vacancy:
    """A new draft. ``author`` is None for imports from a council's feed."""
    if origin not in VacancyOrigin.values:
        raise ValidationError(f"{origin!r} is not a vacancy origin.")
    external_reference = external_reference.strip()
    if len(external_reference) > 120:
        raise ValidationError(
            {"external_reference": ["The council's reference must be 120 characters or fewer."]}
        )
    now = timezone.now()
    values = checked_values(organisation=organisation, fields=fields, now=now)
    vacancy = Vacancy(
        organisation=organisation,
        origin=origin,
        external_reference=external_reference,
        source_job_description=source_job_description,
        created_by=author,
        status=VacancyStatus.DRAFT,
    )
    _values_apply(vacancy, values, map_role=fields.role_level_id is None)
    try:
        with transaction.atomic():
            vacancy.save()
            vacancy_reindex(vacancy)
            audit_record(
                actor=author,
                action="vacancy.created",
                target=vacancy,
                organisation=organisation,
                summary=f"{actor_named(author)} drafted the vacancy {vacancy.title!r}",
                changes={"origin": origin, "external_reference": external_reference},
            )
    except IntegrityError:
        raise ValidationError(
            {
                "external_reference": [
                    f"{organisation.short_name} already has a vacancy with the reference "
                    f"{external_reference!r}."
                ]
            }
        ) from None
    return vacancy


def _snapshot(vacancy: Vacancy) -> dict[str, str]:
    values = {
        "title": vacancy.title,
        "summary": vacancy.summary,
        "description": vacancy.description,
        "role_level": str(vacancy.role_level_id),
        "pay_text": vacancy.pay_text,
        "grade": vacancy.grade,
        "annual_min_pence": str(vacancy.annual_min_pence),
        "annual_max_pence": str(vacancy.annual_max_pence),
        # As stored (one decimal place), so 36 typed again is not a change from the saved 36.0.
        "hours_per_week": "" if vacancy.hours_per_week is None else f"{vacancy.hours_per_week:.1f}",
        "closes_at": vacancy.closes_at.isoformat() if vacancy.closes_at else "",
    }
    for name in (
        "contract",
        "working_pattern",
        "workplace",
        "hybrid_pattern",
        "location",
        "postcode",
        "apply_url",
        "contact_name",
        "contact_email",
    ):
        values[name] = str(getattr(vacancy, name))
    return values


def vacancy_update(*, vacancy: Vacancy, author: User | None, fields: VacancyFields) -> Vacancy:
    """Change a draft, a returned, a waiting or a published vacancy. A published one stays
    published (and must still have everything publishing needs)."""
    now = timezone.now()
    with transaction.atomic():
        locked = vacancy_locked(vacancy)
        if locked.status not in EDITABLE_STATUSES:
            raise ValidationError(
                f"This vacancy is {locked.get_status_display().lower()}, so it cannot be "
                "changed."
                + (
                    " Extend its closing date to reopen it."
                    if locked.status == VacancyStatus.CLOSED
                    else ""
                )
            )
        values = checked_values(organisation=locked.organisation, fields=fields, now=now)
        before = _snapshot(locked)
        _values_apply(locked, values, map_role=fields.role_level_id is None)
        if locked.status == VacancyStatus.PUBLISHED:
            publish_problems_refuse(locked, now)
        after = _snapshot(locked)
        changed = sorted(name for name in after if before[name] != after[name])
        locked.save()
        vacancy_reindex(locked)
        if changed:
            audit_record(
                actor=author,
                action="vacancy.updated",
                target=locked,
                organisation=locked.organisation,
                summary=f"{actor_named(author)} changed {', '.join(changed)} of the vacancy "
                f"{locked.title!r}",
                changes={name: [before[name], after[name]] for name in changed},
            )
    return locked
