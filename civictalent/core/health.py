"""Is the platform healthy? Database reachable, and the worker taking tasks."""

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


def heartbeat_record(*, name: str, at: datetime | None = None) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": at or timezone.now()})


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


def _check_heartbeat(name: str, now: datetime) -> dict[str, Any]:
    max_age = timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE_SECONDS)
    beat = Heartbeat.objects.filter(name=name).first()
    if beat is None:
        return {"status": "fail", "detail": f"no {name} heartbeat yet: is the {name} running?"}
    age = (now - beat.beat_at).total_seconds()
    result: dict[str, Any] = {"last_heartbeat": beat.beat_at.isoformat(), "age_seconds": int(age)}
    if beat.beat_at < now - max_age:
        result |= {"status": "fail", "detail": f"no {name} heartbeat for {int(age)} seconds"}
    else:
        result["status"] = "ok"
    return result


def health_report(
    *, now: datetime | None = None, count_queue: bool = True
) -> tuple[bool, dict[str, Any]]:
    """Return (healthy, report): healthy when the database answers and the worker and the
    scheduler have both shown signs of life recently. ``count_queue`` adds the number of tasks
    waiting (one more query; only operators see it)."""
    now = now or timezone.now()
    database = _check_database()
    checks: dict[str, Any] = {"database": database}
    if database["status"] == "ok":
        try:
            with transaction.atomic():
                checks["worker"] = _check_heartbeat(WORKER, now)
                if count_queue:
                    checks["worker"]["queued_tasks"] = _queued_tasks()
                checks["scheduler"] = _check_heartbeat(SCHEDULER, now)
        except DatabaseError as error:
            unreadable = {"status": "fail", "detail": f"cannot read: {type(error).__name__}"}
            checks["worker"] = checks["scheduler"] = unreadable
    else:
        checks["worker"] = {"status": "unknown", "detail": "database unreachable"}
        checks["scheduler"] = {"status": "unknown", "detail": "database unreachable"}
    healthy = all(check["status"] == "ok" for check in checks.values())
    return healthy, {"status": "ok" if healthy else "fail", "checks": checks}


def public_summary(report: dict[str, Any]) -> dict[str, Any]:
    """What anyone may know: ok or fail for each check, without heartbeats, the queue's length
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
