"""Weekly and daily digests: each confirmed alert gets one email per period listing the open
vacancies published since its last email that match its search.

Exactly once: a digest is an AlertRun row, unique per subscription and period, created in the
same transaction as its outbox email (whose idempotency key is the same pair). A second run in the
same period finds the rows and sends nothing; a run that crashes halfway loses only its open
batch, which the next run redoes.

Nothing new, no email: an alert with no matching new jobs gets no run row and keeps its
``last_sent_at``, so the jobs it has not been told about are still "new" next time (as long as
they are open).

Matching never tests every alert against every vacancy: see matching.py.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Min, OuterRef
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from civictalent.alerts import links
from civictalent.alerts.matching import Candidate, Candidates, Positions
from civictalent.alerts.models import AlertRun, AlertSubscription, Frequency
from civictalent.core.emails import email_queue, site_url
from civictalent.jobs.criteria import SearchCriteria, criteria_from_query_string
from civictalent.jobs.criteria_words import criteria_in_words
from civictalent.jobs.indexing import vacancy_facts
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.jobs.pay import range_text

LONDON = ZoneInfo("Europe/London")
CHUNK = 2_000  # subscriptions read at a time
BATCH = 500  # digests written per transaction
MAX_LISTED = 50  # vacancies listed in one email (and in its run); the rest: a link to the board
Progress = Callable[[int, int, str], None]


def period_key(frequency: str, now: datetime.datetime) -> str:
    """The period a run at ``now`` belongs to, in London time: "2026-W47" or "2026-11-22"."""
    local = now.astimezone(LONDON)
    if frequency == Frequency.WEEKLY:
        year, week, _ = local.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == Frequency.DAILY:
        return local.date().isoformat()
    raise ValueError(f"Unknown frequency {frequency!r}: use weekly or daily.")


@dataclass
class DigestReport:
    frequency: str
    period: str
    dry_run: bool
    due: int = 0  # confirmed alerts of this frequency without a digest for the period
    candidates: int = 0  # open vacancies published since the oldest alert's last email
    searches: int = 0  # distinct searches among the alerts
    emails: int = 0  # digests sent (queued), or that would be in a dry run
    matched_pairs: int = 0  # (alert, vacancy) pairs listed in those digests
    nothing_new: int = 0  # alerts with no matching new jobs: no email
    already_sent: int = 0  # found done by another run while this one worked
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        verb = "would send" if self.dry_run else "sent"
        return (
            f"{self.frequency.capitalize()} digests for {self.period}: {verb} {self.emails} "
            f"emails about {self.matched_pairs} matching jobs in all; {self.nothing_new} "
            f"alerts had no new jobs; {self.already_sent} were already sent. {self.due} alerts "
            f"were due, {self.searches} distinct searches, {self.candidates} new open vacancies; "
            f"{self.seconds:.1f} s."
        )


@dataclass(frozen=True)
class Listed:
    """One vacancy as digests show it, rendered once (text and HTML) for every email."""

    pk: int
    text: str
    html: SafeString


def listed(vacancy: Vacancy) -> Listed:
    context = {
        "vacancy": vacancy,
        "council": vacancy.organisation.short_name,
        "pay": range_text(vacancy.annual_min_pence, vacancy.annual_max_pence) or "Pay not given",
        "closes": closing_in_words(vacancy.closes_at),
        "url": site_url(reverse("jobs:vacancy", kwargs={"pk": vacancy.pk})),
    }
    return Listed(
        pk=vacancy.pk,
        text=render_to_string("alerts/emails/_vacancy.txt", context),
        html=mark_safe(render_to_string("alerts/emails/_vacancy.html", context)),  # noqa: S308 - escaped by its template
    )


@dataclass(frozen=True)
class Due:
    pk: int
    email: str
    query_string: str
    secret: str
    since: datetime.datetime


def closing_in_words(moment: datetime.datetime | None) -> str:
    if moment is None:
        return "No closing date given"
    local = moment.astimezone(LONDON)
    clock = local.strftime("%-I:%M%p").lower().replace(":00", "")
    if clock == "12am":
        clock = "midnight"
    elif clock == "12pm":
        clock = "midday"
    return f"{clock} on {local.day} {local:%B %Y}"


def _due_subscriptions(frequency: str, period: str) -> Any:
    return AlertSubscription.objects.filter(
        frequency=frequency, verified_at__isnull=False, unsubscribed_at__isnull=True
    ).exclude(Exists(AlertRun.objects.filter(subscription=OuterRef("pk"), period=period)))


def _chunks(queryset: Any) -> Iterator[list[Due]]:
    """The due subscriptions in pages of CHUNK, by id (keyset paging: safe while this run
    writes to the same tables, and memory stays bounded)."""
    after = 0
    while True:
        rows = list(
            queryset.filter(pk__gt=after)
            .order_by("pk")
            .values_list("pk", "email", "query_string", "secret", "last_sent_at", "verified_at")[
                :CHUNK
            ]
        )
        if not rows:
            return
        yield [
            Due(pk, email, qs, secret, sent or verified)
            for pk, email, qs, secret, sent, verified in rows
        ]
        after = rows[-1][0]


def load_candidates(
    *, since: datetime.datetime, now: datetime.datetime
) -> tuple[Candidates, dict[int, Listed]]:
    """Open vacancies published after ``since`` and not after ``now``, indexed for matching,
    with what an email shows of each."""
    vacancies = (
        Vacancy.objects.filter(
            status=VacancyStatus.PUBLISHED,
            published_at__gt=since,
            published_at__lte=now,
            closes_at__gt=now,
        )
        .select_related("organisation", "family", "role_level")
        .order_by("published_at", "pk")
    )
    found: list[Candidate] = []
    shown: dict[int, Listed] = {}
    for vacancy in vacancies.iterator(chunk_size=CHUNK):
        found.append(Candidate(vacancy.pk, vacancy_facts(vacancy)))
        shown[vacancy.pk] = listed(vacancy)
    return Candidates(found), shown


class Searches:
    """Each distinct search parsed, matched and described once, however many alerts share it."""

    def __init__(self, candidates: Candidates, now: datetime.datetime) -> None:
        self.candidates = candidates
        self.now = now
        self._found: dict[str, tuple[SearchCriteria, Positions]] = {}
        self._words: dict[str, list[str]] = {}
        self._names: tuple[dict[str, str], dict[str, str]] | None = None

    def _parsed(self, query_string: str) -> tuple[SearchCriteria, Positions]:
        found = self._found.get(query_string)
        if found is None:
            criteria = criteria_from_query_string(query_string)
            found = (criteria, self.candidates.matching(criteria, now=self.now))
            self._found[query_string] = found
        return found

    def matching(self, query_string: str) -> Positions:
        return self._parsed(query_string)[1]

    def words(self, query_string: str) -> list[str]:
        described = self._words.get(query_string)
        if described is None:
            if self._names is None:
                self._names = _all_names()
            families, councils = self._names
            described = criteria_in_words(
                self._parsed(query_string)[0], family_names=families, council_names=councils
            )
            self._words[query_string] = described
        return described

    def __len__(self) -> int:
        return len(self._found)


def _all_names() -> tuple[dict[str, str], dict[str, str]]:
    from civictalent.framework.models import JobFamily
    from civictalent.organisations.models import Organisation

    families: dict[str, str] = {}
    for slug, name in (
        JobFamily.objects.filter(is_current=True)
        .order_by("-framework__is_default", "framework_id")
        .values_list("slug", "name")
    ):
        families.setdefault(slug, name)
    councils = dict(Organisation.objects.values_list("slug", "short_name"))
    return families, councils


def digest_message(
    *,
    due: Due,
    period: str,
    run_id: int | None,
    vacancies: list[Listed],
    total: int,
    search: list[str],
) -> tuple[str, str, str, dict[str, str]]:
    """(subject, text, html, headers) of one digest. ``run_id`` signs the feedback links."""
    subscription = AlertSubscription(pk=due.pk, secret=due.secret)
    unsubscribe = links.unsubscribe_url(subscription)
    context = {
        "service_name": settings.SERVICE_NAME,
        "vacancies_text": "\n\n".join(vacancy.text.strip() for vacancy in vacancies),
        "vacancies_html": mark_safe("".join(vacancy.html for vacancy in vacancies)),  # noqa: S308 - each escaped
        "total": total,
        "more": total - len(vacancies),
        "search": search,
        "board_url": site_url(links.board_path(due.query_string)),
        "manage_url": links.manage_url(subscription),
        "unsubscribe_url": unsubscribe,
        "feedback_yes_url": links.feedback_url(subscription, run_id, "yes") if run_id else "",
        "feedback_no_url": links.feedback_url(subscription, run_id, "no") if run_id else "",
    }
    subject = "1 new job matches your alert" if total == 1 else f"{total} new jobs match your alert"
    context["subject"] = subject
    text = render_to_string("alerts/emails/digest_body.txt", context).strip() + "\n"
    html = render_to_string("alerts/emails/digest_body.html", context)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return subject, text, html, headers


@dataclass
class _Pending:
    due: Due
    total: int  # matching new vacancies
    vacancy_ids: list[int]  # the ones the email lists: the newest MAX_LISTED


def digests_send(
    *,
    frequency: str,
    now: datetime.datetime | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> DigestReport:
    """Send this period's digests for every confirmed alert of ``frequency`` still owed one.
    ``dry_run`` matches and counts, and writes nothing."""
    started = time.perf_counter()
    now = now or timezone.now()
    period = period_key(frequency, now)
    report = DigestReport(frequency=frequency, period=period, dry_run=dry_run)
    due = _due_subscriptions(frequency, period)
    report.due = due.count()
    if not report.due:
        report.seconds = round(time.perf_counter() - started, 3)
        return report
    oldest = due.aggregate(oldest=Min(Coalesce("last_sent_at", "verified_at")))["oldest"]
    candidates, shown = load_candidates(since=oldest, now=now)
    report.candidates = len(candidates)
    searches = Searches(candidates, now)
    done = 0
    if progress:
        progress(0, report.due, "")
    for chunk in _chunks(due):
        pending: list[_Pending] = []
        for item in chunk:
            positions = candidates.published_after(searches.matching(item.query_string), item.since)
            if not positions:
                report.nothing_new += 1
                continue
            newest = positions[: -MAX_LISTED - 1 : -1]  # newest first, at most MAX_LISTED
            pending.append(_Pending(item, len(positions), [candidates.ids[p] for p in newest]))
        if dry_run:
            report.emails += len(pending)
            report.matched_pairs += sum(p.total for p in pending)
        else:
            for start in range(0, len(pending), BATCH):
                batch = pending[start : start + BATCH]
                sent = _write_batch(batch, period, now, searches, shown)
                report.emails += len(sent)
                report.already_sent += len(batch) - len(sent)
                report.matched_pairs += sum(p.total for p in sent)
        done += len(chunk)
        if progress:
            progress(done, report.due, "")
    report.searches = len(searches)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _write_batch(
    batch: list[_Pending],
    period: str,
    now: datetime.datetime,
    searches: Searches,
    shown: dict[int, Listed],
) -> list[_Pending]:
    """Write one batch of digests in one transaction; returns those sent. If another run got
    to any of them first, redo the batch one digest at a time, skipping those."""
    try:
        with transaction.atomic():
            runs = AlertRun.objects.bulk_create(
                [
                    AlertRun(
                        subscription_id=p.due.pk,
                        period=period,
                        vacancy_ids=p.vacancy_ids,
                    )
                    for p in batch
                ]
            )
            if runs and runs[0].pk is None:  # a database that does not return ids
                by_sub = dict(
                    AlertRun.objects.filter(
                        subscription_id__in=[p.due.pk for p in batch], period=period
                    ).values_list("subscription_id", "pk")
                )
                for run in runs:
                    run.pk = by_sub[run.subscription_id]
            for pending, run in zip(batch, runs, strict=True):
                run.email = _queue(pending, run, period, searches, shown)
            AlertRun.objects.bulk_update(runs, ["email"])
            AlertSubscription.objects.filter(pk__in=[p.due.pk for p in batch]).update(
                last_sent_at=now
            )
        return batch
    except IntegrityError:
        pass
    sent: list[_Pending] = []
    for pending in batch:
        try:
            with transaction.atomic():
                run = AlertRun.objects.create(
                    subscription_id=pending.due.pk,
                    period=period,
                    vacancy_ids=pending.vacancy_ids,
                )
                run.email = _queue(pending, run, period, searches, shown)
                run.save(update_fields=["email"])
                AlertSubscription.objects.filter(pk=pending.due.pk).update(last_sent_at=now)
        except IntegrityError:
            continue
        sent.append(pending)
    return sent


def _queue(
    pending: _Pending,
    run: AlertRun,
    period: str,
    searches: Searches,
    shown: dict[int, Listed],
) -> Any:
    subject, text, html, headers = digest_message(
        due=pending.due,
        period=period,
        run_id=run.pk,
        vacancies=[shown[pk] for pk in pending.vacancy_ids],
        total=pending.total,
        search=searches.words(pending.due.query_string),
    )
    return email_queue(
        to=pending.due.email,
        subject=subject,
        body_text=text,
        body_html=html,
        headers=headers,
        idempotency_key=f"alert:{pending.due.pk}:{period}",
    )
