"""`civictalent backup` and `civictalent restore`: a round trip brings the data back, and a
restore refuses to go ahead without confirmation or with the wrong kind of file.

The SQLite tests run in the ordinary pass; the PostgreSQL round trip runs in the PostgreSQL pass
(DATABASE_URL=postgres://..., as `make pytest-postgres` does) and must run under CI=true.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from civictalent.accounts.models import User
from civictalent.core import backup
from civictalent.core.backup import BackupError, backup_kind
from civictalent.organisations.models import Organisation
from conftest import require

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def needs(vendor: str) -> None:
    if connection.vendor == vendor:
        return
    if vendor == "postgresql":
        if os.environ.get("TEST_POSTGRES_URL"):
            pytest.skip("runs in the PostgreSQL pass of the suite (TEST_POSTGRES_URL)")
        require(
            False,
            "the PostgreSQL round trip needs PostgreSQL: set TEST_POSTGRES_URL, or run with "
            "DATABASE_URL=postgres://user:password@host:5432/name",
        )
    pytest.skip("runs in the SQLite pass of the suite (make pytest)")


def round_trip(
    tmp_path: Path, council_a: Organisation, make_user: Callable[..., User], engine: str
) -> None:
    """Create data, back up, change and delete it, restore: the original data is back."""
    kept = make_user(email="kept@example.org", organisation=council_a)
    target = tmp_path / "civictalent.backup"

    written = json.loads(run("backup", str(target), "--json"))

    assert written["engine"] == engine and written["action"] == "backup"
    assert written["path"] == str(target) and written["bytes"] == target.stat().st_size > 0
    assert len(written["sha256"]) == 64
    assert backup_kind(target) == engine
    assert not list(tmp_path.glob(".*partial")), "no temporary file left behind"

    User.objects.filter(pk=kept.pk).delete()
    Organisation.objects.filter(pk=council_a.pk).update(name="Renamed after the backup")
    make_user(email="added-after@example.org")

    restored = json.loads(run("restore", str(target), "--yes", "--json"))

    assert restored["action"] == "restore" and restored["sha256"] == written["sha256"]
    assert User.objects.get(email="kept@example.org").memberships.get().organisation == council_a
    assert Organisation.objects.get(pk=council_a.pk).name == council_a.name
    assert not User.objects.filter(email="added-after@example.org").exists()


def test_sqlite_round_trip_brings_the_data_back(
    tmp_path: Path, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    needs("sqlite")
    round_trip(tmp_path, council_a, make_user, "sqlite")


def test_postgresql_round_trip_brings_the_data_back(
    tmp_path: Path, council_a: Organisation, make_user: Callable[..., User]
) -> None:
    needs("postgresql")
    round_trip(tmp_path, council_a, make_user, "postgresql")


def test_restore_refuses_without_confirmation_and_changes_nothing(
    tmp_path: Path, make_user: Callable[..., User]
) -> None:
    make_user(email="before@example.org")
    target = tmp_path / "before.backup"
    run("backup", str(target))
    make_user(email="after@example.org")

    with pytest.raises(CommandError, match=r"Nothing restored.*--yes"):
        run("restore", str(target))  # stdin is not a terminal, so nobody can confirm

    assert User.objects.filter(email="after@example.org").exists()


def test_restore_refuses_a_file_that_is_not_a_backup_of_this_kind(tmp_path: Path) -> None:
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("CREATE TABLE people (name text);\n")
    with pytest.raises(CommandError, match="is not a Civic Talent backup"):
        run("restore", str(not_a_backup), "--yes")

    with pytest.raises(CommandError, match="There is no backup file at"):
        run("restore", str(tmp_path / "missing.backup"), "--yes")

    other_kind = tmp_path / "other.backup"
    if connection.vendor == "sqlite":
        other_kind.write_bytes(b"PGDMP\x01\x0f\x00" + b"\x00" * 64)
        expected = "is a PostgreSQL backup, but this platform's database is SQLite"
    else:
        other_kind.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)
        expected = "is a SQLite backup, but this platform's database is PostgreSQL"
    with pytest.raises(CommandError, match=expected):
        run("restore", str(other_kind), "--yes")


def test_restore_refuses_a_sqlite_database_of_another_application(tmp_path: Path) -> None:
    needs("sqlite")
    stranger = tmp_path / "stranger.sqlite3"
    with sqlite3.connect(stranger) as database:
        database.execute("CREATE TABLE recipes (name text)")
    database.close()
    before = User.objects.count()

    with pytest.raises(CommandError, match="not a Civic Talent one"):
        run("restore", str(stranger), "--yes")

    assert User.objects.count() == before


def test_backup_will_not_replace_a_file_unless_forced(
    tmp_path: Path, make_user: Callable[..., User]
) -> None:
    target = tmp_path / "existing.backup"
    target.write_text("precious")
    with pytest.raises(CommandError, match="already exists: choose a new name, or add --force"):
        run("backup", str(target))
    assert target.read_text() == "precious"
    with pytest.raises(CommandError, match="does not exist: create it first"):
        run("backup", str(tmp_path / "no-such-folder" / "x.backup"))

    make_user(email="forced@example.org")
    assert "Backed up the" in run("backup", str(target), "--force")
    assert backup_kind(target) == connection.vendor


def test_missing_postgresql_tools_are_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no pg_dump, no pg_restore
    with pytest.raises(BackupError, match="pg_dump is not installed or not on PATH"):
        backup.postgres_tool("pg_dump")


def test_sqlite_online_backup_is_consistent_while_another_process_writes(tmp_path: Path) -> None:
    """The online backup API copies a consistent state while a writer keeps committing."""
    needs("sqlite")
    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE django_migrations (id integer primary key, name text)")
        setup.execute("CREATE TABLE pairs (id integer primary key, a integer, b integer)")
    setup.close()
    stop, started = threading.Event(), threading.Event()

    def writer() -> None:
        # Every transaction inserts two rows with a == b: a torn copy would show a lone row.
        database = sqlite3.connect(live, timeout=10)
        number = 0
        while not stop.is_set():
            number += 1
            with database:
                database.execute("INSERT INTO pairs (a, b) VALUES (?, ?)", (number, number))
                database.execute("INSERT INTO pairs (a, b) VALUES (?, ?)", (number, number))
            started.set()
        database.close()

    thread = threading.Thread(target=writer)
    thread.start()
    copies = []
    try:
        assert started.wait(timeout=30), "the writer never committed"
        for n in range(5):
            copy = tmp_path / f"copy{n}.sqlite3"
            source = sqlite3.connect(live, timeout=10)
            backup.sqlite_copy(source, copy)  # what `civictalent backup` does on SQLite
            source.close()
            copies.append(copy)
    finally:
        stop.set()
        thread.join()

    for copy in copies:
        with sqlite3.connect(copy) as database:
            counts = database.execute("SELECT a, count(*) FROM pairs GROUP BY a").fetchall()
        database.close()
        assert counts, "the copy holds the writer's rows"
        assert all(count == 2 for _a, count in counts), "a transaction was copied in half"
