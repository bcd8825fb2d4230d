"""The security headers and cookies as a browser receives them: gunicorn, production settings, a
migrated SQLite database, real HTTP over loopback. (Static files are hashed but not compressed:
tests/production_headers_settings.py, which changes nothing else.) The proxy's part is played by sending
``X-Forwarded-Proto: https`` (docs/operations.md: the proxy sets it on every request).

One server for the whole module; it is always stopped, even when a test fails.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest

from conftest import ROOT, require

BIN = Path(sys.executable).parent
# config.settings.production with uncompressed static files (see the module, and the test below).
SETTINGS = "tests.production_headers_settings"
EMAIL = "headers@hackney.gov.uk"
PASSWORD = "a long and unguessable passphrase"
ONE_YEAR = 365 * 24 * 3600
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CREATE_USER = f"""
from allauth.account.models import EmailAddress
from civictalent.accounts.models import User
user = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}, display_name="Headers")
EmailAddress.objects.create(user=user, email={EMAIL!r}, verified=True, primary=True)
"""


@dataclass
class Answer:
    status: int
    headers: Message
    body: str

    def cookies(self) -> dict[str, dict[str, str]]:
        """Each Set-Cookie by name: its value under "", then its attributes, lower-cased."""
        found: dict[str, dict[str, str]] = {}
        for header in self.headers.get_all("Set-Cookie") or []:
            first, *attributes = [part.strip() for part in header.split(";")]
            name, _, value = first.partition("=")
            parsed = {"": value}
            for attribute in attributes:
                key, _, setting = attribute.partition("=")
                parsed[key.lower()] = setting
            found[name] = parsed
        return found


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirects)


@dataclass
class Server:
    base: str
    host: str

    def request(
        self,
        path: str,
        *,
        https: bool = True,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = dict(headers or {})
        if https:
            sent["X-Forwarded-Proto"] = "https"
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers=sent)  # noqa: S310
        try:
            with OPENER.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read().decode())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run(command: list[str], env: dict[str, str]) -> None:
    finished = subprocess.run(  # noqa: S603 - our own commands
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert finished.returncode == 0, f"{command} failed:\n{finished.stdout}\n{finished.stderr}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require((BIN / "gunicorn").exists(), "gunicorn is not installed in the virtualenv")
    require((BIN / "civictalent").exists(), "the civictalent command is not installed")
    place = tmp_path_factory.mktemp("production")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "SECURE_", "CIVICTALENT_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        DATABASE_URL=f"sqlite:///{place / 'db.sqlite3'}",
        CIVICTALENT_VAR_DIR=str(place),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CIVICTALENT_REQUIRE_ADMIN_MFA="true",
        DEBUG="false",
    )
    civictalent = str(BIN / "civictalent")
    run([civictalent, "migrate", "--noinput", "-v", "0"], env)
    run([civictalent, "createcachetable"], env)
    run([civictalent, "collectstatic", "--noinput", "-v", "0"], env)
    run([civictalent, "shell", "-c", CREATE_USER], env)
    process = subprocess.Popen(  # noqa: S603
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        started = Server(base=f"http://127.0.0.1:{port}", host=f"127.0.0.1:{port}")
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "gunicorn stopped: " + (
                process.stderr.read().decode() if process.stderr else ""
            )
            try:
                started.request("/")
                break
            except (urllib.error.URLError, ConnectionError, http.client.HTTPException):
                assert time.monotonic() < deadline, "gunicorn did not answer within a minute"
                time.sleep(0.2)
        yield started
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def policy_of(header: str) -> dict[str, str]:
    directives = {}
    for directive in header.split(";"):
        name, _, value = directive.strip().partition(" ")
        directives[name] = value.strip()
    return directives


def assert_host_cookie(cookie: dict[str, str], *, http_only: bool = True) -> None:
    assert "secure" in cookie
    assert ("httponly" in cookie) is http_only
    assert cookie.get("samesite", "").lower() == "lax"
    assert cookie.get("path") == "/"
    assert "domain" not in cookie, "a __Host- cookie must not name a domain"


def test_https_pages_carry_every_security_header(server: Server) -> None:
    answer = server.request("/")
    assert answer.status == 200
    headers = answer.headers

    hsts = {
        part.strip().split("=")[0].lower(): part
        for part in headers["Strict-Transport-Security"].split(";")
    }
    assert int(hsts["max-age"].split("=")[1]) >= ONE_YEAR
    assert "includesubdomains" in hsts
    assert policy_of(headers["Content-Security-Policy"]) == EXPECTED_CSP
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/jobs/", "/health-check/", "/no-such-page/", "/api/docs"]
)
def test_no_page_outside_the_admin_allows_inline_or_eval(server: Server, path: str) -> None:
    answer = server.request(path)
    policy = answer.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, (path, policy)
    assert "frame-ancestors 'none'" in policy
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_only_the_admin_allows_inline_style_and_never_script(server: Server) -> None:
    policy = policy_of(server.request("/admin/login/").headers["Content-Security-Policy"])
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["script-src"] == "'self'"


def test_plain_http_is_sent_to_https(server: Server) -> None:
    answer = server.request("/jobs/?q=planner", https=False)
    assert answer.status == 301
    assert answer.headers["Location"] == f"https://{server.host}/jobs/?q=planner"


def test_the_csrf_and_session_cookies_are_host_only_secure_http_only_and_lax(
    server: Server,
) -> None:
    form = server.request("/accounts/login/")
    cookies = form.cookies()
    assert set(cookies) == {"__Host-csrftoken"}, "no other cookie before signing in"
    csrf = cookies["__Host-csrftoken"]
    assert_host_cookie(csrf)
    token = form.body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    signed_in = server.request(
        "/accounts/login/",
        data={"login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={
            "Cookie": f"__Host-csrftoken={csrf['']}",
            "Referer": f"https://{server.host}/accounts/login/",
            "Origin": f"https://{server.host}",
        },
    )

    assert signed_in.status == 302, signed_in.body[:500]
    session = signed_in.cookies()["__Host-sessionid"]
    assert session[""]
    assert_host_cookie(session)
    assert "sessionid" not in signed_in.cookies(), "only the __Host- name"
    cookie = {"Cookie": f"__Host-sessionid={session['']}"}
    dashboard = server.request(signed_in.headers["Location"], headers=cookie)
    assert dashboard.status == 200 and "Your dashboard" in dashboard.body
    profile = server.request("/account/", headers=cookie)
    assert profile.status == 200 and EMAIL in profile.body


def test_a_wrong_password_sets_no_session(server: Server) -> None:
    form = server.request("/accounts/login/")
    csrf = form.cookies()["__Host-csrftoken"][""]
    token = form.body.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    answer = server.request(
        "/accounts/login/",
        data={"login": EMAIL, "password": "not it", "csrfmiddlewaretoken": token},
        headers={
            "Cookie": f"__Host-csrftoken={csrf}",
            "Referer": f"https://{server.host}/accounts/login/",
        },
    )
    assert answer.status == 200
    assert "__Host-sessionid" not in answer.cookies()


def test_the_server_runs_production_settings_changing_only_static_storage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    import config.settings.base

    monkeypatch.setattr(config.settings.base, "SECRET_KEY", "x" * 50)
    monkeypatch.setattr(config.settings.base, "DEBUG", False)
    for name in ("config.settings.production", SETTINGS):
        sys.modules.pop(name, None)
    production = importlib.import_module("config.settings.production")
    ours = importlib.import_module(SETTINGS)
    names = {name for name in dir(production) if name.isupper()}
    assert names == {name for name in dir(ours) if name.isupper()}
    changed = {name for name in names if getattr(production, name) != getattr(ours, name)}
    assert changed == {"STORAGES"}
    assert ours.STORAGES["default"] == production.STORAGES["default"]
