"""Load test: gunicorn serving the london-scale data, 50 concurrent clients from locust, over
loopback only and bounded in time. Baseline in the same run: the minimal Django view on the same
server under the same load.

Phases, each BENCH_LOAD_SECONDS long (default 60):
  paced     each client waits 0.1 to 0.5 s between requests (a person browsing quickly): the
            latency targets (p95 under 100 ms, no errors) are read here, for the mixed browse
            load and for the minimal view;
  saturated no waiting at all: the most requests a second the server gives.

The data comes from ``civictalent generate --scale london --seed 1`` (resumed if it is there) in
var/bench/london.sqlite3, or the database in DATABASE_URL (PostgreSQL). The resident memory of
every gunicorn process and of a task worker busy rebuilding the salary benchmarks is sampled.
"""

from __future__ import annotations

import csv
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from common import ROOT, database, ensure_london, setup_django, write_result

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "50"))
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "4"))  # in all, shared by the instances
# Two gunicorn instances and two task workers on one database is the scale-out deployment
# (docs/operations.md); clients alternate between the instances as a load balancer would.
INSTANCES = int(os.environ.get("BENCH_WEB_INSTANCES", "1"))
DATABASE_URL = os.environ.get("DATABASE_URL") or (
    f"sqlite:///{ROOT / 'var' / 'bench' / 'london.sqlite3'}"
)
SETTINGS = "bench.load_settings"
TARGET_P95_MS = 100.0
TARGET_RPS = 150.0
TARGET_RSS_MB = 300.0
PACED = (0.1, 0.5)
# Pages anyone may see, requested by the anonymous phases (vacancy pages are never cached).
PUBLIC_PAGES = (
    "home",
    "jobs board search with filters",
    "vacancy",
    "framework overview",
    "framework detail",
    "organisations",
)
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": SETTINGS,
    "DATABASE_URL": DATABASE_URL,
    "PYTHONPATH": str(ROOT),
}


def plan_pages() -> tuple[list[dict[str, Any]], list[str]]:
    """The mixed browse load: every page kind with the URLs to pick from, and 50 sessions."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    from civictalent.accounts.models import User
    from civictalent.framework.models import JobFamily, Role, RoleLevel, Skill
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.organisations.models import Membership, Organisation
    from civictalent.salaries.models import BenchmarkCell

    user, _ = User.objects.get_or_create(
        email="load@civictalent.example", defaults={"display_name": "Load test"}
    )
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(slug="hackney")
    )
    sessions = []
    for _ in range(CLIENTS):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)

    rng = random.Random(1)  # noqa: S311
    shared = list(
        JobDescription.objects.filter(status="published", visibility="members").values_list(
            "pk", flat=True
        )[:5000]
    )
    levels = list(
        RoleLevel.objects.filter(framework__is_default=True).values_list("slug", flat=True)
    )
    benchmarked = set(BenchmarkCell.objects.values_list("subject", flat=True))
    level_slugs = [
        slug
        for pk, slug in RoleLevel.objects.filter(framework__is_default=True).values_list(
            "pk", "slug"
        )
        if f"role_level:{pk}" in benchmarked
    ]
    councils = list(Organisation.objects.values_list("slug", flat=True))
    from django.utils import timezone

    from civictalent.jobs.models import Vacancy

    open_vacancies = list(
        Vacancy.objects.filter(status="published", closes_at__gt=timezone.now()).values_list(
            "pk", flat=True
        )[:5000]
    )
    pages = [
        {"name": "home", "weight": 10, "urls": ["/"]},
        {
            "name": "jobs board search with filters",
            "weight": 15,
            "urls": [
                "/jobs/",
                "/jobs/?page=5",
                "/jobs/?q=residents",
                "/jobs/?q=data&workplace=hybrid",
                "/jobs/?level=senior&min_salary=50000",
                "/jobs/?posted=7&sort=closing",
                *(f"/jobs/?council={slug}" for slug in councils[:10]),
            ],
        },
        {
            "name": "vacancy",
            "weight": 15,
            "urls": [
                f"/jobs/{pk}/" for pk in rng.sample(open_vacancies, min(200, len(open_vacancies)))
            ],
        },
        {
            "name": "library search with filters",
            "weight": 15,
            "urls": [
                "/library/?q=housing&contract=permanent",
                "/library/?q=dashboards&sort=title",
                "/library/?q=user+research&salary=50k-65k",
                "/library/?q=procurement&published=365",
                "/library/?q=cyber+security",
            ],
        },
        {"name": "library browse", "weight": 10, "urls": ["/library/", "/library/?page=7"]},
        {
            "name": "JD detail",
            "weight": 20,
            "urls": [f"/library/{pk}/" for pk in rng.sample(shared, min(200, len(shared)))],
        },
        {"name": "framework overview", "weight": 5, "urls": ["/framework/", "/framework/skills/"]},
        {
            "name": "framework detail",
            "weight": 10,
            "urls": [
                f"/framework/families/{slug}/"
                for slug in JobFamily.objects.filter(framework__is_default=True).values_list(
                    "slug", flat=True
                )
            ]
            + [
                f"/framework/roles/{slug}/"
                for slug in Role.objects.filter(framework__is_default=True).values_list(
                    "slug", flat=True
                )[:60]
            ]
            + [f"/framework/levels/{slug}/" for slug in rng.sample(levels, min(60, len(levels)))]
            + [
                f"/framework/skills/{slug}/"
                for slug in Skill.objects.filter(framework__is_default=True).values_list(
                    "slug", flat=True
                )[:40]
            ],
        },
        {
            "name": "salary benchmark",
            "weight": 15,
            "urls": [f"/salaries/benchmarks/level/{slug}/" for slug in level_slugs[:80]]
            + ["/salaries/", "/salaries/your-council/"],
        },
        {
            "name": "organisations",
            "weight": 5,
            "urls": ["/organisations/", *(f"/organisations/{slug}/" for slug in councils[:34])],
        },
    ]
    client = Client()
    client.cookies["sessionid"] = sessions[0]
    for page in pages:
        for url in page["urls"]:
            status = client.get(url).status_code
            assert status == 200, f"{url} answered {status} before the load test"
    return pages, sessions


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout} s")


class MemorySampler(threading.Thread):
    """Largest resident set size seen for each kind of process, every half second. A "web
    master" process's children are its gunicorn workers."""

    def __init__(self, processes: list[tuple[str, int]]) -> None:
        super().__init__(daemon=True)
        self.processes = processes
        self.peaks: dict[str, float] = {}
        self.stopping = threading.Event()

    def sample(self) -> None:
        import psutil

        for role, pid in self.processes:
            try:
                process = psutil.Process(pid)
                found = [(role, process.memory_info().rss)]
                if role == "web master":
                    found += [
                        ("web worker", child.memory_info().rss) for child in process.children()
                    ]
            except psutil.Error:
                continue
            for name, rss in found:
                self.peaks[name] = max(self.peaks.get(name, 0), rss / 2**20)

    def run(self) -> None:
        while not self.stopping.is_set():
            self.sample()
            self.stopping.wait(0.5)


def run_locust(
    *,
    hosts: list[str],
    pages: list[dict[str, Any]],
    sessions: list[str],
    wait: tuple[float, float],
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.json"
        plan.write_text(
            json.dumps(
                {
                    "pages": pages,
                    "sessions": sessions,
                    "hosts": hosts,
                    "wait_min": wait[0],
                    "wait_max": wait[1],
                }
            )
        )
        finished = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                str(CLIENTS),
                "--spawn-rate",
                str(CLIENTS),
                "--run-time",
                f"{SECONDS}s",
                "--stop-timeout",
                "5",
                "--host",
                hosts[0],
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--csv",
                str(Path(folder) / "load"),
            ],
            env={**os.environ, "BENCH_LOAD_PLAN": str(plan)},
            cwd=ROOT,
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            timeout=SECONDS + 60,
        )
        if not (Path(folder) / "load_stats.csv").exists():
            raise RuntimeError(f"locust wrote no statistics:\n{finished.stderr.decode()}")
        with (Path(folder) / "load_stats.csv").open() as handle:
            rows = list(csv.DictReader(handle))
        with (Path(folder) / "load_failures.csv").open() as handle:
            failures = [
                f"{row['Name']}: {row['Error']} ({row['Occurrences']}x)"
                for row in csv.DictReader(handle)
            ]
    stats = {row["Name"]: stats_of(row) for row in rows}
    stats["Aggregated"]["failures"] = failures[:20]
    return stats


def stats_of(row: dict[str, str]) -> dict[str, Any]:
    requests = int(row["Request Count"])
    return {
        "requests": requests,
        "errors": int(row["Failure Count"]),
        "requests_per_second": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "p99_ms": float(row["99%"]),
        "max_ms": float(row["Max Response Time"]),
    }


def busy_workers() -> float:
    """Set the task workers rebuilding every salary benchmark (the heaviest task there is) and
    return the seconds it took."""
    from django_tasks_db.models import DBTaskResult

    from civictalent.salaries.benchmarks import benchmarks_request_all
    from civictalent.salaries.tasks import refresh_benchmarks

    benchmarks_request_all()
    started = time.perf_counter()
    results = [refresh_benchmarks.enqueue() for _ in range(3)]
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if not DBTaskResult.objects.filter(
            pk__in=[result.id for result in results], status__in=["READY", "RUNNING"]
        ).exists():
            break
        time.sleep(0.5)
    return time.perf_counter() - started


def main() -> None:
    generation = ensure_london(DATABASE_URL, settings=SETTINGS)
    os.environ.update({"DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": DATABASE_URL})
    setup_django()
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.salaries.models import SalaryObservation

    pages, sessions = plan_pages()
    python = sys.executable
    ports = [free_port() for _ in range(INSTANCES)]
    hosts = [f"http://127.0.0.1:{port}" for port in ports]
    webs = [
        subprocess.Popen(  # one gunicorn instance
            [
                python,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(max(WEB_WORKERS // INSTANCES, 1)),
                "--backlog",
                "256",
                "--log-level",
                "warning",
                "--no-control-socket",  # each instance would claim the same default socket
            ],
            cwd=ROOT,
            env=ENV,
        )
        for port in ports
    ]
    workers = [
        subprocess.Popen(
            [python, "-m", "civictalent.cli", "task_worker", "--no-reload", "--queue-name", "*"],
            cwd=ROOT,
            env=ENV,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(INSTANCES)
    ]
    sampler = MemorySampler(
        [("web master", web.pid) for web in webs]
        + [("task worker", worker.pid) for worker in workers]
    )
    sampler.start()
    phases: dict[str, dict[str, Any]] = {}
    try:
        for host in hosts:
            wait_until_up(f"{host}/bench/minimal/")
        print("task workers: rebuilding every salary benchmark")
        worker_seconds = busy_workers()
        print(f"  done in {worker_seconds:.0f} s")
        minimal = [{"name": "minimal view", "weight": 1, "urls": ["/bench/minimal/"]}]
        # The library's search and browse pages cost most of the server's time; this phase
        # shows what the rest of the platform does on its own.
        without_library = [page for page in pages if not page["name"].startswith("library")]
        # Candidates browse without signing in: they get the anonymous page cache (decision 9).
        public = [page for page in pages if page["name"] in PUBLIC_PAGES]
        signed_in, anonymous = sessions, [""]
        for name, load, wait, people in [
            ("minimal view, paced", minimal, PACED, signed_in),
            ("mixed browse, paced", pages, PACED, signed_in),
            ("mixed browse without the library, paced", without_library, PACED, signed_in),
            ("public pages, anonymous visitors, paced", public, PACED, anonymous),
            ("minimal view, saturated", minimal, (0.0, 0.0), signed_in),
            ("mixed browse, saturated", pages, (0.0, 0.0), signed_in),
            ("public pages, anonymous visitors, saturated", public, (0.0, 0.0), anonymous),
        ]:
            print(f"{name}: {CLIENTS} clients for {SECONDS} s")
            phases[name] = run_locust(hosts=hosts, pages=load, sessions=people, wait=wait)
            total = phases[name]["Aggregated"]
            print(
                f"  {total['requests_per_second']} req/s, p50 {total['p50_ms']} ms, "
                f"p95 {total['p95_ms']} ms, p99 {total['p99_ms']} ms, errors {total['errors']}"
            )
    finally:
        sampler.stopping.set()
        sampler.join()
        for process in [*webs, *workers]:
            process.terminate()
        for process in [*webs, *workers]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    paced = phases["mixed browse, paced"]
    baseline = phases["minimal view, paced"]["Aggregated"]
    saturated = phases["mixed browse, saturated"]["Aggregated"]
    per_page = [
        {
            "page": name,
            **stats,
            "ratio_p50_to_minimal_view": round(stats["p50_ms"] / max(baseline["p50_ms"], 1), 1),
            "meets_p95_target": stats["p95_ms"] < TARGET_P95_MS,
        }
        for name, stats in paced.items()
        if name != "Aggregated"
    ]
    memory = {name: round(mb, 1) for name, mb in sorted(sampler.peaks.items())}
    from django.db import connection

    write_result(
        f"load_{connection.vendor}",
        {
            "what": f"Mixed browse load on {INSTANCES} gunicorn instance(s) with {WEB_WORKERS} sync "
            f"workers in all and {INSTANCES} task worker(s), {CLIENTS} concurrent locust clients "
            f"for {SECONDS} s a phase, loopback only",
            "database": database(),
            "scale": "london",
            "data": {
                "job_descriptions": JobDescription.objects.count(),
                "salary_observations": SalaryObservation.objects.count(),
            },
            "generation_seconds": round(sum(step["seconds"] for step in generation["steps"]), 1),
            "generation_added": {step["step"]: step["added"] for step in generation["steps"]},
            "clients": CLIENTS,
            "seconds_per_phase": SECONDS,
            "web_workers": WEB_WORKERS,
            "web_instances": INSTANCES,
            "paced_wait_seconds": list(PACED),
            "phases": {name: stats["Aggregated"] for name, stats in phases.items()},
            "pages": per_page,
            "memory_peak_mb": memory,
            "worker_rebuild_seconds": round(worker_seconds, 1),
            "targets": {
                "p95_ms": TARGET_P95_MS,
                "requests_per_second": TARGET_RPS,
                "rss_mb": TARGET_RSS_MB,
            },
            "met": {
                "p95_paced": paced["Aggregated"]["p95_ms"] < TARGET_P95_MS,
                "no_errors": all(p["Aggregated"]["errors"] == 0 for p in phases.values()),
                "requests_per_second": saturated["requests_per_second"] >= TARGET_RPS,
                "memory": all(mb < TARGET_RSS_MB for mb in memory.values()),
            },
        },
    )


if __name__ == "__main__":
    main()
