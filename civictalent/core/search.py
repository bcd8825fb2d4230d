"""The one search interface: SQLite FTS5 on SQLite, full-text search on PostgreSQL.

Callers index text for an object (``search_index``) and get back matching object ids, best
first (``search_ids``). Nothing else in the project writes SQL for search.
"""

from __future__ import annotations

import re

from django.db import connection, transaction

from civictalent.core.models import SearchDocument

WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12


def search_index(*, kind: str, object_id: int, text: str) -> None:
    """Create or replace the searchable text of one object."""
    with transaction.atomic():
        SearchDocument.objects.update_or_create(
            kind=kind, object_id=object_id, defaults={"body": text[:200_000]}
        )


def search_remove(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


def query_terms(query: str) -> list[str]:
    """The words of a query, without operators: user input never reaches the SQL as syntax."""
    return WORD.findall(query.lower())[:MAX_TERMS]


def search_ids(*, kind: str, query: str, limit: int = 5000) -> list[int]:
    """Ids of the objects of ``kind`` matching every word of ``query``, most relevant first."""
    terms = query_terms(query)
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT object_id FROM core_searchdocument "
                "WHERE kind = %s "
                "AND to_tsvector('english', body) @@ plainto_tsquery('english', %s) "
                "ORDER BY ts_rank(to_tsvector('english', body), plainto_tsquery('english', %s)) "
                "DESC LIMIT %s",
                [kind, " ".join(terms), " ".join(terms), limit],
            )
        elif connection.vendor == "sqlite":
            # Each word quoted, so FTS5 reads it as a word, never as an operator; prefix match.
            match = " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)
            cursor.execute(
                "SELECT d.object_id FROM core_searchdocument_fts f "
                "JOIN core_searchdocument d ON d.id = f.rowid "
                "WHERE core_searchdocument_fts MATCH %s AND d.kind = %s "
                "ORDER BY bm25(core_searchdocument_fts) LIMIT %s",
                [match, kind, limit],
            )
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(connection.vendor)
        return [row[0] for row in cursor.fetchall()]
