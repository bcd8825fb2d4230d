"""When the database cannot be reached, people get a friendly 503 page (no stack trace), and the
service recovers by itself as soon as the database is back: no restart.

The outage tests run a real gunicorn against a real database and really take the database away:
on SQLite by moving the database's folder, on PostgreSQL by cutting a TCP proxy that sits between
gunicorn and the server. The PostgreSQL one runs in the PostgreSQL pass of the suite
(DATABASE_URL=postgres://...) and must run under CI=true.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import include, path

from civictalent.core.backup import sqlite_copy
from civictalent.core.permissions import public
from conftest import require

ROOT = Path(__file__).resolve().parent.parent
# A public page that reads the database (its list of vacancies). Each request asks a new search,
# so no cached copy of an anonymous page can answer instead of the database.
SEARCHES = itertools.count()


def page(base: str) -> str:
    return f"{base}/jobs/?q=outage{next(SEARCHES)}"


FRIENDLY = "Sorry, the service is unavailable"


# --- In-process: the error reaches the middleware or the 500 handler --------------------------


@public
def locked(request: HttpRequest) -> HttpResponse:
    raise OperationalError("database is locked")


urlpatterns = [path("locked/", locked), path("", include("config.urls"))]
handler500 = "civictalent.core.views.server_error"


class SessionStoreDown:
    """Stands in for a session middleware whose database has gone: it fails before any view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        raise OperationalError("server closed the connection unexpectedly")


def assert_friendly_503(status: int, headers: Message | dict[str, str], html: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert FRIENDLY in html and "We have not saved anything" in html
    assert "govuk-generic-header" in html, "the page has the service's usual layout"
    for leak in ("Traceback", "OperationalError", "psycopg", "sqlite", "database is locked"):
        assert leak not in html


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_view_that_finds_the_database_locked_gets_the_503_page(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="civictalent.core.unavailable"):
        response = Client(raise_request_exception=False).get("/locked/")

    html = response.content.decode()
    assert_friendly_503(response.status_code, dict(response.headers), html)
    assert "Content-Security-Policy" in response.headers
    assert response["Cache-Control"] == "no-store"
    assert "Database unavailable during GET /locked/ (OperationalError: database is locked)" in (
        caplog.text
    )


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_failure_before_the_view_also_gets_the_503_page(settings: object) -> None:
    middleware = [*settings.MIDDLEWARE, f"{__name__}.SessionStoreDown"]  # type: ignore[attr-defined]
    with override_settings(MIDDLEWARE=middleware):
        response = Client(raise_request_exception=False).get("/")

    assert_friendly_503(response.status_code, dict(response.headers), response.content.decode())


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_api_says_so_in_json(settings: object) -> None:
    middleware = [*settings.MIDDLEWARE, f"{__name__}.SessionStoreDown"]  # type: ignore[attr-defined]
    with override_settings(MIDDLEWARE=middleware):
        response = Client(raise_request_exception=False).get("/api/framework/roles")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "detail": "The service is unavailable for a moment. Try again shortly."
    }


# --- Real outages: gunicorn against a database that goes away ---------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: Message
    body: str


NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> Answer:
    try:
        with NO_PROXY.open(url, timeout=30) as response:
            return Answer(response.status, response.headers, response.read().decode())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read().decode())


@pytest.fixture
def gunicorn() -> Iterator[Callable[[str], str]]:
    """Start gunicorn (one worker) on the test settings and a given DATABASE_URL; returns its
    address once it answers."""
    started: list[subprocess.Popen[bytes]] = []
    logs = ExitStack()

    def start(database_url: str) -> str:
        port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "PYTHONPATH": str(ROOT),
        }
        command = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
        command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"]
        # A file, not a pipe (a full pipe would stall gunicorn); closed by ``logs``.
        log = logs.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log
        )
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(f"{base}/healthz")
                return base
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    errors = log.read().decode(errors="replace")
                    pytest.fail(f"gunicorn did not start:\n{errors[-3000:]}")
                time.sleep(0.2)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    logs.close()


def database_check(base: str) -> tuple[int, str]:
    answer = fetch(f"{base}/healthz")
    return answer.status, json.loads(answer.body)["checks"]["database"]["status"]


def assert_outage_then_recovery(
    base: str, take_away: Callable[[], None], bring_back: Callable[[], None]
) -> None:
    before = fetch(page(base))
    assert before.status == 200, before.body[-2000:]

    take_away()
    for _ in range(3):  # every request while it is down, not just the first
        down = fetch(page(base))
        assert_friendly_503(down.status, down.headers, down.body)
    assert database_check(base) == (503, "fail")

    bring_back()
    after = fetch(page(base))
    assert after.status == 200, "recovers by itself, with no restart"
    assert FRIENDLY not in after.body
    assert database_check(base)[1] == "ok"


@pytest.mark.django_db(transaction=True)
def test_sqlite_file_out_of_reach_gives_503_then_recovers(
    tmp_path: Path, gunicorn: Callable[[str], str]
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("runs in the SQLite pass of the suite (make pytest)")
    folder = tmp_path / "data"
    folder.mkdir()
    database = folder / "civictalent.sqlite3"
    connection.ensure_connection()
    sqlite_copy(connection.connection, database)  # the migrated test database, as a file
    base = gunicorn(f"sqlite:///{database}")
    away = tmp_path / "moved-away"

    assert_outage_then_recovery(
        base, take_away=lambda: folder.rename(away), bring_back=lambda: away.rename(folder)
    )


class TcpProxy:
    """A TCP proxy on loopback that can be cut (every connection dropped, new ones refused) and
    brought back on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listening: threading.Event | None = None

    def start(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port))  # SO_REUSEADDR on POSIX
        listener.settimeout(0.1)
        self._listening = threading.Event()
        self._listening.set()
        threading.Thread(target=self._accept, args=(listener, self._listening), daemon=True).start()

    def _accept(self, listener: socket.socket, listening: threading.Event) -> None:
        with listener:
            while listening.is_set():
                try:
                    client, _ = listener.accept()
                except TimeoutError:
                    continue
                try:
                    upstream = socket.create_connection(self.target, timeout=10)
                except OSError:
                    client.close()
                    continue
                client.settimeout(None)
                upstream.settimeout(None)
                with self._lock:
                    self._sockets += [client, upstream]
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listening:
            self._listening.clear()
        time.sleep(0.3)  # the accept loop notices within its 0.1 s timeout and closes
        with self._lock:
            for end in self._sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self._sockets.clear()


@pytest.mark.django_db(transaction=True)
def test_postgresql_connection_cut_gives_503_then_recovers(gunicorn: Callable[[str], str]) -> None:
    if connection.vendor != "postgresql":
        if os.environ.get("TEST_POSTGRES_URL"):
            pytest.skip("runs in the PostgreSQL pass of the suite (TEST_POSTGRES_URL)")
        require(
            False,
            "the PostgreSQL outage test needs PostgreSQL: set TEST_POSTGRES_URL, or run with "
            "DATABASE_URL=postgres://user:password@host:5432/name",
        )
    settings = connection.settings_dict
    proxy = TcpProxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.start()
    base = gunicorn(
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@127.0.0.1:{proxy.port}"
        f"/{settings['NAME']}"
    )
    try:
        assert_outage_then_recovery(base, take_away=proxy.cut, bring_back=proxy.start)
    finally:
        proxy.cut()
