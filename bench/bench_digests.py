"""Weekly digests at London scale: 100,000 confirmed weekly alerts (realistic searches, many
shared, some with keywords) against 2,000 vacancies published this week.

Measured, each in a fresh process so its peak memory is its own:

- build: matching every alert to its new jobs, as a dry run does (read the alerts, load and index
  the vacancies, match), target under 60 s and 1 GB;
- full run: the same, plus one AlertRun and one outbox email per digest, rendered, in batches;
- SMTP: a sample of the queued emails sent by the outbox (one connection per email, as the worker
  sends) to an aiosmtpd server on loopback.

Baselines: the naive way (SearchCriteria.matches for every alert and vacancy), timed on a sample
of alerts and extrapolated; and counting the matching (alert, vacancy) pairs with the builder's
own indexes but without the reading, grouping and bookkeeping around them.

Runs on its own SQLite file (var/bench/digests.sqlite3), migrated on first use, so it neither
needs nor disturbs the London data; BENCH_DIGESTS_DATABASE_URL points it elsewhere.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import resource
import subprocess
import sys
import time
from typing import Any

from common import ROOT, write_result

SUBSCRIPTIONS = int(os.environ.get("BENCH_DIGESTS_SUBSCRIPTIONS", "100000"))
VACANCIES = int(os.environ.get("BENCH_DIGESTS_VACANCIES", "2000"))
SMTP_SAMPLE = int(os.environ.get("BENCH_DIGESTS_SMTP_SAMPLE", "2000"))
NAIVE_SAMPLE = 1_000
TARGET_SECONDS = 60
TARGET_MB = 1024
SEED = 1
# The run happens "next Monday morning", after every row here: nothing else in the database
# (if it is shared) is due or new at that moment.
NOW = datetime.datetime(2030, 1, 7, 7, 0, tzinfo=datetime.UTC)
LAST_SENT = NOW - datetime.timedelta(days=7)
EMAIL_PREFIX = "bench.digest."


def database_url() -> str:
    return os.environ.get("BENCH_DIGESTS_DATABASE_URL") or (
        f"sqlite:///{ROOT / 'var' / 'bench' / 'digests.sqlite3'}"
    )


def setup() -> None:
    os.environ["DATABASE_URL"] = database_url()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def peak_mb() -> float:
    """This process's peak resident memory (ru_maxrss is in KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


# -- data --------------------------------------------------------------------------------------


def prepare() -> dict[str, Any]:
    from django.core.management import call_command

    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("createcachetable", verbosity=0)
    wipe()
    started = time.perf_counter()
    make_vacancies()
    make_subscriptions()
    return {"seconds": round(time.perf_counter() - started, 1)}


def wipe() -> None:
    from civictalent.alerts.models import AlertSubscription
    from civictalent.core.models import OutboundEmail
    from civictalent.jobs.models import Vacancy

    AlertSubscription.objects.filter(email__startswith=EMAIL_PREFIX).delete()  # and their runs
    OutboundEmail.objects.filter(to__startswith=EMAIL_PREFIX).delete()
    Vacancy.objects.filter(external_reference__startswith="bench-digest-").delete()


def make_vacancies() -> None:
    from civictalent.core.generation import words
    from civictalent.core.vocabularies import WorkingPattern, Workplace
    from civictalent.framework.models import RoleLevel
    from civictalent.jobs.criteria import seniority_of_rank
    from civictalent.jobs.models import Vacancy, VacancyStatus
    from civictalent.organisations.models import Organisation

    rng = random.Random(f"{SEED}:vacancies")  # noqa: S311
    councils = list(Organisation.objects.filter(kind__in=("london_borough", "city_of_london")))
    levels = list(
        RoleLevel.objects.filter(framework__is_default=True, is_current=True).select_related(
            "role__family"
        )
    )
    contracts = ["permanent", "permanent", "permanent", "fixed term", "secondment", "interim"]
    rows = []
    for index in range(VACANCIES):
        council = rng.choice(councils)
        level = rng.choice(levels)
        pay = words.pay(rng, rank=level.rank, london=True)
        sections = words.jd_sections(
            rng, title=level.name, family=level.role.family.name, council=council.short_name
        )
        rows.append(
            Vacancy(
                organisation=council,
                title=level.name,
                role_level=level,
                family=level.role.family,
                seniority=seniority_of_rank(level.rank),
                summary=words.sentence(rng),
                description_text="\n".join(text for _, _, text in sections),
                pay_text=pay.text,
                annual_min_pence=pay.annual_min_pence,
                annual_max_pence=pay.annual_max_pence if rng.random() < 0.9 else None,
                contract=rng.choice(contracts),
                working_pattern=rng.choice(WorkingPattern.values),
                workplace=rng.choice(Workplace.values),
                location=council.short_name,
                status=VacancyStatus.PUBLISHED,
                published_at=LAST_SENT
                + datetime.timedelta(minutes=rng.randint(1, 7 * 24 * 60 - 1)),
                closes_at=NOW + datetime.timedelta(days=rng.randint(1, 30)),
                external_reference=f"bench-digest-{index}",
            )
        )
    Vacancy.objects.bulk_create(rows, batch_size=500)


def make_subscriptions() -> None:
    from civictalent.alerts.generation import alert_criteria, family_slugs
    from civictalent.alerts.models import AlertSubscription
    from civictalent.organisations.models import Organisation

    rng = random.Random(f"{SEED}:subscriptions")  # noqa: S311
    families = family_slugs()
    councils = list(
        Organisation.objects.filter(kind__in=("london_borough", "city_of_london"))
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    batch: list[AlertSubscription] = []
    for index in range(SUBSCRIPTIONS):
        criteria = alert_criteria(rng, families=families, councils=councils)
        batch.append(
            AlertSubscription(
                email=f"{EMAIL_PREFIX}{index:06d}@example.org",
                query_string=criteria.to_query_string(include_sort=False),
                frequency="weekly",
                secret=f"bench-{index}-{rng.getrandbits(128):032x}",
                verified_at=LAST_SENT - datetime.timedelta(days=30),
                last_sent_at=LAST_SENT,
            )
        )
        if len(batch) == 5_000:
            AlertSubscription.objects.bulk_create(batch)
            batch = []
    AlertSubscription.objects.bulk_create(batch)


# -- phases, each run in its own process -------------------------------------------------------


def phase_build() -> dict[str, Any]:
    from civictalent.alerts.digests import digests_send

    started = time.perf_counter()
    report = digests_send(frequency="weekly", now=NOW, dry_run=True)
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "peak_mb": peak_mb(), "report": report.as_dict()}


def phase_baselines() -> dict[str, Any]:
    """Counting pairs with the builder's indexes, and the naive way on a sample."""
    from civictalent.alerts.digests import load_candidates
    from civictalent.alerts.models import AlertSubscription
    from civictalent.jobs.criteria import criteria_from_query_string
    from civictalent.jobs.indexing import vacancy_facts
    from civictalent.jobs.models import Vacancy

    candidates, _ = load_candidates(since=LAST_SENT, now=NOW)
    searches = [
        criteria_from_query_string(qs)
        for qs in AlertSubscription.objects.filter(email__startswith=EMAIL_PREFIX)
        .order_by("pk")
        .values_list("query_string", flat=True)
        .iterator(chunk_size=5_000)
    ]
    started = time.perf_counter()
    pairs = sum(len(candidates.matching(criteria, now=NOW)) for criteria in searches)
    indexed = time.perf_counter() - started

    facts = [
        vacancy_facts(v)
        for v in Vacancy.objects.filter(external_reference__startswith="bench-digest-")
        .select_related("organisation", "family", "role_level")
        .iterator(chunk_size=2_000)
    ]
    sample = searches[:: max(len(searches) // NAIVE_SAMPLE, 1)][:NAIVE_SAMPLE]
    started = time.perf_counter()
    naive_pairs = sum(1 for criteria in sample for f in facts if criteria.matches(f, now=NOW))
    naive = time.perf_counter() - started
    return {
        "indexed_pair_count": {
            "what": "matching every alert's search with the prebuilt indexes, no grouping of "
            "shared searches, no reading or bookkeeping",
            "seconds": round(indexed, 2),
            "pairs": pairs,
        },
        "naive": {
            "what": f"SearchCriteria.matches for {len(sample):,} alerts x {len(facts):,} "
            f"vacancies, extrapolated to {len(searches):,} alerts",
            "sample_alerts": len(sample),
            "sample_seconds": round(naive, 2),
            "sample_pairs": naive_pairs,
            "extrapolated_seconds": round(naive * len(searches) / max(len(sample), 1), 1),
        },
    }


def phase_send() -> dict[str, Any]:
    from django_tasks import default_task_backend

    from civictalent.alerts.digests import digests_send

    def forget_enqueued(done: int, total: int, stage: str) -> None:
        # The benchmark's task backend keeps every enqueued send in a list; a real one writes a
        # row. Emptying it keeps the figure about the digests, not about a test double.
        results = getattr(default_task_backend, "results", None)
        if results is not None:
            results.clear()

    started = time.perf_counter()
    report = digests_send(frequency="weekly", now=NOW, progress=forget_enqueued)
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 1),
        "emails_per_second": round(report.emails / seconds, 1) if seconds else None,
        "peak_mb": peak_mb(),
        "report": report.as_dict(),
    }


def phase_smtp() -> dict[str, Any]:
    import socket

    from aiosmtpd.controller import Controller
    from django.test import override_settings

    from civictalent.core.emails import email_send
    from civictalent.core.models import OutboundEmail

    class Counter:
        received = 0
        with_headers = 0

        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            Counter.received += 1
            content = envelope.content
            if b"List-Unsubscribe-Post: List-Unsubscribe=One-Click" in content:
                Counter.with_headers += 1
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    ids = list(
        OutboundEmail.objects.filter(to__startswith=EMAIL_PREFIX, status=OutboundEmail.Status.READY)
        .order_by("pk")
        .values_list("pk", flat=True)[:SMTP_SAMPLE]
    )
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_TIMEOUT=10,
        ):
            started = time.perf_counter()
            statuses = [email_send(email_id=pk) for pk in ids]
            seconds = time.perf_counter() - started
    finally:
        controller.stop()
    return {
        "emails": len(ids),
        "sent": statuses.count(OutboundEmail.Status.SENT),
        "received": Counter.received,
        "received_with_one_click_headers": Counter.with_headers,
        "seconds": round(seconds, 2),
        "emails_per_second": round(len(ids) / seconds, 1) if seconds else None,
    }


PHASES = {
    "build": phase_build,
    "baselines": phase_baselines,
    "send": phase_send,
    "smtp": phase_smtp,
}


def run_phase(name: str) -> dict[str, Any]:
    """Run one phase in a fresh Python process; its JSON answer is the last line it prints."""
    output = subprocess.run(
        [sys.executable, __file__, "--phase", name],
        cwd=ROOT / "bench",
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    if "--phase" in sys.argv:
        setup()
        print(json.dumps(PHASES[sys.argv[sys.argv.index("--phase") + 1]](), default=str))
        return
    setup()
    from common import database

    print(f"making {VACANCIES:,} vacancies and {SUBSCRIPTIONS:,} alerts")
    prepared = prepare()
    print("timing the build (dry run)")
    build = run_phase("build")
    print(f"build: {build['seconds']} s, peak {build['peak_mb']} MB")
    baselines = run_phase("baselines")
    print("timing the full run")
    send = run_phase("send")
    print(f"full run: {send['seconds']} s, peak {send['peak_mb']} MB")
    smtp = run_phase("smtp")
    print(f"smtp: {smtp['emails_per_second']} emails a second")
    built = build["report"]
    naive = baselines["naive"]["extrapolated_seconds"]
    result = {
        "what": f"Weekly digests for {SUBSCRIPTIONS:,} confirmed alerts against {VACANCIES:,} "
        "vacancies published that week: building them (the matching a dry run does), the full "
        "run writing runs and outbox emails, and sending a sample over SMTP on loopback",
        "database": database(),
        "subscriptions": SUBSCRIPTIONS,
        "vacancies": VACANCIES,
        "data_seconds": prepared["seconds"],
        "build": {
            "seconds": build["seconds"],
            "peak_mb": build["peak_mb"],
            "emails": built["emails"],
            "matched_pairs": built["matched_pairs"],
            "distinct_searches": built["searches"],
            "nothing_new": built["nothing_new"],
        },
        "targets": {"build_seconds": TARGET_SECONDS, "peak_mb": TARGET_MB},
        "meets_target": build["seconds"] < TARGET_SECONDS and build["peak_mb"] < TARGET_MB,
        "baseline": {
            "name": "counting the matching (alert, vacancy) pairs with the same indexes",
            **baselines["indexed_pair_count"],
        },
        "ratio_to_baseline": round(
            build["seconds"] / max(baselines["indexed_pair_count"]["seconds"], 0.001), 1
        ),
        "naive": baselines["naive"],
        "speedup_over_naive": round(naive / build["seconds"], 1) if build["seconds"] else None,
        "full_run": {
            "seconds": send["seconds"],
            "emails": send["report"]["emails"],
            "emails_per_second": send["emails_per_second"],
            "peak_mb": send["peak_mb"],
        },
        "smtp": smtp,
    }
    write_result("digests", result)
    print(
        f"digests: build {build['seconds']} s ({built['emails']:,} emails, "
        f"{built['matched_pairs']:,} pairs), peak {build['peak_mb']} MB; naive would take "
        f"~{naive} s"
    )


if __name__ == "__main__":
    main()
