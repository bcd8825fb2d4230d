"""The one search interface: SQLite FTS5 on SQLite, full-text search on PostgreSQL.

Callers index text for an object (``search_index``), then ask ``search(kind, query)`` for the
matches: how many there are, a queryset filtered to them, and the best-ranked ids. Nothing else
in the project writes SQL for search; the indexes themselves are described in search_schema.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from django.db import connection, models, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from civictalent.core.models import SearchDocument
from civictalent.core.search_schema import SEARCH_KINDS, fts_table
from civictalent.core.search_terms import query_terms

# Above this many matches, SQLite does better walking the caller's own index (for its sort or
# its facet) and testing each row against the matches than fetching every match by id and
# sorting them: 6 ms against 33 ms for a word in 35,000 of 50,000 JDs.
WALK_INDEX_ABOVE = 1000
# Matches are counted only this far: callers need "how many, if few" (to rank them, or to pick
# a plan), and counting every match of a common word costs 130 ms on PostgreSQL.
COUNT_LIMIT = WALK_INDEX_ABOVE + 1

Model = TypeVar("Model", bound=models.Model)

__all__ = [
    "SEARCH_KINDS",
    "Matches",
    "index_scans",
    "search",
    "search_ids",
    "search_index",
    "search_remove",
]


def search_index(*, kind: str, object_id: int, text: str) -> None:
    """Create or replace the searchable text of one object."""
    fts_table(kind)  # a clear error for a kind without an index
    with transaction.atomic():
        SearchDocument.objects.update_or_create(
            kind=kind, object_id=object_id, defaults={"body": text[:200_000]}
        )


def search_remove(*, kind: str, object_id: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=object_id).delete()


@dataclass(frozen=True)
class Matches:
    """The objects of one kind matching every word of a query. ``count`` is exact up to
    COUNT_LIMIT; at COUNT_LIMIT it means "at least that many"."""

    kind: str
    terms: tuple[str, ...]
    count: int

    def filter(self, queryset: QuerySet[Model]) -> QuerySet[Model]:
        """``queryset`` narrowed to the matches, in SQL: no ids pass through Python."""
        sql, params = _match_sql(self.kind, self.terms)
        matching = RawSQL(sql, params)  # noqa: S611 - fixed SQL; user words are bound parameters
        if connection.vendor == "sqlite" and self.count > WALK_INDEX_ABOVE:
            # "id + 0" hides the primary key from SQLite's planner, so it walks the index that
            # serves the caller's order or grouping and checks membership in the match list.
            return queryset.alias(_search_key=F("pk") + 0).filter(_search_key__in=matching)
        return queryset.filter(pk__in=matching)

    def ranked_ids(self, limit: int) -> list[int]:
        """Ids of the best matches, most relevant first."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT object_id FROM core_searchdocument "
                    "WHERE kind = %s AND body_vector @@ plainto_tsquery('english', %s) "
                    "ORDER BY ts_rank(body_vector, plainto_tsquery('english', %s)) DESC, "
                    "object_id LIMIT %s",
                    [self.kind, " ".join(self.terms), " ".join(self.terms), limit],
                )
            else:
                table = fts_table(self.kind)
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s "  # noqa: S608 - table from SEARCH_KINDS
                    f"ORDER BY bm25({table}), rowid LIMIT %s",
                    [_fts5_match(self.terms), limit],
                )
            return [row[0] for row in cursor.fetchall()]


@contextmanager
def index_scans() -> Iterator[None]:
    """Inside this block, PostgreSQL reads matches through the GIN index. Its planner underrates
    reading large tsvectors back from TOAST, so for a common word it scans the whole table
    instead: 196 ms against 84 ms through the index for a word in 28,000 of 50,000 JDs. The
    setting is local to the block's transaction. SQLite needs nothing."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def search(kind: str, query: str) -> Matches | None:
    """The matches for ``query``, or None when it has no words to search for."""
    fts_table(kind)  # a clear error for a kind without an index
    terms = tuple(query_terms(query))
    if not terms:
        return None
    sql, params = _match_sql(kind, terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({sql} LIMIT {COUNT_LIMIT}) AS matches",  # noqa: S608 - fixed SQL
            params,
        )
        count = int(cursor.fetchone()[0])
    return Matches(kind=kind, terms=terms, count=count)


def search_ids(*, kind: str, query: str, limit: int = 5000) -> list[int]:
    """Ids of the objects of ``kind`` matching every word of ``query``, most relevant first."""
    matches = search(kind, query)
    return matches.ranked_ids(limit) if matches else []


def _match_sql(kind: str, terms: tuple[str, ...]) -> tuple[str, list[str]]:
    """A subquery of the ids of the objects of ``kind`` matching every word."""
    if connection.vendor == "postgresql":
        return (
            "SELECT object_id FROM core_searchdocument WHERE kind = %s "
            "AND body_vector @@ plainto_tsquery('english', %s)",
            [kind, " ".join(terms)],
        )
    table = fts_table(kind)
    return f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [_fts5_match(terms)]  # noqa: S608 - table from SEARCH_KINDS


def _fts5_match(terms: tuple[str, ...]) -> str:
    # Each word quoted, so FTS5 reads it as a word, never as an operator. Only the last word
    # matches as a prefix (people type the end of a query last); whole words are quicker.
    quoted = ['"' + term.replace('"', '""') + '"' for term in terms]
    return " AND ".join([*quoted[:-1], quoted[-1] + "*"])
