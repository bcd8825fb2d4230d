"""Pagination for lists whose total is already known (from facet counts), so the page does
not count the same rows twice."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet


class CountedPaginator(Paginator):
    def __init__(self, object_list: QuerySet[Any] | Sequence[Any], per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count
