"""Shared by every benchmark: timing with medians and p95, machine facts, and result files."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SHARED = ROOT.parent / "shared" / "datasets"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(round(fraction * (len(ordered) - 1)), len(ordered) - 1)
    return ordered[index]


def time_calls(
    call: Callable[[], Any],
    *,
    runs: int,
    warmup: int = 5,
    before_each: Callable[[], Any] | None = None,
) -> dict[str, float]:
    """Run ``call`` repeatedly; return median, p95, min and max in milliseconds.
    ``before_each`` runs, untimed, before every timed call."""
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(runs):
        if before_each is not None:
            before_each()
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(timings), 3),
        "p95_ms": round(percentile(timings, 0.95), 3),
        "min_ms": round(min(timings), 3),
        "max_ms": round(max(timings), 3),
        "runs": runs,
    }


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
    }


def database() -> str:
    from django.db import connection

    version = ".".join(str(part) for part in connection.get_database_version())
    return f"{connection.vendor} {version}"


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    document = {
        "benchmark": name,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **payload,
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {path.relative_to(ROOT)}")
    return path


def ensure_london(database_url: str, *, settings: str = "bench.settings") -> dict[str, Any]:
    """Migrate ``database_url`` and generate (or resume) the london scale with seed 1; returns
    the generator's report. The first run takes a few minutes; later runs a few seconds."""
    import subprocess

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }

    def civictalent(*arguments: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "civictalent.cli", *arguments],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout

    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    civictalent("migrate", "--noinput", "--verbosity", "0")
    civictalent("createcachetable")
    print("generating (or resuming) the london scale; the first time takes a few minutes")
    started = time.perf_counter()
    report: dict[str, Any] = json.loads(
        civictalent("generate", "--scale", "london", "--seed", "1", "--json")
    )
    steps = {step["step"]: step for step in report["steps"]}
    if steps["job-descriptions"]["added"] == steps["job-descriptions"]["target"]:
        # A build from nothing: the figure the "london in under 10 minutes" is about.
        vendor = "postgresql" if database_url.startswith("postgres") else "sqlite"
        seconds = time.perf_counter() - started
        write_result(
            f"generate_{vendor}",
            {
                "what": f"civictalent generate --scale london --seed 1, from an empty {vendor} "
                "database (process start to finish)",
                "database": vendor,
                "seconds": round(seconds, 1),
                "target_seconds": 600,
                "meets_target": seconds < 600,
                "steps": report["steps"],
                "planned": report["planned"],
            },
        )
    return report
