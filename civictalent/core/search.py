"""The one search interface: SQLite FTS5 on SQLite, full-text search on PostgreSQL.

Callers index text for an object (``search_index``) and get back matching object ids, best
first (``search_ids``). Nothing else in the project writes SQL for search.
"""

from __future__ import annotations

import re

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

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


def _match_sql(kind: str, terms: list[str]) -> tuple[str, list[str]]:
    if connection.vendor == "postgresql":
        return (
            "SELECT object_id FROM core_searchdocument WHERE kind = %s "
            "AND to_tsvector('english', body) @@ plainto_tsquery('english', %s)",
            [kind, " ".join(terms)],
        )
    if connection.vendor == "sqlite":
        return (
            "SELECT object_id FROM core_searchdocument_fts "
            "WHERE core_searchdocument_fts MATCH %s AND kind = %s",
            [_fts5_match(terms), kind],
        )
    raise NotImplementedError(connection.vendor)  # pragma: no cover


def _fts5_match(terms: list[str]) -> str:
    # Each word quoted, so FTS5 reads it as a word, never as an operator; prefix match.
    return " AND ".join('"' + term.replace('"', '""') + '"*' for term in terms)


def search_subquery(*, kind: str, query: str) -> RawSQL | None:
    """An SQL subquery of matching object ids, to filter a queryset (``pk__in=...``) without
    carrying thousands of ids through Python. None when the query has no words."""
    terms = query_terms(query)
    if not terms:
        return None
    sql, params = _match_sql(kind, terms)
    return RawSQL(sql, params)  # noqa: S611 - fixed SQL; user words are bound parameters


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
            match = _fts5_match(terms)
            cursor.execute(
                "SELECT object_id FROM core_searchdocument_fts "
                "WHERE core_searchdocument_fts MATCH %s AND kind = %s "
                "ORDER BY bm25(core_searchdocument_fts) LIMIT %s",
                [match, kind, limit],
            )
        else:  # pragma: no cover - only SQLite and PostgreSQL are supported
            raise NotImplementedError(connection.vendor)
        return [row[0] for row in cursor.fetchall()]


def search_count(*, kind: str, query: str) -> int:
    """How many objects match: cheap, so callers can decide whether ranking is worth it."""
    terms = query_terms(query)
    if not terms:
        return 0
    sql, params = _match_sql(kind, terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS matches", params)  # noqa: S608 - fixed SQL
        return int(cursor.fetchone()[0])
