"""Start-up refuses bad configuration with one clear line, and changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import SettingError, env_bool, env_list
from config.settings.base import database_from_url

ROOT = Path(__file__).resolve().parent.parent


def run_check(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "civictalent.cli", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = run_check(DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Civic Talent cannot start: SECRET_KEY is not set")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_with_debug_on() -> None:
    result = run_check(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 50,
        DEBUG="true",
    )
    assert result.returncode == 1
    assert "DEBUG is on" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_starts_with_a_secret_key_and_debug_off() -> None:
    result = run_check(DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_an_invalid_database_url_is_explained() -> None:
    result = run_check(
        DJANGO_SETTINGS_MODULE="config.settings.dev", DATABASE_URL="mysql-ish://nowhere"
    )
    assert result.returncode == 1
    assert "DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url",
    ["not a url", "oracle://user:pass@host/db", "postgres://user:pass@host:5432"],
)
def test_database_url_errors_say_what_to_do(url: str) -> None:
    with pytest.raises(ImproperlyConfigured) as error:
        database_from_url(url)
    assert "DATABASE_URL" in str(error.value)


def test_sqlite_and_postgresql_urls_are_understood() -> None:
    sqlite = database_from_url("sqlite:////tmp/civictalent.sqlite3")
    assert sqlite["ENGINE"].endswith("sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    postgres = database_from_url("postgres://user:pass@db.internal:5432/civictalent")
    assert postgres["ENGINE"].endswith("postgresql")
    assert postgres["NAME"] == "civictalent"


def test_environment_booleans_must_be_booleans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(SettingError, match="SOME_FLAG must be true or false"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG") is True
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert env_list("HOSTS") == ["a.example", "b.example"]
