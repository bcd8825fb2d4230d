"""Which new vacancies each alert's search matches, without testing every alert against every
vacancy.

The candidate vacancies (open, published since the oldest alert's last email) are loaded once and
indexed in memory: for each filter value, the set of vacancies that have it; for keywords, an
inverted index from each word to the vacancies whose text contains it, with the vocabulary sorted
so the last term can match as a prefix; for salary and posting date, sorted lists and bisection.
A search is then an intersection of a few sets, computed once per distinct search (alerts share
searches) and cut at each alert's own "since" time by bisection.

The meaning of every filter is jobs.criteria.SearchCriteria.matches; tests compare the two over
random searches and vacancies. No database: it works on ``VacancyFacts`` held in memory.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civictalent.core.money import pence_from_pounds
from civictalent.core.search_terms import WORD
from civictalent.jobs.criteria import SearchCriteria, VacancyFacts

Positions = tuple[int, ...]  # indexes into Candidates.ids, ascending (= oldest published first)


@dataclass(frozen=True)
class Candidate:
    vacancy_id: int
    facts: VacancyFacts


class Candidates:
    """Vacancies indexed for matching; positions are in published order (oldest first)."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        ordered = sorted(
            (c for c in candidates if c.facts.published_at is not None),
            key=lambda c: (c.facts.published_at, c.vacancy_id),
        )
        self.ids: list[int] = [c.vacancy_id for c in ordered]
        self.published: list[datetime.datetime] = [
            c.facts.published_at for c in ordered if c.facts.published_at is not None
        ]
        self.all: frozenset[int] = frozenset(range(len(ordered)))
        self._by: dict[str, dict[str, set[int]]] = {
            name: {} for name in ("family", "seniority", "council", "pattern", "contract", "place")
        }
        self._words: dict[str, set[int]] = {}
        no_top: set[int] = set()
        tops: list[tuple[int, int]] = []
        for position, candidate in enumerate(ordered):
            facts = candidate.facts
            for name, value in (
                ("family", facts.family),
                ("seniority", facts.seniority),
                ("council", facts.council),
                ("pattern", facts.working_pattern),
                ("contract", facts.contract),
                ("place", facts.workplace),
            ):
                self._by[name].setdefault(value, set()).add(position)
            for word in set(WORD.findall(facts.text.lower())):
                self._words.setdefault(word, set()).add(position)
            if facts.annual_max_pence is None:
                no_top.add(position)
            else:
                tops.append((facts.annual_max_pence, position))
        tops.sort()
        self._no_top = frozenset(no_top)
        self._top_pence = [pence for pence, _ in tops]
        self._top_positions = [position for _, position in tops]
        self._vocabulary = sorted(self._words)
        self._prefix_cache: dict[str, frozenset[int]] = {}
        self._salary_cache: dict[int, frozenset[int]] = {}

    def __len__(self) -> int:
        return len(self.ids)

    # -- one set per filter ------------------------------------------------------------------

    def _any_of(self, name: str, values: Sequence[str]) -> set[int]:
        index = self._by[name]
        if len(values) == 1:
            return index.get(values[0], set())
        found: set[int] = set()
        for value in values:
            found |= index.get(value, set())
        return found

    def _salary_at_least(self, pounds: int) -> frozenset[int]:
        """Jobs whose top of range meets the minimum, or that give no top."""
        cached = self._salary_cache.get(pounds)
        if cached is None:
            start = bisect_left(self._top_pence, pence_from_pounds(pounds))
            cached = self._no_top | frozenset(self._top_positions[start:])
            self._salary_cache[pounds] = cached
        return cached

    def _posted_since(self, moment: datetime.datetime) -> frozenset[int]:
        return frozenset(range(bisect_left(self.published, moment), len(self.published)))

    def _starting_with(self, prefix: str) -> frozenset[int]:
        cached = self._prefix_cache.get(prefix)
        if cached is None:
            found: set[int] = set()
            index = bisect_left(self._vocabulary, prefix)
            while index < len(self._vocabulary) and self._vocabulary[index].startswith(prefix):
                found |= self._words[self._vocabulary[index]]
                index += 1
            cached = frozenset(found)
            self._prefix_cache[prefix] = cached
        return cached

    # -- a whole search ----------------------------------------------------------------------

    def matching(self, criteria: SearchCriteria, *, now: datetime.datetime) -> Positions:
        """Positions of the candidates that ``criteria.matches`` (sorted: oldest first)."""
        sets: list[Iterable[int]] = []
        for name, values in (
            ("family", criteria.families),
            ("seniority", criteria.levels),
            ("council", criteria.councils),
            ("pattern", criteria.patterns),
            ("contract", criteria.contracts),
            ("place", criteria.workplaces),
        ):
            if values:
                sets.append(self._any_of(name, values))
        if criteria.min_salary is not None:
            sets.append(self._salary_at_least(criteria.min_salary))
        if criteria.posted_within_days is not None:
            since = now - datetime.timedelta(days=criteria.posted_within_days)
            sets.append(self._posted_since(since))
        terms = criteria.terms
        if terms:
            *whole, last = terms
            sets += [self._words.get(term, set()) for term in whole]
            sets.append(self._starting_with(last))
        if not sets:
            return tuple(range(len(self.ids)))
        sets.sort(key=len)  # type: ignore[arg-type]
        result = set(sets[0])
        for other in sets[1:]:
            if not result:
                break
            result &= other if isinstance(other, set | frozenset) else set(other)
        return tuple(sorted(result))

    def published_after(self, positions: Positions, moment: datetime.datetime) -> Positions:
        """The positions whose vacancy was published strictly after ``moment``."""
        first = bisect_right(self.published, moment)
        return positions[bisect_left(positions, first) :]
