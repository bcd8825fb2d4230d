"""The generator's alerts: the same every time, resumable, and a realistic mix of searches."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import replace

import pytest

from civictalent.alerts.models import AlertSubscription
from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.jobs.criteria import criteria_from_query_string

pytestmark = pytest.mark.django_db
SCALE = replace(SCALES["test"], planned={**SCALES["test"].planned, "alert_subscriptions": 400})
AS_OF = datetime.date(2026, 6, 30)


def snapshot() -> list[tuple[str, str, str, str]]:
    return list(
        AlertSubscription.objects.order_by("email").values_list(
            "email", "query_string", "frequency", "secret"
        )
    )


def test_generated_alerts_are_deterministic_resumable_and_varied(council_a: object) -> None:
    generate(scale=SCALE, seed=4, as_of=AS_OF, only={"framework", "alert-subscriptions"})
    whole = snapshot()
    AlertSubscription.objects.filter(email__gte=whole[150][0]).delete()

    [report] = generate(scale=SCALE, seed=4, as_of=AS_OF, only={"alert-subscriptions"})

    assert report.added == 250
    assert snapshot() == whole
    searches = Counter(query for _, query, _, _ in whole)
    assert len(searches) > 150  # varied
    assert searches.most_common(1)[0][1] >= 10  # and some searches are shared by many
    assert any(criteria_from_query_string(query).keywords for query in searches)
    frequencies = Counter(frequency for _, _, frequency, _ in whole)
    assert frequencies["weekly"] > frequencies["daily"] > 0
    for query in searches:  # every generated search survives a round trip unchanged
        assert criteria_from_query_string(query).to_query_string(include_sort=False) == query
