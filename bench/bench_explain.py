"""EXPLAIN ANALYZE on PostgreSQL for the main filters and sorts, at london scale: flags every
sequential scan of a big table (more than BIG_TABLE_ROWS rows), which means a missing index.

PostgreSQL only (SQLite's planner is a different animal): with DATABASE_URL not PostgreSQL it
says so and writes nothing, keeping the last PostgreSQL result. Baseline in the same run: the
time of the same statements without EXPLAIN ANALYZE's instrumentation is not taken; each plan's
own execution time is reported, next to the total rows in the tables it reads.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Iterator
from typing import Any

from common import database, ensure_london, setup_django, write_result

BIG_TABLE_ROWS = 10_000


def nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def statements() -> list[tuple[str, Any]]:
    """(label, queryset) for what the busiest pages and the worker ask of the database."""
    from django.db.models import Count
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from civictalent.accounts.models import User
    from civictalent.framework.models import JobFamily, RoleLevel
    from civictalent.jdlibrary import selectors
    from civictalent.jdlibrary.models import JDSection, JDVersion, JobDescription
    from civictalent.organisations.models import Membership, Organisation
    from civictalent.salaries.models import BenchmarkCell, SalaryObservation

    hackney = Organisation.objects.get(slug="hackney")
    user, _ = User.objects.get_or_create(
        email="explain@civictalent.example", defaults={"display_name": "Explain"}
    )
    Membership.objects.get_or_create(user=user, organisation=hackney)

    def library(filters: Any) -> Any:
        results, matches = selectors._filtered(user, filters)  # as the page does
        return selectors._ordered(results, filters, matches)[:20]

    family = JobFamily.objects.order_by("pk").first()
    level = RoleLevel.objects.filter(salary_observations__isnull=False).first()
    jd = JobDescription.objects.filter(status="published").order_by("pk").first()
    since = timezone.localdate() - datetime.timedelta(days=365)
    visible = selectors.visible_job_descriptions(user).order_by()
    return [
        ("library: browse, newest first", library(selectors.LibraryFilters())),
        ("library: browse, title A to Z", library(selectors.LibraryFilters(sort="title"))),
        ("library: one council", library(selectors.LibraryFilters(council=hackney.pk))),
        ("library: one job family", library(selectors.LibraryFilters(family=family.pk if family else None))),
        ("library: permanent, £50k to £65k", library(selectors.LibraryFilters(contract="permanent", salary_band="50k-65k"))),
        ("library: published in the last 12 months", library(selectors.LibraryFilters(published_within_days=365))),
        ("library: search 'housing', permanent", library(selectors.LibraryFilters(query="housing", contract="permanent"))),
        ("library: facet count by council", visible.values_list("organisation_id").annotate(n=Count("pk"))),
        ("JD detail: sections", JDSection.objects.filter(job_description=jd)),
        ("JD detail: versions", JDVersion.objects.filter(job_description=jd)),
        ("salaries: one role level's observations", SalaryObservation.objects.filter(role_level=level, included=True).values_list("annual_min_pence", "observed_on")),
        ("salaries: a council's last 12 months", SalaryObservation.objects.filter(organisation=hackney, included=True, role_level__isnull=False, observed_on__gte=since).values_list("role_level_id", "annual_min_pence")),
        ("salaries: benchmark cells of a subject", BenchmarkCell.objects.filter(subject=f"role_level:{level.pk if level else 0}")),
        ("organisations: a council's members", Membership.objects.filter(organisation=hackney).select_related("user")),
        ("tasks: the next task a worker claims", DBTaskResult.objects.ready().filter(backend_name="default")[:1]),
        ("tasks: running tasks (stalled-task recovery)", DBTaskResult.objects.filter(status="RUNNING")),
    ]  # fmt: skip


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print(
            "bench_explain: skipped. EXPLAIN checks need PostgreSQL: run make bench with "
            "DATABASE_URL=postgres://user:password@host:5432/name (the last result is kept)."
        )
        return
    ensure_london(url)
    setup_django()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(
            "SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r' "
            "AND relnamespace = 'public'::regnamespace"
        )
        rows_in = dict(cursor.fetchall())
    checked = []
    for label, queryset in statements():
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            explained = cursor.fetchone()[0]
        document = explained[0] if isinstance(explained, list) else explained
        plan = document["Plan"]
        scans = [
            {"table": node["Relation Name"], "rows_in_table": rows_in.get(node["Relation Name"], 0)}
            for node in nodes(plan)
            if node["Node Type"] == "Seq Scan"
        ]
        big = [scan for scan in scans if scan["rows_in_table"] > BIG_TABLE_ROWS]
        indexes = sorted({node["Index Name"] for node in nodes(plan) if "Index Name" in node})
        checked.append(
            {
                "statement": label,
                "execution_ms": round(document["Execution Time"], 2),
                "indexes": indexes,
                "sequential_scans": scans,
                "flag": bool(big),
            }
        )
        mark = "SEQ SCAN " + ", ".join(s["table"] for s in big) if big else "ok"
        print(f"{label:48} {document['Execution Time']:8.2f} ms  {mark}")
    write_result(
        "explain",
        {
            "what": "EXPLAIN ANALYZE of the main filters and sorts at london scale; a sequential "
            f"scan of a table over {BIG_TABLE_ROWS:,} rows is flagged",
            "database": database(),
            "statements": checked,
            "flagged": sum(1 for row in checked if row["flag"]),
        },
    )


if __name__ == "__main__":
    sys.exit(main())
