"""Is the platform healthy? Database reachable, and the worker taking tasks.

Each check is ``ok``, ``fail``, ``starting`` or (without a database) ``unknown``. ``starting``
covers the first minutes after a start: ``civictalent serve`` and the scheduler record when they
started (the ``started`` heartbeat), and until ``WORKER_HEARTBEAT_MAX_AGE_SECONDS`` have passed
since then, a worker or scheduler that has not beaten yet is due, not missing.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Model
from django.utils import timezone

from civictalent.core.models import Heartbeat

WORKER = "worker"
SCHEDULER = "scheduler"
STARTED = "started"


def heartbeat_record(*, name: str, at: datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": at or timezone.now()})


def started_record(*, at: datetime | None = None) -> None:
    """The platform, or its scheduler, has just started: its heartbeats are due, not late."""
    heartbeat_record(name=STARTED, at=at)


def _check_database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return {"status": "fail", "detail": f"database unreachable: {type(error).__name__}"}
    return {"status": "ok"}


def _queued_tasks() -> int | None:
    try:
        # A savepoint, so a failure here (say, the table is missing) leaves the
        # surrounding transaction usable on PostgreSQL.
        with transaction.atomic():
            from django_tasks_db.models import DBTaskResult

            model: type[Model] = DBTaskResult
            return model.objects.filter(status="READY").count()  # type: ignore[attr-defined]
    except DatabaseError:
        return None


def _check_heartbeat(
    name: str, beat: Heartbeat | None, now: datetime, started_at: datetime | None
) -> dict[str, Any]:
    max_age = timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS)
    result: dict[str, Any] = {}
    if beat is not None:
        age = (now - beat.beat_at).total_seconds()
        result = {"last_heartbeat": beat.beat_at.isoformat(), "age_seconds": int(age)}
        if beat.beat_at >= now - max_age:
            return result | {"status": "ok"}
    if started_at is not None and now - max_age <= started_at <= now:
        since = int((now - started_at).total_seconds())
        due = int(max_age.total_seconds()) - since
        return result | {
            "status": "starting",
            "detail": f"started {since} seconds ago; the first {name} heartbeat is due "
            f"within {due} seconds",
        }
    if beat is None:
        return {"status": "fail", "detail": f"no {name} heartbeat yet: is the {name} running?"}
    return result | {
        "status": "fail",
        "detail": f"no {name} heartbeat for {result['age_seconds']} seconds",
    }


def overall_status(checks: dict[str, Any]) -> str:
    """``ok`` when every check is; ``starting`` when none failed and some are still due."""
    statuses = {check["status"] for check in checks.values()}
    if statuses == {"ok"}:
        return "ok"
    if statuses <= {"ok", "starting"}:
        return "starting"
    return "fail"


def health_report(
    *, now: datetime | None = None, count_queue: bool = True
) -> tuple[bool, dict[str, Any]]:
    """Return (healthy, report): healthy when the database answers and the worker and the
    scheduler have both shown signs of life recently (the report's status is then ``ok``; else
    ``starting`` or ``fail``). ``count_queue`` adds the number of tasks waiting (one more query;
    only operators see it)."""
    now = now or timezone.now()
    database = _check_database()
    checks: dict[str, Any] = {"database": database}
    if database["status"] == "ok":
        try:
            with transaction.atomic():
                beats = {
                    beat.name: beat
                    for beat in Heartbeat.objects.filter(name__in=[WORKER, SCHEDULER, STARTED])
                }
                start = beats.get(STARTED)
                started_at = start.beat_at if start else None
                for name in (WORKER, SCHEDULER):
                    checks[name] = _check_heartbeat(name, beats.get(name), now, started_at)
                if count_queue:
                    checks[WORKER]["queued_tasks"] = _queued_tasks()
        except DatabaseError as error:
            unreadable = {"status": "fail", "detail": f"cannot read: {type(error).__name__}"}
            checks["worker"] = checks["scheduler"] = unreadable
    else:
        checks["worker"] = {"status": "unknown", "detail": "database unreachable"}
        checks["scheduler"] = {"status": "unknown", "detail": "database unreachable"}
    status = overall_status(checks)
    return status == "ok", {"status": status, "checks": checks}


def public_summary(report: dict[str, Any]) -> dict[str, Any]:
    """What anyone may know: the status of each check, without heartbeats, the queue's length
    or error text, which help an attacker time their attempts or learn the set-up."""
    return {
        "status": report["status"],
        "checks": {name: {"status": check["status"]} for name, check in report["checks"].items()},
    }


def may_see_detail(*, authorization: str, is_platform_admin: bool) -> bool:
    """Platform admins and monitors holding the configured token see the whole report."""
    if is_platform_admin:
        return True
    token = settings.HEALTH_DETAIL_TOKEN
    scheme, _, offered = authorization.partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(offered, token)
