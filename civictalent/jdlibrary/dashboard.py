"""The library's panels of the dashboard (core/dashboard.py): suggestions waiting on the
person's councils' job descriptions and those JDs' health scores; for platform admins, newly
shared JDs to consider as exemplars."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone

from civictalent.core.dashboard import Entry, Panel, Section, noun
from civictalent.jdlibrary.models import (
    JDStatus,
    JDSuggestion,
    JobDescription,
    SuggestionStatus,
    Visibility,
)
from civictalent.organisations.predicates import organisations_where

SHOWN = 5
LOW_SCORE = 60
CURATE_WITHIN = datetime.timedelta(days=30)


def suggestions(user: Any) -> Panel | None:
    """Open suggestions on the job descriptions of the councils the person edits for."""
    councils = organisations_where(user)
    if not councils:
        return None
    waiting = JDSuggestion.objects.filter(
        job_description__organisation_id__in=councils, status=SuggestionStatus.OPEN
    )
    count = waiting.count()
    found = list(waiting.select_related("job_description").order_by("created_at")[:SHOWN])
    return Panel(
        section=Section.WORK,
        order=30,
        title="Suggestions on your job descriptions",
        count=count,
        summary=noun(count, "suggestion") + " to accept or decline",
        entries=tuple(
            Entry(
                suggestion.job_description.title,
                reverse("jdlibrary:detail", kwargs={"pk": suggestion.job_description_id})
                + "#suggestions",
                f"suggested {timezone.localtime(suggestion.created_at):%-d %b}",
            )
            for suggestion in found
        ),
        more=max(0, count - len(found)),
        empty="No suggestions are waiting.",
    )


def health_scores(user: Any) -> Panel | None:
    """How the person's councils' job descriptions score in the health check, lowest first."""
    councils = organisations_where(user)
    if not councils:
        return None
    scored = JobDescription.objects.filter(organisation_id__in=councils, health_score__isnull=False)
    summary = scored.aggregate(
        average=Avg("health_score"),
        checked=Count("pk"),
        low=Count("pk", filter=Q(health_score__lt=LOW_SCORE)),
    )
    lowest = list(scored.only("pk", "title", "health_score").order_by("health_score", "pk")[:3])
    checked, low = summary["checked"], summary["low"]
    average = round(summary["average"]) if summary["average"] is not None else None
    return Panel(
        section=Section.WORK,
        order=40,
        title="Health of your job descriptions",
        count=low,
        summary=f"of {checked} checked score below {LOW_SCORE}; the average is {average} out of 100"
        if checked
        else "job descriptions checked yet",
        action_text="See your council's scores",
        action_href=reverse("library_health:council_scores", kwargs={"pk": councils[0]}),
        entries=tuple(
            Entry(
                jd.title,
                reverse("library_health:jd_report", kwargs={"pk": jd.pk}),
                f"score {jd.health_score}: see the findings",
            )
            for jd in lowest
            if jd.health_score is not None and jd.health_score < LOW_SCORE
        ),
        empty="Every job description is checked when it is saved: add one to the library."
        if not checked
        else "",
    )


def to_curate(user: Any) -> Panel | None:
    """Job descriptions shared with every council in the last 30 days that are not exemplars:
    platform admins choose the good examples."""
    if not getattr(user, "is_platform_admin", False):
        return None
    shared = JobDescription.objects.filter(
        status=JDStatus.PUBLISHED,
        visibility=Visibility.MEMBERS,
        is_exemplar=False,
        published_at__gte=timezone.now() - CURATE_WITHIN,
    )
    count = shared.count()
    found = list(
        shared.select_related("organisation")
        .only("pk", "title", "health_score", "organisation__short_name")
        .order_by("-published_at", "-pk")[:SHOWN]
    )
    return Panel(
        section=Section.PLATFORM,
        order=20,
        title="Library items to curate",
        count=count,
        summary=noun(count, "job description") + " shared in the last 30 days, not exemplars",
        action_text="Search the library",
        action_href=reverse("jdlibrary:library") + "?published=30",
        entries=tuple(
            Entry(
                jd.title,
                reverse("jdlibrary:detail", kwargs={"pk": jd.pk}),
                jd.organisation.short_name
                + (f", score {jd.health_score}" if jd.health_score is not None else ""),
            )
            for jd in found
        ),
        more=max(0, count - len(found)),
        empty="Nothing new has been shared with every council in the last 30 days.",
    )


PANELS = (suggestions, health_scores, to_curate)
