"""`civictalent serve`: its children link emails to the address it serves on, and it records
its start so /healthz says "starting" while the worker and scheduler come up."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import override_settings

from civictalent.core.health import STARTED
from civictalent.core.models import Heartbeat
from civictalent.seed.management.commands import serve
from civictalent.seed.management.commands.serve import child_environment


def test_children_link_emails_to_the_host_and_port_served() -> None:
    env = child_environment(host="127.0.0.1", port=8123, environ={"PATH": "/usr/bin"})
    assert env == {"PATH": "/usr/bin", "CIVICTALENT_SITE_URL": "http://127.0.0.1:8123"}


def test_an_address_the_operator_set_is_kept() -> None:
    environ = {"CIVICTALENT_SITE_URL": "https://talent.example.org"}
    env = child_environment(host="127.0.0.1", port=8123, environ=environ)
    assert env["CIVICTALENT_SITE_URL"] == "https://talent.example.org"
    blank = child_environment(host="localhost", port=9000, environ={"CIVICTALENT_SITE_URL": " "})
    assert blank["CIVICTALENT_SITE_URL"] == "http://localhost:9000"


@override_settings(ALLOWED_HOSTS=["*", "talent.internal", "localhost"])
def test_every_interface_links_to_a_host_name_the_site_accepts() -> None:
    assert (
        child_environment(host="0.0.0.0", port=8000, environ={})["CIVICTALENT_SITE_URL"]  # noqa: S104
        == "http://talent.internal:8000"
    )
    assert child_environment(host="::1", port=8000, environ={})["CIVICTALENT_SITE_URL"] == (
        "http://[::1]:8000"
    )


class FinishedProcess:
    """A child that has already stopped, so serve stops at once."""

    exitcode = 0

    def join(self, timeout: float | None = None) -> None:
        pass


@pytest.mark.django_db(transaction=True)
def test_serve_starts_all_three_with_its_address_and_records_the_start(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    monkeypatch.delenv("CIVICTALENT_SITE_URL", raising=False)
    settings.SITE_URL = "http://127.0.0.1:8000"  # serve changes it: the fixture puts it back
    started: list[tuple[str, tuple[Any, ...], str]] = []

    def start_child(name: str, target: Any, arguments: tuple[Any, ...]) -> FinishedProcess:
        # What the forked child would see: its settings and environment.
        started.append((name, arguments, django_settings.SITE_URL))
        assert os.environ["CIVICTALENT_SITE_URL"] == "http://127.0.0.1:8765"
        return FinishedProcess()

    monkeypatch.setattr(serve, "start_child", start_child)
    monkeypatch.setattr(serve, "wait_until_listening", lambda *args, **kwargs: True)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)
    with pytest.raises(SystemExit):  # the children "stopped", so serve stops too
        call_command("serve", "--port", "8765")
    assert [name for name, _, _ in started] == ["web", "worker", "scheduler"]
    assert {site_url for _, _, site_url in started} == {"http://127.0.0.1:8765"}
    application, options = started[0][1]
    assert callable(application)  # the WSGI application, loaded before the fork
    assert options["bind"] == ["127.0.0.1:8765"] and options["preload_app"] is True
    assert Heartbeat.objects.filter(name=STARTED).exists()


def test_serve_prepares_in_its_own_process_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(serve, "call_command", lambda name, **options: ran.append(name))
    monkeypatch.setattr(serve, "collect_if_changed", lambda **options: ran.append("collectstatic"))
    command: Any = serve.Command()
    command._prepare(migrate=True, demo=True)
    assert ran == ["migrate", "createcachetable", "demo", "collectstatic"]
    ran.clear()
    command._prepare(migrate=False, demo=False)
    assert ran == []
