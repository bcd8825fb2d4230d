"""Pages of this part for the permission walker and the query budgets (see __init__.py).

Alerts need no account: every page is public. The pages reached by a signed link are "ok" for
everyone holding a valid link, which url_kwargs makes for a fresh subscription.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.utils import timezone

from tests.pages.matrix import PUBLIC

EXPECTED: dict[str, dict[str, str]] = {
    "alerts:subscribe": PUBLIC,
    "alerts:confirm": PUBLIC,
    "alerts:manage": PUBLIC,
    "alerts:unsubscribe": PUBLIC,
    "alerts:feedback": PUBLIC,
}
# Measured plus one (the subscribe page: plus two, for naming the families and councils of a
# search it is given).
BUDGETS: dict[str, int] = {
    "alerts:subscribe": 6,
    "alerts:confirm": 8,
    "alerts:manage": 8,
    "alerts:unsubscribe": 8,
    "alerts:feedback": 11,
}

SEARCH = "q=data&family=data&council=greenwich&council=hackney&min_salary=40000"


def _subscription(*, verified: bool) -> Any:
    from civictalent.alerts.models import AlertSubscription

    now = timezone.now()
    return AlertSubscription.objects.create(
        email=f"walker-{secrets.token_hex(4)}@example.org",
        query_string=SEARCH,
        secret=secrets.token_urlsafe(32),
        verified_at=now if verified else None,
        last_sent_at=now if verified else None,
    )


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if not name.startswith("alerts:"):
        return None
    from civictalent.alerts import links
    from civictalent.alerts.models import AlertRun

    if name == "alerts:subscribe":
        return {}
    if name == "alerts:confirm":
        return {"token": links.make_token(_subscription(verified=False), links.CONFIRM)}
    if name == "alerts:manage":
        return {"token": links.make_token(_subscription(verified=True), links.MANAGE)}
    if name == "alerts:unsubscribe":
        return {"token": links.make_token(_subscription(verified=True), links.UNSUBSCRIBE)}
    if name == "alerts:feedback":
        subscription = _subscription(verified=True)
        run = AlertRun.objects.create(subscription=subscription, period="2026-W01")
        token = links.make_token(subscription, links.FEEDBACK, run_id=run.pk)
        return {"token": token, "answer": "yes"}
    return {}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Many alerts for one address and many runs: no page may read them one by one."""
    from civictalent.alerts.models import AlertRun, AlertSubscription

    now = timezone.now()
    subscriptions = AlertSubscription.objects.bulk_create(
        AlertSubscription(
            email="many@example.org",
            query_string=f"q=analyst{n}",
            secret=secrets.token_urlsafe(32),
            verified_at=now,
            last_sent_at=now,
        )
        for n in range(20)
    )
    AlertRun.objects.bulk_create(
        AlertRun(subscription=subscription, period=f"2026-W{week:02d}")
        for subscription in subscriptions
        for week in (1, 2)
    )
