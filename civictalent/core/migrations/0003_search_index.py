"""Full-text indexes for SearchDocument: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    # kind and object_id ride along unindexed, so a search needs no join back to the table.
    "CREATE VIRTUAL TABLE core_searchdocument_fts USING fts5("
    "body, kind UNINDEXED, object_id UNINDEXED, content='core_searchdocument', "
    "content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER core_searchdocument_ai AFTER INSERT ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(rowid, body, kind, object_id) "
    "VALUES (new.id, new.body, new.kind, new.object_id); END",
    "CREATE TRIGGER core_searchdocument_ad AFTER DELETE ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, body, kind, object_id) "
    "VALUES ('delete', old.id, old.body, old.kind, old.object_id); END",
    "CREATE TRIGGER core_searchdocument_au AFTER UPDATE ON core_searchdocument BEGIN "
    "INSERT INTO core_searchdocument_fts(core_searchdocument_fts, rowid, body, kind, object_id) "
    "VALUES ('delete', old.id, old.body, old.kind, old.object_id); "
    "INSERT INTO core_searchdocument_fts(rowid, body, kind, object_id) "
    "VALUES (new.id, new.body, new.kind, new.object_id); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_searchdocument_au",
    "DROP TRIGGER IF EXISTS core_searchdocument_ad",
    "DROP TRIGGER IF EXISTS core_searchdocument_ai",
    "DROP TABLE IF EXISTS core_searchdocument_fts",
]
POSTGRES_FORWARD = [
    "CREATE INDEX core_searchdocument_body_fts ON core_searchdocument "
    "USING GIN (to_tsvector('english', body))"
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS core_searchdocument_body_fts"]


def forward(apps, schema_editor):
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search_document")]

    operations = [migrations.RunPython(forward, backward)]
