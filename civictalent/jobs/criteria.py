"""A jobs search as data: read from a URL's query, written back as one canonical query string.

The board's filters, saved searches, RSS and Atom feeds and email alerts all use this one
definition, so "the same search" means the same thing everywhere. ``matches`` is the reference
meaning of every filter: the database query (selectors) and the digest builder (alerts) must
agree with it, and their tests compare them with it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from civictalent.core.money import pence_from_pounds, pounds_text
from civictalent.core.numbers import parse_bounded_int
from civictalent.core.search_terms import WORD, query_terms
from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace

SORTS = {
    "newest": "Newest first",
    "closing": "Closing soonest",
    "salary": "Highest salary",
    "relevance": "Best match",
}
DEFAULT_SORT = "newest"
POSTED_WITHIN_DAYS = {1: "Last 24 hours", 3: "Last 3 days", 7: "Last 7 days", 14: "Last 14 days"}
MAX_KEYWORDS = 200
MAX_VALUES = 40
MAX_SALARY = 500_000
# Read once: TextChoices builds a new list on every ``.values``, and the digest builder parses
# 100,000 searches.
SENIORITIES = frozenset(Seniority.values)
WORKING_PATTERNS = frozenset(WorkingPattern.values)
CONTRACTS = frozenset(Contract.values)
WORKPLACES = frozenset(Workplace.values)

# Query parameter names. Repeated parameters (?family=data&family=digital) select several.
PARAMS = (
    "q",
    "family",
    "level",
    "council",
    "min_salary",
    "pattern",
    "contract",
    "workplace",
    "posted",
    "sort",
)


def seniority_of_rank(rank: int | None) -> str:
    """The seniority band of a framework rank (see framework.seniority for the ladder)."""
    if rank is None:
        return ""
    if rank < 30:
        return Seniority.ENTRY
    if rank < 50:
        return Seniority.PRACTITIONER
    if rank < 62:
        return Seniority.SENIOR
    if rank < 80:
        return Seniority.LEAD
    return Seniority.HEAD


def seniority_of_level(level_name: str, role_name: str) -> str:
    """The seniority band of a role level from its name. ``RoleLevel.rank`` only orders the
    levels within one role (1, 2, 3...), so it cannot be given to ``seniority_of_rank``."""
    from civictalent.framework.seniority import level_rank

    return seniority_of_rank(level_rank(level_name, role_name))


@dataclass(frozen=True)
class VacancyFacts:
    """What the filters read from one vacancy (``matches`` works on these, not on models)."""

    title: str
    text: str  # title, summary, description, council and location: what search indexes
    family: str  # job family slug, or ""
    seniority: str
    council: str  # organisation slug
    annual_min_pence: int | None
    annual_max_pence: int | None
    working_pattern: str
    contract: str
    workplace: str
    published_at: datetime.datetime | None


@dataclass(frozen=True)
class SearchCriteria:
    keywords: str = ""
    families: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    councils: tuple[str, ...] = ()
    min_salary: int | None = None  # whole pounds a year
    patterns: tuple[str, ...] = ()
    contracts: tuple[str, ...] = ()
    workplaces: tuple[str, ...] = ()
    posted_within_days: int | None = None
    sort: str = DEFAULT_SORT
    problems: tuple[str, ...] = field(default=(), compare=False)

    @property
    def terms(self) -> list[str]:
        return query_terms(self.keywords)

    @property
    def is_empty(self) -> bool:
        """No filter at all (the sort does not count): every open vacancy matches."""
        return self.without_sort() == SearchCriteria()

    def without_sort(self) -> SearchCriteria:
        return replace(self, sort=DEFAULT_SORT, problems=())

    def to_query_string(self, *, include_sort: bool = True) -> str:
        """The canonical query: parameters in a fixed order, values sorted, defaults left out."""
        pairs: list[tuple[str, str]] = []
        if self.keywords:
            pairs.append(("q", self.keywords))
        pairs += [("family", value) for value in self.families]
        pairs += [("level", value) for value in self.levels]
        pairs += [("council", value) for value in self.councils]
        if self.min_salary is not None:
            pairs.append(("min_salary", str(self.min_salary)))
        pairs += [("pattern", value) for value in self.patterns]
        pairs += [("contract", value) for value in self.contracts]
        pairs += [("workplace", value) for value in self.workplaces]
        if self.posted_within_days is not None:
            pairs.append(("posted", str(self.posted_within_days)))
        if include_sort and self.sort != DEFAULT_SORT:
            pairs.append(("sort", self.sort))
        return urlencode(pairs)

    def matches(self, facts: VacancyFacts, *, now: datetime.datetime | None = None) -> bool:
        """Whether one open vacancy meets every filter (the sort is ignored)."""
        if self.families and facts.family not in self.families:
            return False
        if self.levels and facts.seniority not in self.levels:
            return False
        if self.councils and facts.council not in self.councils:
            return False
        if self.min_salary is not None and not meets_minimum_salary(
            self.min_salary, facts.annual_min_pence, facts.annual_max_pence
        ):
            return False
        if self.patterns and facts.working_pattern not in self.patterns:
            return False
        if self.contracts and facts.contract not in self.contracts:
            return False
        if self.workplaces and facts.workplace not in self.workplaces:
            return False
        if self.posted_within_days is not None:
            if facts.published_at is None or now is None:
                return False
            if facts.published_at < now - datetime.timedelta(days=self.posted_within_days):
                return False
        return keywords_match(self.terms, facts.text)


def meets_minimum_salary(
    min_salary_pounds: int, annual_min_pence: int | None, annual_max_pence: int | None
) -> bool:
    """A job meets a minimum salary when the top of its range does, or when it gives no top
    (a single figure, or "from £X"): the candidate decides, as Teaching Vacancies does."""
    if annual_max_pence is None:
        return True
    return annual_max_pence >= pence_from_pounds(min_salary_pounds)


def keywords_match(terms: list[str], text: str) -> bool:
    """Every word present; the last may be the start of a word (as people type)."""
    if not terms:
        return True
    words = set(WORD.findall(text.lower()))
    *whole, last = terms
    if any(term not in words for term in whole):
        return False
    return last in words or any(word.startswith(last) for word in words)


def criteria_from_query(query: Mapping[str, Iterable[str]]) -> SearchCriteria:
    """Read a search from query parameters (``request.GET`` lists). Unknown values are dropped
    and described in ``problems``, so a shared or old link still shows the rest of its search."""
    problems: list[str] = []

    def values(name: str) -> list[str]:
        raw = query.get(name) or []
        if isinstance(raw, str):
            raw = [raw]
        return [value.strip() for value in raw if value and value.strip()][:MAX_VALUES]

    def chosen(name: str, allowed: frozenset[str], what: str) -> tuple[str, ...]:
        picked = sorted(set(values(name)))
        unknown = [value for value in picked if value not in allowed]
        if unknown:
            problems.append(f"Ignored unknown {what}: {', '.join(unknown[:5])}.")
        return tuple(value for value in picked if value in allowed)

    def slugs(name: str) -> tuple[str, ...]:
        picked = sorted({value.lower() for value in values(name)})
        return tuple(value[:80] for value in picked if value.replace("-", "").isalnum())

    keywords = " ".join(" ".join(values("q")).split())[:MAX_KEYWORDS]
    min_salary = _whole_pounds(values("min_salary"), problems)
    posted = values("posted")
    posted_days: int | None = None
    if posted:
        posted_days = parse_bounded_int(posted[0])
        if posted_days not in POSTED_WITHIN_DAYS:
            problems.append("Ignored the posting date filter: choose one of the options.")
            posted_days = None
    sort = (values("sort") or [DEFAULT_SORT])[0]
    if sort not in SORTS:
        problems.append("Ignored an unknown sort order.")
        sort = DEFAULT_SORT
    return SearchCriteria(
        keywords=keywords,
        families=slugs("family"),
        levels=chosen("level", SENIORITIES, "levels"),
        councils=slugs("council"),
        min_salary=min_salary,
        patterns=chosen("pattern", WORKING_PATTERNS, "working patterns"),
        contracts=chosen("contract", CONTRACTS, "contract types"),
        workplaces=chosen("workplace", WORKPLACES, "workplaces"),
        posted_within_days=posted_days,
        sort=sort,
        problems=tuple(problems),
    )


def criteria_from_query_string(query_string: str) -> SearchCriteria:
    from urllib.parse import parse_qs

    return criteria_from_query(parse_qs(query_string, keep_blank_values=False))


def _whole_pounds(raw: list[str], problems: list[str]) -> int | None:
    if not raw:
        return None
    text = raw[0].replace(",", "").replace("£", "").strip()
    # Whole pounds; pence after a point are dropped ("40000.00" is 40000).
    whole, point, pence = text.partition(".")
    pounds = parse_bounded_int(whole, maximum=MAX_SALARY)
    if point and parse_bounded_int(pence or "0") is None:
        pounds = None
    if pounds is None:
        problems.append(
            f"Ignored the minimum salary: enter a whole number of pounds a year up to "
            f"{pounds_text(pence_from_pounds(MAX_SALARY))}, like 40000."
        )
        return None
    return pounds or None
