"""Salaries at scale. Targets: a benchmark page under 150 ms server time with 1,000,000
observations (precomputed cells), and the pay parser at 20,000 strings a second or more.

Baselines in the same run: the minimal Django view for the page; a plain regular-expression
pass over the same strings for the parser. Set BENCH_OBSERVATIONS to use fewer rows.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
import statistics
import time

from common import ROOT, database, setup_django, time_calls, write_result

OBSERVATIONS = int(os.environ.get("BENCH_OBSERVATIONS", "1000000"))
PAGE_TARGET_MS = 150.0
PARSER_TARGET = 20_000
AMOUNT = re.compile(r"£?\d[\d,]*(?:\.\d+)?k?")


def ensure_observations() -> float:
    """Bulk-insert deterministic observations until there are OBSERVATIONS; returns seconds."""
    from django.utils import timezone

    from civictalent.framework.models import RoleLevel
    from civictalent.organisations.models import Organisation
    from civictalent.salaries.models import SalaryObservation
    from civictalent.salaries.services import zone_of

    existing = SalaryObservation.objects.count()
    if existing >= OBSERVATIONS:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(42)  # noqa: S311
    levels = list(RoleLevel.objects.filter(framework__is_default=True).values_list("pk", "rank"))
    councils = [
        (c.pk, zone_of(c))
        for c in Organisation.objects.filter(kind__in=["london_borough", "city_of_london"])
    ]
    today = timezone.localdate()
    batch = []
    for number in range(existing, OBSERVATIONS):
        level_id, rank = rng.choice(levels)
        council_id, zone = rng.choice(councils)
        low = int((28000 + rank * 7000) * rng.uniform(0.85, 1.15)) * 100
        batch.append(
            SalaryObservation(
                role_level_id=level_id,
                organisation_id=council_id,
                zone=zone,
                annual_min_pence=low,
                annual_max_pence=low + rng.randint(2000, 8000) * 100,
                observed_on=today - datetime.timedelta(days=rng.randint(0, 3650)),
                source="import",
                source_ref=f"bench-{number}",
            )
        )
        if len(batch) == 20_000:
            SalaryObservation.objects.bulk_create(batch)
            batch.clear()
            print(f"  {number + 1:,} observations", flush=True)
    SalaryObservation.objects.bulk_create(batch)
    return time.perf_counter() - started


def refresh_all() -> float:
    from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all

    started = time.perf_counter()
    benchmarks_request_all()
    while benchmarks_refresh_due(limit=50):
        pass
    return time.perf_counter() - started


def parser_throughput() -> dict[str, float]:
    from civictalent.salaries.parsing import parse_salary

    path = ROOT / "civictalent" / "salaries" / "tests" / "data" / "pay_strings.jsonl"
    texts = [
        json.loads(line)["text"]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    strings = (texts * (50_000 // len(texts) + 1))[:50_000]
    for text in strings[:2000]:
        parse_salary(text)

    def rate(function: object) -> float:
        rates = []
        for _ in range(3):
            started = time.perf_counter()
            for text in strings:
                function(text)  # type: ignore[operator]
            rates.append(len(strings) / (time.perf_counter() - started))
        return statistics.median(rates)

    return {"parser": rate(parse_salary), "baseline": rate(lambda text: AMOUNT.findall(text))}


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.accounts.models import User
    from civictalent.organisations.models import Membership, Organisation
    from civictalent.salaries.models import BenchmarkCell, SalaryObservation

    inserted = ensure_observations()
    rebuild = refresh_all() if inserted or not BenchmarkCell.objects.exists() else None
    user, _ = User.objects.get_or_create(
        email="bench@civictalent.example", defaults={"display_name": "Bench"}
    )
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(slug="hackney")
    )
    client = Client()
    client.force_login(user)
    baseline = time_calls(lambda: client.get("/bench/minimal/"), runs=100)
    pages = []
    for label, url in [
        ("benchmark: role level", "/salaries/benchmarks/level/senior-data-analyst/"),
        ("benchmark: role", "/salaries/benchmarks/role/data-analyst/"),
        ("benchmark: family", "/salaries/benchmarks/family/data/"),
        ("salaries overview", "/salaries/"),
        ("your council against London", "/salaries/your-council/"),
    ]:
        assert client.get(url).status_code == 200, url
        timing = time_calls(lambda url=url: client.get(url), runs=40)
        pages.append(
            {
                "page": label,
                "url": url,
                **timing,
                "ratio_to_minimal_view": round(timing["median_ms"] / baseline["median_ms"], 1),
                "meets_target": timing["p95_ms"] < PAGE_TARGET_MS,
            }
        )
        print(f"{label:24} median {timing['median_ms']:8.2f} ms  p95 {timing['p95_ms']:8.2f} ms")
    rates = parser_throughput()
    print(f"parser: {rates['parser']:,.0f} strings/s (regex baseline {rates['baseline']:,.0f}/s)")
    write_result(
        "salaries",
        {
            "what": f"Salary benchmark pages with {SalaryObservation.objects.count():,} observations; pay parser throughput",
            "database": database(),
            "observations": SalaryObservation.objects.count(),
            "insert_seconds": round(inserted, 1),
            "full_rebuild_seconds": None if rebuild is None else round(rebuild, 1),
            "baseline": {"name": "minimal Django view, same stack", **baseline},
            "pages": pages,
            "page_target_ms": PAGE_TARGET_MS,
            "parser": {
                "strings_per_second": round(rates["parser"]),
                "baseline_strings_per_second": round(rates["baseline"]),
                "baseline": "re.findall of amounts over the same strings",
                "target": PARSER_TARGET,
                "meets_target": rates["parser"] >= PARSER_TARGET,
            },
        },
    )


if __name__ == "__main__":
    main()
