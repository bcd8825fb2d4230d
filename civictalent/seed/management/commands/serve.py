"""Serve the platform: gunicorn, the background worker and the scheduler, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from civictalent.accounts.seeding import DEMO_PASSWORD, DEMO_PEOPLE
from civictalent.core.health import started_record

SITE_URL_VARIABLE = "CIVICTALENT_SITE_URL"
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}  # noqa: S104 (names, not a binding)


def site_url_for(host: str, port: int) -> str:
    """The address links in emails should use when serving on ``host``:``port``. Listening on
    every interface names no address, so the first host name the site accepts stands in."""
    if host in WILDCARD_HOSTS:
        named = [name for name in settings.ALLOWED_HOSTS if name not in {"*", ""}]
        host = named[0].lstrip(".") if named else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


def child_commands(*, host: str, port: int, workers: int) -> dict[str, list[str]]:
    python = sys.executable
    return {
        # --preload: the application is loaded and warmed up once (config/wsgi.py), before
        # gunicorn listens and forks its workers, so the first request finds it ready.
        "web": [
            python,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "--preload",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
            "--graceful-timeout",
            "10",
        ],
        "worker": [
            python,
            "-m",
            "civictalent.cli",
            "task_worker",
            "--no-reload",
            "--queue-name",
            "*",
        ],
        "scheduler": [python, "-m", "civictalent.cli", "scheduler"],
    }


def wait_until_listening(
    host: str, port: int, process: subprocess.Popen[bytes], stopping: Any, timeout: float = 60
) -> bool:
    """Wait until something accepts connections on ``host``:``port`` (True), or the process
    stops, we are told to stop, or ``timeout`` seconds pass (False)."""
    address = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104
    deadline = time.monotonic() + timeout
    while process.poll() is None and not stopping() and time.monotonic() < deadline:
        try:
            with socket.create_connection((address, port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def child_environment(*, host: str, port: int, environ: dict[str, str]) -> dict[str, str]:
    """The environment of the web server, worker and scheduler: the parent's, so all three run
    with the same settings, and the site address of this server unless the operator set one
    (so the links in emails lead back to the server that sent them)."""
    env = dict(environ)
    if not env.get(SITE_URL_VARIABLE, "").strip():
        env[SITE_URL_VARIABLE] = site_url_for(host, port)
    return env


class Command(BaseCommand):
    help = "Serve the web application with gunicorn, plus the task worker and the scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
        parser.add_argument(
            "--prepare",
            action="store_true",
            help="first migrate, create the cache table and collect the static files",
        )
        parser.add_argument(
            "--demo", action="store_true", help="first load the demo data (demo mode only)"
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        prepare: bool = False,
        demo: bool = False,
        **options: Any,
    ) -> None:
        # In this process, not one process each: every Django start costs seconds.
        self._prepare(migrate=prepare, demo=demo)
        env = child_environment(host=host, port=port, environ=dict(os.environ))
        try:
            # /healthz says "starting", not "fail", until the worker and scheduler are due.
            started_record()
        except DatabaseError as error:
            self.stderr.write(f"Could not record the start (is the database migrated?): {error}")
        connections.close_all()  # the children open their own
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        commands = child_commands(host=host, port=port, workers=workers)
        processes = {"web": subprocess.Popen(commands.pop("web"), env=env)}  # noqa: S603
        # The web server first: the first page should not wait for the worker and scheduler
        # to start, which /healthz reports as "starting" meanwhile.
        wait_until_listening(host, port, processes["web"], lambda: stopping)
        for name, command in commands.items():
            processes[name] = subprocess.Popen(command, env=env)  # noqa: S603
        if not stopping:
            self._banner(host, port, env[SITE_URL_VARIABLE])
        exit_code = self._watch(processes, lambda: stopping)
        if exit_code:
            raise SystemExit(exit_code)

    def _prepare(self, *, migrate: bool, demo: bool) -> None:
        if migrate:
            call_command("migrate", interactive=False, stdout=self.stdout)
            call_command("createcachetable", stdout=self.stdout)
        if demo:
            call_command("demo", stdout=self.stdout)
        if migrate:
            call_command("collectstatic", interactive=False, verbosity=0, stdout=self.stdout)

    def _watch(self, processes: dict[str, subprocess.Popen[bytes]], stopping: Any) -> int:
        """Wait until told to stop or one of them stops; then stop them all. The exit code."""
        exit_code = 0
        try:
            while not stopping() and not exit_code:
                for name, process in processes.items():
                    if process.poll() is not None:
                        self.stderr.write(
                            f"The {name} stopped (exit {process.returncode}); stopping."
                        )
                        exit_code = process.returncode or 1
                        break
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping web server, worker and scheduler...")
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            deadline = time.monotonic() + 15
            for process in processes.values():
                try:
                    process.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    process.kill()
        return exit_code

    def _banner(self, host: str, port: int, site_url: str) -> None:
        address = site_url_for(host, port)
        lines = [
            "",
            f"{settings.SERVICE_NAME} is running at {address}",
            f"Health: {address}/healthz",
            f"Links in emails use {site_url} ({SITE_URL_VARIABLE} changes it)",
        ]
        if settings.DEMO_MODE:
            lines.append(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
            lines.extend(f"  {person.email:<42} {person.description}" for person in DEMO_PEOPLE)
        if "filebased" in settings.EMAIL_BACKEND:
            lines.append(f"Emails are written to {settings.EMAIL_FILE_PATH}/")
        lines.append("Press Ctrl-C to stop.")
        self.stdout.write("\n".join(lines) + "\n")
