"""The load test's clients, run by bench_load.py (headless, loopback only, bounded in time).

bench_load.py writes a plan (BENCH_LOAD_PLAN): signed-in session cookies (or "" for anonymous
visitors), the pages to request with their weights, and the wait between requests. Each simulated
person takes one session and requests weighted pages; anything but a 200 (a redirect to sign in included) is an error.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

PLAN: dict[str, Any] = json.loads(Path(os.environ["BENCH_LOAD_PLAN"]).read_text())
SESSIONS = itertools.cycle(PLAN["sessions"])
HOSTS = itertools.cycle(PLAN["hosts"])  # several gunicorn instances: each client keeps one
PAGES = PLAN["pages"]
WEIGHTS = [page["weight"] for page in PAGES]


class Browser(FastHttpUser):
    wait_time = between(PLAN["wait_min"], PLAN["wait_max"]) if PLAN["wait_max"] > 0 else constant(0)

    def on_start(self) -> None:
        session = next(SESSIONS)  # "" for an anonymous visitor, who sends no cookie
        self.headers = {"Cookie": f"sessionid={session}"} if session else {}
        self.base = next(HOSTS)
        self.rng = random.Random()  # noqa: S311

    @task
    def browse(self) -> None:
        page = self.rng.choices(PAGES, weights=WEIGHTS)[0]
        url = self.rng.choice(page["urls"])
        with self.client.get(
            self.base + url,
            name=page["name"],
            headers=self.headers,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")
