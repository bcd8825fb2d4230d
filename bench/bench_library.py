"""JD library search at 50,000 JDs. Target: search pages under 100 ms server time (SQLite and
PostgreSQL). Baseline in the same run: the raw full-text query the page issues
(core.search.search_ids). Set BENCH_JDS to use fewer."""

from __future__ import annotations

import os
import random
import time

from common import database, setup_django, time_calls, write_result

JDS = int(os.environ.get("BENCH_JDS", "50000"))
TARGET_MS = 100.0
VERBS = [
    "lead",
    "build",
    "analyse",
    "design",
    "improve",
    "run",
    "support",
    "plan",
    "test",
    "explain",
]
THINGS = [
    "dashboards",
    "data pipelines",
    "user research",
    "service design",
    "cloud platforms",
    "accessibility audits",
    "performance reports",
    "housing data",
    "social care records",
    "digital services",
    "APIs",
    "content",
    "budgets",
    "procurement",
    "information governance",
]
PEOPLE = ["residents", "managers", "councillors", "partners", "colleagues", "suppliers"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} {rng.choice(THINGS)} with {rng.choice(PEOPLE)}."


def ensure_jds() -> float:
    from civictalent.core.models import SearchDocument
    from civictalent.framework.models import RoleLevel
    from civictalent.jdlibrary.models import JDSection, JobDescription
    from civictalent.organisations.models import Organisation

    existing = JobDescription.objects.filter(source_kind="bench").count()
    if existing >= JDS:
        return 0.0
    started = time.perf_counter()
    rng = random.Random(7)  # noqa: S311
    councils = list(
        Organisation.objects.filter(kind__in=["london_borough", "city_of_london"]).values_list(
            "pk", flat=True
        )
    )
    levels = list(RoleLevel.objects.filter(framework__is_default=True).values_list("pk", "name"))
    batch = 2000
    for start in range(existing, JDS, batch):
        count = min(batch, JDS - start)
        jds = []
        for _ in range(count):
            level_id, name = rng.choice(levels)
            low = rng.randint(30, 80) * 1000
            jds.append(
                JobDescription(
                    organisation_id=rng.choice(councils),
                    title=name,
                    role_level_id=level_id,
                    pay_text=f"£{low:,} - £{low + 5000:,} per annum",
                    annual_min_pence=low * 100,
                    annual_max_pence=(low + 5000) * 100,
                    contract=rng.choice(["permanent", "fixed term", ""]),
                    status="published",
                    visibility="members",
                    licence="ogl-3.0",
                    sharing_consent_at="2026-01-01T00:00:00Z",
                    published_at="2026-01-01T00:00:00Z",
                    source_kind="bench",
                    word_count=120,
                )
            )
        created = JobDescription.objects.bulk_create(jds)
        if created[0].pk is None:  # SQLite before 3.35 returns no ids
            created = list(
                JobDescription.objects.filter(source_kind="bench").order_by("-pk")[:count]
            )
        sections, documents = [], []
        for jd in created:
            texts = {
                kind: " ".join(sentence(rng) for _ in range(6))
                for kind in ("purpose", "responsibilities", "essential")
            }
            sections += [
                JDSection(
                    job_description_id=jd.pk,
                    position=n,
                    kind=kind,
                    heading=kind.capitalize(),
                    text=text,
                )
                for n, (kind, text) in enumerate(texts.items(), start=1)
            ]
            documents.append(
                SearchDocument(
                    kind="jd", object_id=jd.pk, body=jd.title + "\n" + "\n".join(texts.values())
                )
            )
        JDSection.objects.bulk_create(sections)
        SearchDocument.objects.bulk_create(documents)
        print(f"  {start + count:,} job descriptions", flush=True)
    return time.perf_counter() - started


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.accounts.models import User
    from civictalent.core.search import search_ids
    from civictalent.jdlibrary.models import JobDescription

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
    ]:
        assert client.get(url).status_code == 200, url
        timing = time_calls(lambda url=url: client.get(url), runs=30)
        baseline = (
            time_calls(lambda query=query: search_ids(kind="jd", query=query), runs=30)
            if query
            else None
        )
        pages.append(
            {
                "page": label,
                "url": url,
                **timing,
                "raw_search_median_ms": baseline["median_ms"] if baseline else None,
                "ratio_to_raw_search": round(timing["median_ms"] / baseline["median_ms"], 1)
                if baseline
                else None,
                "meets_target": timing["p95_ms"] < TARGET_MS,
            }
        )
        print(f"{label:40} median {timing['median_ms']:8.2f} ms  p95 {timing['p95_ms']:8.2f} ms")
    write_result(
        "library",
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
