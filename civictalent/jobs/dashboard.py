"""The jobs board's panels of the dashboard (core/dashboard.py): an editor's drafts and their
councils' vacancies closing within a week; the adverts waiting for a council approver; and, for
LOTI's moderators, the queue, the spot checks and failed imports."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from civictalent.core.dashboard import Entry, Panel, Section, noun, plural
from civictalent.jobs import approval
from civictalent.jobs.models import (
    ApprovalRoute,
    CouncilJobsSettings,
    Vacancy,
    VacancyImport,
    VacancyStatus,
)
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import organisations_publishing, organisations_where

SHOWN = 5
CLOSING_WITHIN = datetime.timedelta(days=7)
FAILED_IMPORTS_WITHIN = datetime.timedelta(days=7)


def _closing(vacancy: Vacancy) -> str:
    closes = timezone.localtime(vacancy.closes_at) if vacancy.closes_at else None
    return f"closes {closes:%-d %b %Y at %H:%M}" if closes else "no closing date yet"


def your_drafts(user: Any) -> Panel | None:
    """The vacancies the person is writing: drafts, and those returned for changes."""
    if not organisations_where(user):
        return None
    drafts = Vacancy.objects.filter(
        created_by=user, status__in=[VacancyStatus.DRAFT, VacancyStatus.REJECTED]
    )
    count = drafts.count()
    found = list(
        drafts.only("pk", "title", "status", "health_score").order_by("-updated_at")[:SHOWN]
    )
    returned = sum(1 for vacancy in found if vacancy.status == VacancyStatus.REJECTED)
    return Panel(
        section=Section.WORK,
        order=10,
        title="Your draft vacancies",
        count=count,
        summary=noun(count, "draft") + (f", {returned} returned for changes" if returned else ""),
        action_text="Your vacancies",
        action_href=reverse("jobs:my_vacancies"),
        entries=tuple(
            Entry(
                vacancy.title,
                reverse("jobs:vacancy_draft", kwargs={"pk": vacancy.pk}),
                ("Returned for changes" if vacancy.status == VacancyStatus.REJECTED else "Draft")
                + (
                    f", health score {vacancy.health_score}"
                    if vacancy.health_score is not None
                    else ""
                ),
            )
            for vacancy in found
        ),
        more=max(0, count - len(found)),
        empty="Start one from New vacancy, or from a job description in the library.",
    )


def closing_soon(user: Any) -> Panel | None:
    """Published vacancies of the person's councils that close within 7 days: extend or let
    them close."""
    councils = organisations_where(user)
    if not councils:
        return None
    now = timezone.now()
    closing = Vacancy.objects.filter(
        organisation_id__in=councils,
        status=VacancyStatus.PUBLISHED,
        closes_at__gt=now,
        closes_at__lte=now + CLOSING_WITHIN,
    )
    count = closing.count()
    found = list(
        closing.only("pk", "title", "closes_at", "organisation_id").order_by("closes_at", "pk")[
            :SHOWN
        ]
    )
    more = count - len(found)
    return Panel(
        section=Section.WORK,
        order=20,
        title="Closing within 7 days",
        count=count,
        summary=noun(count, "vacancy closes", "vacancies close") + " within 7 days",
        entries=tuple(
            Entry(
                vacancy.title,
                reverse("jobs:vacancy_extend", kwargs={"pk": vacancy.pk}),
                _closing(vacancy) + ": extend it, or let it close",
            )
            for vacancy in found
        ),
        more=more,
        empty="Nothing closes this week.",
    )


def waiting_for_you(user: Any) -> Panel | None:
    """The adverts of the councils the person approves for (admins and named publishers). A
    council that leaves approval to LOTI shows what waits, and its admins where to change that."""
    if getattr(user, "is_platform_admin", False):
        return None  # LOTI's own panel counts every council's
    councils = organisations_publishing(user)
    if not councils:
        return None
    routes = approval.approval_routes(councils)
    own = [council for council, route in routes.items() if route == ApprovalRoute.COUNCIL]
    waiting = approval.waiting_for_approval(councils)
    count = waiting.count()
    summary = noun(count, "advert") + " waiting for approval"
    if own:
        found = [vacancy for vacancy in waiting[:SHOWN] if vacancy.organisation_id in own]
        return Panel(
            section=Section.COUNCIL,
            order=20,
            title="Adverts waiting for your approval",
            count=count,
            summary=summary,
            action_text="Approve adverts",
            action_href=reverse("jobs:moderation"),
            entries=tuple(_to_approve(vacancy) for vacancy in found),
            more=max(0, count - len(found)),
            empty="Nothing is waiting. We email you when someone sends an advert for approval.",
        )
    admin_of = [
        council for council in organisations_where(user, frozenset({"admin"})) if council in routes
    ]
    change = (
        (
            Entry(
                "Choose who approves your council's adverts",
                reverse("jobs:council_approval", kwargs={"slug": _slug_of(admin_of[0])}),
                "your admins and named publishers, or LOTI",
            ),
        )
        if admin_of
        else ()
    )
    return Panel(
        section=Section.COUNCIL,
        order=20,
        title="Adverts waiting for LOTI",
        count=count,
        summary=summary + " by LOTI's moderators",
        action_text="See what is waiting",
        action_href=reverse("jobs:moderation"),
        entries=change,
        empty="LOTI's moderators approve your council's adverts.",
    )


def _to_approve(vacancy: Vacancy) -> Entry:
    """An advert waiting for approval: its review page, its council and when it was sent."""
    sent = (
        f", sent {timezone.localtime(vacancy.submitted_at):%-d %b}" if vacancy.submitted_at else ""
    )
    return Entry(
        vacancy.title,
        reverse("jobs:vacancy_publish", kwargs={"pk": vacancy.pk}),
        vacancy.organisation.short_name + sent,
    )


def _slug_of(organisation_id: int) -> str:
    return str(Organisation.objects.values_list("slug", flat=True).get(pk=organisation_id))


def moderation_queue(user: Any) -> Panel | None:
    if not getattr(user, "is_platform_admin", False):
        return None
    for_loti = approval.waiting_for_moderators()
    count = for_loti.count()
    found = list(for_loti.select_related("organisation").order_by("submitted_at", "pk")[:SHOWN])
    return Panel(
        section=Section.PLATFORM,
        order=10,
        title="Moderation queue",
        count=count,
        summary=noun(count, "advert") + " waiting for LOTI's moderators",
        action_text="Approve adverts",
        action_href=reverse("jobs:moderation"),
        entries=tuple(_to_approve(vacancy) for vacancy in found),
        more=max(0, count - len(found)),
        empty="Nothing is waiting for the moderators.",
    )


def spot_checks(user: Any) -> Panel | None:
    if not getattr(user, "is_platform_admin", False):
        return None
    due = approval.spot_checks_due()
    count = due.count()
    found = list(due[:SHOWN])
    return Panel(
        section=Section.PLATFORM,
        order=15,
        title="Published by councils themselves",
        count=count,
        summary=noun(count, "advert") + " to spot-check",
        action_text="Spot-check them",
        action_href=reverse("jobs:spot_checks"),
        entries=tuple(
            Entry(
                vacancy.title,
                reverse("jobs:vacancy", kwargs={"pk": vacancy.pk}),
                vacancy.organisation.short_name
                + (f", score {vacancy.health_score}" if vacancy.health_score is not None else ""),
            )
            for vacancy in found
        ),
        more=max(0, count - len(found)),
        empty="Every advert councils published themselves has been checked.",
    )


def failed_imports(user: Any) -> Panel | None:
    """Imports with rows that failed in the last 7 days, and council feeds that failed."""
    if not getattr(user, "is_platform_admin", False):
        return None
    since = timezone.now() - FAILED_IMPORTS_WITHIN
    imports = VacancyImport.objects.filter(error_count__gt=0, created_at__gte=since)
    feeds = CouncilJobsSettings.objects.filter(feed_enabled=True).exclude(
        Q(feed_last_error="") | Q(feed_url="")
    )
    count = imports.count() + feeds.count()
    entries = [
        Entry(
            f"{settings.organisation.short_name}'s feed",
            reverse("jobs:settings", kwargs={"slug": settings.organisation.slug}),
            settings.feed_last_error[:120],
        )
        for settings in feeds.select_related("organisation").order_by("organisation__short_name")[
            :SHOWN
        ]
    ] + [
        Entry(
            f"{report.organisation.short_name}: {plural(report.error_count, 'row')} not imported",
            reverse("jobs:import_report", kwargs={"pk": report.pk}),
            f"{timezone.localtime(report.created_at):%-d %b %H:%M}",
        )
        for report in imports.select_related("organisation")
        .defer("rows")
        .order_by("-created_at")[:SHOWN]
    ]
    return Panel(
        section=Section.PLATFORM,
        order=30,
        title="Failed imports",
        count=count,
        summary=noun(count, "failed feed or import", "failed feeds and imports")
        + " in the last 7 days",
        entries=tuple(entries[:SHOWN]),
        more=max(0, count - SHOWN),
        empty="No feed or import has failed in the last 7 days.",
    )


PANELS = (your_drafts, closing_soon, waiting_for_you, moderation_queue, spot_checks, failed_imports)
