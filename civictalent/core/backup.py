"""Back up the database to one file, and restore it from one: SQLite or PostgreSQL.

SQLite uses its online backup API, which takes a consistent copy while the platform runs (a plain
file copy could miss what is still in the write-ahead log). PostgreSQL uses ``pg_dump`` in its
custom format and ``pg_restore --clean --if-exists`` in one transaction, so a restore that fails
part way leaves the database as it was. Both tools come from PATH (the PostgreSQL client package).

A backup is written beside its destination under a temporary name and renamed when complete, so
a backup file is never half written. A restore first checks the file is a backup of the right
kind (SQLite or PostgreSQL, holding Civic Talent's tables) and explains clearly if not.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
POSTGRES_MAGIC = b"PGDMP"  # pg_dump's custom format
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
# A Civic Talent database always has this table (Django records the migrations applied).
MARKER_TABLE = "django_migrations"


class BackupError(Exception):
    """A backup or restore that cannot go ahead, with a message that says what to do."""


@dataclass
class BackupReport:
    action: str  # "backup" or "restore"
    engine: str  # "sqlite" or "postgresql"
    database: str  # the database's name or file (never its password)
    path: str
    bytes: int
    sha256: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> str:
        engine = _engine_name(self.engine)
        if self.action == "backup":
            return (
                f"Backed up the {engine} database {self.database} to {self.path} "
                f"({self.bytes:,} bytes, sha256 {self.sha256[:12]}).\n"
            )
        return (
            f"Restored the {engine} database {self.database} from {self.path}. If the "
            "backup came from an older release, run `civictalent migrate` now.\n"
        )


def backup_kind(path: Path) -> str | None:
    """Which kind of backup a file is, from its first bytes: "sqlite", "postgresql" or None."""
    try:
        with path.open("rb") as file:
            start = file.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if start == SQLITE_MAGIC:
        return SQLITE
    if start.startswith(POSTGRES_MAGIC):
        return POSTGRESQL
    return None


def database_engine(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in (SQLITE, POSTGRESQL):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _database_label(using: str) -> str:
    return str(connections[using].settings_dict["NAME"])


def _temporary_beside(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.{os.getpid()}.partial")


def database_backup(
    destination: Path, *, overwrite: bool = False, using: str = "default"
) -> BackupReport:
    """Write a backup of the database to ``destination``; refuses to replace a file unless
    ``overwrite``."""
    engine = database_engine(using)
    destination = destination.expanduser().absolute()
    if destination.is_dir():
        raise BackupError(f"{destination} is a folder: give the backup a file name.")
    if destination.exists() and not overwrite:
        raise BackupError(f"{destination} already exists: choose a new name, or add --force.")
    if not destination.parent.is_dir():
        raise BackupError(f"The folder {destination.parent} does not exist: create it first.")
    started = time.perf_counter()
    partial = _temporary_beside(destination)
    try:
        if engine == SQLITE:
            _sqlite_backup(partial, using)
        else:
            _postgres_backup(partial, using)
        partial.replace(destination)
    finally:
        partial.unlink(missing_ok=True)
    return BackupReport(
        action="backup",
        engine=engine,
        database=_database_label(using),
        path=str(destination),
        bytes=destination.stat().st_size,
        sha256=_file_digest(destination),
        seconds=round(time.perf_counter() - started, 3),
    )


def database_restore(source: Path, *, using: str = "default") -> BackupReport:
    """Replace everything in the database with the backup in ``source``."""
    engine = database_engine(using)
    source = source.expanduser().absolute()
    if not source.is_file():
        raise BackupError(f"There is no backup file at {source}.")
    kind = backup_kind(source)
    if kind is None:
        raise BackupError(
            f"{source} is not a Civic Talent backup: it is neither a SQLite database nor a "
            "PostgreSQL custom-format dump (made by `civictalent backup`)."
        )
    if kind != engine:
        raise BackupError(
            f"{source} is a {_engine_name(kind)} backup, but this platform's database is "
            f"{_engine_name(engine)}. Restore it into a {_engine_name(kind)} database, or "
            "move the data across with `civictalent dumpdata` and `loaddata`."
        )
    if connections[using].in_atomic_block:
        raise BackupError("Cannot restore inside a database transaction.")
    started = time.perf_counter()
    if engine == SQLITE:
        _sqlite_restore(source, using)
    else:
        _postgres_restore(source, using)
    return BackupReport(
        action="restore",
        engine=engine,
        database=_database_label(using),
        path=str(source),
        bytes=source.stat().st_size,
        sha256=_file_digest(source),
        seconds=round(time.perf_counter() - started, 3),
    )


def _engine_name(engine: str) -> str:
    return "SQLite" if engine == SQLITE else "PostgreSQL"


# --- SQLite -----------------------------------------------------------------------------------


def _raw_sqlite(using: str) -> sqlite3.Connection:
    connection = connections[using]
    connection.ensure_connection()
    raw = connection.connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def _sqlite_backup(partial: Path, using: str) -> None:
    sqlite_copy(_raw_sqlite(using), partial)


def sqlite_copy(source: sqlite3.Connection, destination: Path) -> None:
    """Copy a live SQLite database to ``destination`` with the online backup API: a consistent
    state, even while other connections write, then checked."""
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
    check_sqlite_backup(destination)


def check_sqlite_backup(path: Path) -> None:
    """Raise BackupError unless ``path`` is an intact SQLite copy of a Civic Talent database."""
    try:
        backup = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise BackupError(f"{path} cannot be opened as a SQLite database ({error}).") from None
    try:
        (verdict,) = backup.execute("PRAGMA quick_check").fetchone()
        has_marker = backup.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MARKER_TABLE,)
        ).fetchone()
    except sqlite3.Error as error:
        raise BackupError(f"{path} is not a readable SQLite database ({error}).") from None
    finally:
        backup.close()
    if verdict != "ok":
        raise BackupError(f"{path} is damaged (SQLite's check says: {verdict}).")
    if not has_marker:
        raise BackupError(
            f"{path} is a SQLite database but not a Civic Talent one (it has no "
            f"{MARKER_TABLE} table)."
        )


def _sqlite_restore(source: Path, using: str) -> None:
    check_sqlite_backup(source)
    backup = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        backup.backup(_raw_sqlite(using))
    finally:
        backup.close()


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_tool(name: str) -> str:
    """The full path of ``pg_dump`` or ``pg_restore`` on PATH, or a clear error."""
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} is not installed or not on PATH. Install the PostgreSQL client tools "
            "(on Debian or Ubuntu: apt-get install postgresql-client), matching or newer than "
            "the server's version."
        )
    return found


def _postgres_environment(using: str) -> dict[str, str]:
    """Connection details for the PostgreSQL tools, passed in the environment so the password
    never appears in a process list."""
    settings = connections[using].settings_dict
    env = dict(os.environ)
    for variable, value in (
        ("PGHOST", settings.get("HOST")),
        ("PGPORT", settings.get("PORT")),
        ("PGUSER", settings.get("USER")),
        ("PGPASSWORD", settings.get("PASSWORD")),
        ("PGDATABASE", settings.get("NAME")),
        ("PGSSLMODE", (settings.get("OPTIONS") or {}).get("sslmode")),
    ):
        if value:
            env[variable] = str(value)
    return env


def _run(command: list[str], env: dict[str, str], what: str) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise BackupError(f"{what} failed: {detail[-1] if detail else f'exit {result.returncode}'}")
    return result.stdout


def _postgres_backup(partial: Path, using: str) -> None:
    env = _postgres_environment(using)
    _run(
        [postgres_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"],
        env,
        "pg_dump",
    )
    check_postgres_backup(partial, env)


def check_postgres_backup(path: Path, env: dict[str, str] | None = None) -> None:
    """Raise BackupError unless ``path`` is a readable pg_dump archive of Civic Talent's tables."""
    listing = _run(
        [postgres_tool("pg_restore"), "--list", str(path)],
        env or dict(os.environ),
        f"Reading {path} as a PostgreSQL backup",
    )
    if f" TABLE public {MARKER_TABLE} " not in listing:
        raise BackupError(
            f"{path} is a PostgreSQL backup but not of a Civic Talent database (it has no "
            f"{MARKER_TABLE} table)."
        )


def _postgres_restore(source: Path, using: str) -> None:
    env = _postgres_environment(using)
    check_postgres_backup(source, env)
    connections[using].close()  # hold no locks of our own while tables are replaced
    _run(
        [
            postgres_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",  # all or nothing
            f"--dbname={env.get('PGDATABASE', '')}",
            str(source),
        ],
        env,
        "pg_restore",
    )
