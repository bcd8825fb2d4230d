"""Serve the platform: gunicorn, the background worker and the scheduler, stopped together.

With ``--prepare`` (and ``--demo``), this process first does what a release does (migrate, the
cache table, the static files) and loads the demo data; then it loads and warms up the
application and forks the three from itself, so Django starts once, not four times.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections
from gunicorn.app.base import BaseApplication

from civictalent.accounts.seeding import DEMO_PASSWORD, DEMO_PEOPLE
from civictalent.core.health import started_record
from civictalent.core.staticfiles import collect_if_changed

SITE_URL_VARIABLE = "CIVICTALENT_SITE_URL"
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}  # noqa: S104 (names, not a binding)
FORK = multiprocessing.get_context("fork")


def site_url_for(host: str, port: int) -> str:
    """The address links in emails should use when serving on ``host``:``port``. Listening on
    every interface names no address, so the first host name the site accepts stands in."""
    if host in WILDCARD_HOSTS:
        named = [name for name in settings.ALLOWED_HOSTS if name not in {"*", ""}]
        host = named[0].lstrip(".") if named else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    return f"http://{host}:{port}"


class WebServer(BaseApplication):
    """gunicorn serving the application this process has already loaded, as --preload would:
    its workers are forked from it, ready for their first request."""

    def __init__(self, application: Any, options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


def run_web(application: Any, options: dict[str, Any]) -> None:
    _default_signals()
    WebServer(application, options).run()


def run_command(name: str, *arguments: str) -> None:
    _default_signals()
    call_command(name, *arguments)


def _default_signals() -> None:
    """A child stops when told to, whatever handler its parent had set."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def child_targets(
    *, host: str, port: int, workers: int, application: Any
) -> dict[str, tuple[Callable[..., None], tuple[Any, ...]]]:
    """What each child runs: the web server first, then the worker and the scheduler."""
    web_options = {
        "bind": [f"{host}:{port}"],
        "workers": workers,
        "accesslog": "-",
        "graceful_timeout": 10,
        "preload_app": True,
    }
    return {
        "web": (run_web, (application, web_options)),
        "worker": (run_command, ("task_worker", "--no-reload", "--queue-name", "*")),
        "scheduler": (run_command, ("scheduler",)),
    }


def start_child(name: str, target: Callable[..., None], args: tuple[Any, ...]) -> Any:
    """A forked copy of this process, with Django loaded and warmed up, running ``target``."""
    process = FORK.Process(target=target, args=args, name=name)
    process.start()
    return process


def wait_until_listening(
    host: str, port: int, alive: Callable[[], bool], timeout: float = 60
) -> bool:
    """Wait until something accepts connections on ``host``:``port`` (True), or ``alive()``
    turns false, or ``timeout`` seconds pass (False)."""
    address = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104
    deadline = time.monotonic() + timeout
    while alive() and time.monotonic() < deadline:
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
            help="first migrate, create the cache table and collect the static files (if any "
            "changed)",
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
        # All in this process, then the three children are forked from it: each Django start
        # costs seconds, and this way there is one.
        self._prepare(migrate=prepare, demo=demo)
        site_url = child_environment(host=host, port=port, environ=dict(os.environ))[
            SITE_URL_VARIABLE
        ]
        os.environ[SITE_URL_VARIABLE] = site_url
        settings.SITE_URL = site_url  # the children are forks: the settings are read already
        from config.wsgi import application  # loaded and warmed up (see config/wsgi.py)

        try:
            # /healthz says "starting", not "fail", until the worker and scheduler are due.
            started_record()
        except DatabaseError as error:
            self.stderr.write(f"Could not record the start (is the database migrated?): {error}")
        connections.close_all()  # each child opens its own
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        targets = child_targets(host=host, port=port, workers=workers, application=application)
        processes = {"web": start_child("web", *targets.pop("web"))}
        # The web server first: the first page should not wait for the worker and scheduler,
        # which /healthz reports as "starting" meanwhile.
        wait_until_listening(host, port, lambda: processes["web"].exitcode is None and not stopping)
        for name, (target, arguments) in targets.items():
            processes[name] = start_child(name, target, arguments)
        if not stopping:
            self._banner(host, port, site_url)
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
            collect_if_changed(verbosity=0, stdout=self.stdout)

    def _watch(self, processes: dict[str, Any], stopping: Callable[[], bool]) -> int:
        """Wait until told to stop or one of them stops; then stop them all. The exit code."""
        exit_code = 0
        try:
            while not stopping() and not exit_code:
                for name, process in processes.items():
                    if process.exitcode is not None:
                        self.stderr.write(
                            f"The {name} stopped (exit {process.exitcode}); stopping."
                        )
                        exit_code = process.exitcode if process.exitcode > 0 else 1
                        break
                time.sleep(0.5)
        finally:
            self.stdout.write("Stopping web server, worker and scheduler...")
            for process in processes.values():
                if process.exitcode is None:
                    process.terminate()
            deadline = time.monotonic() + 15
            for process in processes.values():
                process.join(timeout=max(deadline - time.monotonic(), 0.1))
                if process.exitcode is None:
                    process.kill()
                    process.join()
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
