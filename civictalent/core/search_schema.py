"""The SQL that builds the full-text indexes behind core.search, used by migrations.

SQLite: one contentless FTS5 table per kind, ``core_search_<kind>``, whose rowid *is* the
object's id. A search reads object ids straight from the index, without a lookup per match
(an external-content table had to read each match's kind and id back from the content table:
75 ms for a common word at 50,000 JDs, against 2 ms now). Triggers on core_searchdocument keep
each table in step; a contentless table forgets a row only when told the text it indexed, which
core_searchdocument still holds.

PostgreSQL: a stored ``tsvector`` column generated from the body, with a GIN index, so matches
are never re-parsed from the text on recheck.

Adding a kind: add it to ``SEARCH_KINDS`` and write a migration that runs
``sqlite_kind_forward(kind)`` (see core/migrations/0004_search_per_kind.py).
"""

from __future__ import annotations

SEARCH_KINDS = ("jd", "vacancy")


def fts_table(kind: str) -> str:
    if kind not in SEARCH_KINDS:
        raise ValueError(f"{kind!r} is not a search kind; add it to SEARCH_KINDS with a migration.")
    return f"core_search_{kind}"


def sqlite_kind_forward(kind: str) -> list[str]:
    """Create the kind's table and triggers and index what is already there. The kind and
    table names come from SEARCH_KINDS, never from input."""
    table = fts_table(kind)
    insert = f"INSERT INTO {table}(rowid, body)"
    forget = f"INSERT INTO {table}({table}, rowid, body)"
    on_change = "AFTER {event} ON core_searchdocument WHEN {when} BEGIN {body} END"
    return [
        f"CREATE VIRTUAL TABLE {table} USING fts5(body, content='', tokenize='porter unicode61')",
        f"CREATE TRIGGER {table}_ai "
        + on_change.format(
            event="INSERT",
            when=f"new.kind = '{kind}'",
            body=f"{insert} VALUES (new.object_id, new.body);",
        ),
        f"CREATE TRIGGER {table}_ad "
        + on_change.format(
            event="DELETE",
            when=f"old.kind = '{kind}'",
            body=f"{forget} VALUES ('delete', old.object_id, old.body);",
        ),
        f"CREATE TRIGGER {table}_au "
        + on_change.format(
            event="UPDATE",
            when=f"old.kind = '{kind}' OR new.kind = '{kind}'",
            body=f"{forget} SELECT 'delete', old.object_id, old.body WHERE old.kind = '{kind}'; "
            f"{insert} SELECT new.object_id, new.body WHERE new.kind = '{kind}';",
        ),
        f"{insert} SELECT object_id, body FROM core_searchdocument WHERE kind = '{kind}'",  # noqa: S608
    ]


def sqlite_kind_backward(kind: str) -> list[str]:
    table = fts_table(kind)
    return [
        f"DROP TRIGGER IF EXISTS {table}_au",
        f"DROP TRIGGER IF EXISTS {table}_ad",
        f"DROP TRIGGER IF EXISTS {table}_ai",
        f"DROP TABLE IF EXISTS {table}",
    ]


POSTGRES_FORWARD = [
    "ALTER TABLE core_searchdocument ADD COLUMN body_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', body)) STORED",
    "CREATE INDEX core_searchdocument_body_vector ON core_searchdocument USING GIN (body_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS core_searchdocument_body_vector",
    "ALTER TABLE core_searchdocument DROP COLUMN IF EXISTS body_vector",
]
