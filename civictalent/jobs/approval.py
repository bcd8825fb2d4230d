"""How a council's adverts are approved, read for rules, pages and emails: by LOTI's moderators
(the default) or by the council's own admins and named publishers; what waits for approval; and
what councils published themselves that a platform admin has not spot-checked. Changes are in
services/approval.py."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from civictalent.jobs.models import ApprovalRoute, CouncilJobsSettings, Vacancy, VacancyStatus


def approval_routes(organisation_ids: Iterable[int]) -> dict[int, str]:
    """Organisation id -> its approval route, for each of the ids (LOTI when never set)."""
    wanted = set(organisation_ids)
    chosen = dict(
        CouncilJobsSettings.objects.filter(organisation_id__in=wanted).values_list(
            "organisation_id", "approval_route"
        )
    )
    return {organisation: chosen.get(organisation, ApprovalRoute.LOTI) for organisation in wanted}


def approves_own(organisation_id: int) -> bool:
    """Whether the council's own admins and named publishers approve its adverts."""
    return approval_routes([organisation_id])[organisation_id] == ApprovalRoute.COUNCIL


def waiting_for_approval(organisation_ids: Iterable[int] | None = None) -> QuerySet[Vacancy]:
    """Vacancies sent for approval, oldest first: every council's (``organisation_ids`` None)
    or these councils'."""
    waiting = Vacancy.objects.filter(status=VacancyStatus.SUBMITTED)
    if organisation_ids is not None:
        waiting = waiting.filter(organisation_id__in=list(organisation_ids))
    return waiting.select_related("organisation", "created_by").order_by("submitted_at", "pk")


def waiting_for_moderators() -> QuerySet[Vacancy]:
    """Vacancies waiting for LOTI's moderators: those of councils that do not approve their
    own."""
    return Vacancy.objects.filter(status=VacancyStatus.SUBMITTED).exclude(
        organisation__jobs_settings__approval_route=ApprovalRoute.COUNCIL
    )


def spot_checks_due() -> QuerySet[Vacancy]:
    """Published adverts a council approved itself that no platform admin has checked yet,
    newest first."""
    return (
        Vacancy.objects.filter(
            status=VacancyStatus.PUBLISHED, self_published=True, spot_checked_at__isnull=True
        )
        .select_related("organisation", "published_by")
        .order_by("-published_at", "-pk")
    )
