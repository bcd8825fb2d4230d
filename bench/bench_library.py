"""JD library search at 50,000 JDs. Target: search pages under 100 ms server time (SQLite and
PostgreSQL). Baseline in the same run: the raw full-text query the page issues
(core.search.search_ids). Set BENCH_JDS to use fewer."""

from __future__ import annotations

import datetime
import os
import time
from dataclasses import replace

from common import database, setup_django, time_calls, write_result

JDS = int(os.environ.get("BENCH_JDS", "50000"))
TARGET_MS = 100.0
BENCH_AS_OF = datetime.date(2026, 11, 1)  # fixed, so the benchmark's data never drifts


def ensure_jds() -> float:
    """JDS generated job descriptions, made by the data generator (``civictalent generate``)
    with seed 7; returns the seconds spent inserting."""
    from civictalent.core.generation.runner import generate
    from civictalent.core.generation.scales import SCALES
    from civictalent.core.models import SearchDocument
    from civictalent.core.progress import ProgressBar
    from civictalent.jdlibrary.models import JDSection, JobDescription

    started = time.perf_counter()
    legacy = JobDescription.objects.filter(source_kind="bench")
    if legacy.exists():  # made by this script before the generator existed: replace them
        print("  removing the old benchmark JDs; the generator makes new ones", flush=True)
        SearchDocument.objects.filter(kind="jd", object_id__in=legacy.values("pk")).delete()
        JDSection.objects.filter(job_description__in=legacy).delete()
        legacy.delete()
    reports = generate(
        scale=replace(SCALES["london"], job_descriptions=JDS),
        seed=7,
        as_of=BENCH_AS_OF,
        only={"framework", "councils", "users", "job-descriptions"},
        progress_for=lambda name: ProgressBar(f"  {name}"),
    )
    if not any(report.added for report in reports):
        return 0.0
    return time.perf_counter() - started


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.accounts.models import User
    from civictalent.core.search import search_ids
    from civictalent.framework.models import RoleLevel
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.jdlibrary.selectors import library_changed

    inserted = ensure_jds()
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what the daily housekeeping's PRAGMA optimize keeps up
    user, _ = User.objects.get_or_create(
        email="bench@civictalent.example", defaults={"display_name": "Bench"}
    )
    client = Client()
    client.force_login(user)
    family = RoleLevel.objects.filter(framework__is_default=True).values_list(
        "role__family_id", flat=True
    )[0]
    pages = []
    for label, url, query in [
        ("search: one word", "/library/?q=dashboards", "dashboards"),
        (
            "search: two words, filtered, sorted",
            "/library/?q=housing+residents&contract=permanent&salary=50k-65k&sort=title",
            "housing residents",
        ),
        ("browse: first page, no search", "/library/", ""),
        ("browse: page 40", "/library/?page=40", ""),
        ("browse: one job family, title order", f"/library/?family={family}&sort=title", ""),
    ]:
        assert client.get(url).status_code == 200, url
        # Cold: a new cache generation before every request, as after any change to a JD, so
        # the facet counts are computed each time. Warm: the counts come from the cache.
        cold = time_calls(
            lambda url=url: client.get(url), runs=30, warmup=0, before_each=library_changed
        )
        warm = time_calls(lambda url=url: client.get(url), runs=30)
        baseline = (
            time_calls(lambda query=query: search_ids(kind="jd", query=query), runs=30)
            if query
            else None
        )
        pages.append(
            {
                "page": label,
                "url": url,
                **cold,
                "warm_median_ms": warm["median_ms"],
                "warm_p95_ms": warm["p95_ms"],
                "raw_search_median_ms": baseline["median_ms"] if baseline else None,
                "ratio_to_raw_search": round(cold["median_ms"] / baseline["median_ms"], 1)
                if baseline
                else None,
                "meets_target": cold["p95_ms"] < TARGET_MS,
            }
        )
        timing = cold
        print(f"{label:40} median {timing['median_ms']:8.2f} ms  p95 {timing['p95_ms']:8.2f} ms")
    write_result(
        "library" if connection.vendor == "sqlite" else f"library_{connection.vendor}",
        {
            "what": f"JD library search and browse with {JobDescription.objects.count():,} job descriptions",
            "database": database(),
            "insert_seconds": round(inserted, 1),
            "target_ms": TARGET_MS,
            "pages": pages,
        },
    )


if __name__ == "__main__":
    main()
