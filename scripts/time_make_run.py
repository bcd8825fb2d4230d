"""Time `make run` until it serves its first page, as in docs/performance.md ("Start-up").

    python3 scripts/time_make_run.py                 # two runs in this folder
    python3 scripts/time_make_run.py --fresh         # a fresh clone of HEAD, then two runs there
    python3 scripts/time_make_run.py --fresh --empty-caches   # ... downloading every package

Each run starts `make run` in its own process group, asks for http://127.0.0.1:8000/ every
0.1 seconds until it answers 200 (seconds from the start: the time to the first page), records
how long that first request took, then how long a second request to the same page takes and what
/healthz says until it is "ok", and stops `make run` as Ctrl-C does. Uses only the standard
library, so it runs before `.venv` exists.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8000  # where make run serves
PAGE_DEADLINE = 900.0  # a first run downloads every package
HEALTH_DEADLINE = 120.0


@dataclass
class Run:
    first_page: float = 0.0
    first_request: float = 0.0
    second_request: float = 0.0
    health: list[tuple[float, str]] = field(default_factory=list)


def fetch(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (loopback)
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C, as a person would; then harder if it has not stopped within 30 seconds."""
    for sig, wait in ((signal.SIGINT, 30), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        if process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue


def time_one_run(folder: Path, env: dict[str, str], log: Path, port: int) -> Run:
    base = f"http://127.0.0.1:{port}"
    run = Run()
    with log.open("wb") as output:
        started = time.monotonic()
        process = subprocess.Popen(
            ["make", "run"],  # noqa: S607
            cwd=folder,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            while True:
                if process.poll() is not None:
                    raise SystemExit(f"make run stopped (exit {process.returncode}); see {log}")
                if time.monotonic() - started > PAGE_DEADLINE:
                    raise SystemExit(f"no page within {PAGE_DEADLINE:.0f} s; see {log}")
                asked = time.monotonic()
                try:
                    status, _ = fetch(base + "/")
                except OSError:
                    time.sleep(0.1)
                    continue
                answered = time.monotonic()
                if status == 200:
                    run.first_page = answered - started
                    run.first_request = answered - asked
                    break
                time.sleep(0.1)
            asked = time.monotonic()
            fetch(base + "/")
            run.second_request = time.monotonic() - asked
            while time.monotonic() - started < run.first_page + HEALTH_DEADLINE:
                status, body = fetch(base + "/healthz")
                said = json.loads(body).get("status", f"HTTP {status}")
                if not run.health or run.health[-1][1] != said:
                    run.health.append((time.monotonic() - started, said))
                if said == "ok":
                    break
                time.sleep(0.5)
        finally:
            stop(process)
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fresh", action="store_true", help="time a fresh clone of HEAD")
    parser.add_argument("--empty-caches", action="store_true", help="empty uv and npm caches")
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    if not port_is_free(PORT):
        raise SystemExit(f"Something already listens on port {PORT}: stop it first.")
    scratch = Path(tempfile.mkdtemp(prefix="civictalent-startup-"))
    folder = ROOT
    if options.fresh:
        folder = scratch / "clone"
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)  # noqa: S603, S607
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "VIRTUAL_ENV"}
    }
    if options.empty_caches:
        env["UV_CACHE_DIR"] = str(scratch / "uv-cache")
        env["npm_config_cache"] = str(scratch / "npm-cache")
    print(f"Timing make run in {folder} (logs in {scratch})")
    for number in range(1, options.runs + 1):
        run = time_one_run(folder, env, scratch / f"run-{number}.log", PORT)
        health = ", ".join(f"{said} at {seconds:.1f} s" for seconds, said in run.health)
        print(
            f"run {number}: first page at {run.first_page:.1f} s; that request took "
            f"{run.first_request:.2f} s, the next {run.second_request:.2f} s; /healthz: {health}"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
