"""Replace the shared FTS5 table with one contentless table per kind (SQLite) and the
expression index with a stored tsvector column (PostgreSQL). See core/search_schema.py."""

import importlib

from django.db import migrations

from civictalent.core.search_schema import (
    POSTGRES_BACKWARD,
    POSTGRES_FORWARD,
    sqlite_kind_backward,
    sqlite_kind_forward,
)

KINDS = ("jd", "vacancy")  # frozen here: later kinds get their own migration

OLD_SQLITE = [
    "DROP TRIGGER IF EXISTS core_searchdocument_au",
    "DROP TRIGGER IF EXISTS core_searchdocument_ad",
    "DROP TRIGGER IF EXISTS core_searchdocument_ai",
    "DROP TABLE IF EXISTS core_searchdocument_fts",
]
OLD_POSTGRES = ["DROP INDEX IF EXISTS core_searchdocument_body_fts"]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = OLD_SQLITE + [s for kind in KINDS for s in sqlite_kind_forward(kind)]
    elif vendor == "postgresql":
        statements = OLD_POSTGRES + POSTGRES_FORWARD
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    old = importlib.import_module("civictalent.core.migrations.0003_search_index")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = [s for kind in KINDS for s in sqlite_kind_backward(kind)]
        statements += old.SQLITE_FORWARD + [
            "INSERT INTO core_searchdocument_fts(core_searchdocument_fts) VALUES ('rebuild')"
        ]
    elif vendor == "postgresql":
        statements = POSTGRES_BACKWARD + old.POSTGRES_FORWARD
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_index")]

    operations = [migrations.RunPython(forward, backward)]
