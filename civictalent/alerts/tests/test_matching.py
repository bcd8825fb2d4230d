"""The digest builder's indexes mean exactly what SearchCriteria.matches means."""

from __future__ import annotations

import datetime
import random
from dataclasses import replace

import pytest

from civictalent.alerts.matching import Candidate, Candidates
from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace
from civictalent.jobs.criteria import SearchCriteria, VacancyFacts

NOW = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=datetime.UTC)
WORDS = ["data", "analyst", "database", "developer", "dev", "housing", "hackney", "cloud", "é"]
FAMILIES = ["data", "software-development", "user-centred-design", ""]
COUNCILS = ["hackney", "greenwich", "camden"]


def random_facts(rng: random.Random) -> VacancyFacts:
    low = rng.choice([None, 30_000_00, 40_000_00, 50_000_00])
    high = None if low is None or rng.random() < 0.3 else low + rng.choice([0, 5_000_00])
    return VacancyFacts(
        title="Vacancy",
        text=" ".join(rng.choices(WORDS, k=rng.randint(0, 6))).upper()
        if rng.random() < 0.2
        else " ".join(rng.choices(WORDS, k=rng.randint(0, 6))),
        family=rng.choice(FAMILIES),
        seniority=rng.choice([*Seniority.values, ""]),
        council=rng.choice(COUNCILS),
        annual_min_pence=low,
        annual_max_pence=high,
        working_pattern=rng.choice([*WorkingPattern.values, ""]),
        contract=rng.choice([*Contract.values, ""]),
        workplace=rng.choice([*Workplace.values, ""]),
        published_at=NOW - datetime.timedelta(hours=rng.randint(0, 24 * 20)),
    )


def pick(rng: random.Random, values: list[str], chance: float) -> tuple[str, ...]:
    if rng.random() > chance:
        return ()
    return tuple(sorted(set(rng.sample(values, rng.randint(1, min(2, len(values)))))))


def random_criteria(rng: random.Random) -> SearchCriteria:
    keywords = ""
    if rng.random() < 0.5:
        terms = rng.sample(WORDS, rng.randint(1, 3))
        if rng.random() < 0.5:
            terms[-1] = terms[-1][: rng.randint(1, len(terms[-1]))]
        keywords = " ".join(terms)
    return SearchCriteria(
        keywords=keywords,
        families=pick(rng, [f for f in FAMILIES if f], 0.3),
        levels=pick(rng, list(Seniority.values), 0.3),
        councils=pick(rng, COUNCILS, 0.3),
        min_salary=rng.choice([None, 35_000, 45_000, 55_000]),
        patterns=pick(rng, list(WorkingPattern.values), 0.2),
        contracts=pick(rng, list(Contract.values), 0.2),
        workplaces=pick(rng, list(Workplace.values), 0.2),
        posted_within_days=rng.choice([None, None, 1, 3, 7, 14]),
    )


@pytest.mark.parametrize("seed", range(6))
def test_the_indexes_agree_with_matches_over_random_searches(seed: int) -> None:
    rng = random.Random(seed)
    facts = [random_facts(rng) for _ in range(300)]
    candidates = Candidates(Candidate(1000 + n, f) for n, f in enumerate(facts))
    by_id = {1000 + n: f for n, f in enumerate(facts)}
    matched_any = 0
    for _ in range(200):
        criteria = random_criteria(rng)
        found = {candidates.ids[p] for p in candidates.matching(criteria, now=NOW)}
        expected = {pk for pk, f in by_id.items() if criteria.matches(f, now=NOW)}
        assert found == expected, criteria
        matched_any += bool(expected)
    assert matched_any > 20  # the searches were not all empty-handed


def test_positions_are_in_published_order_and_cut_strictly_after_a_moment() -> None:
    rng = random.Random(7)
    facts = [random_facts(rng) for _ in range(100)]
    candidates = Candidates(Candidate(n, f) for n, f in enumerate(facts))
    everything = candidates.matching(SearchCriteria(), now=NOW)
    assert list(everything) == sorted(everything) and len(everything) == 100
    published = candidates.published
    assert [facts[candidates.ids[p]].published_at for p in everything] == published
    assert published == sorted(published)
    moment = published[40]
    after = candidates.published_after(everything, moment)
    assert [published[p] for p in after] == [when for when in published if when > moment]
    assert after and all(published[p] > moment for p in after)


def test_the_last_word_matches_as_a_prefix_and_the_others_whole() -> None:
    def facts(text: str) -> VacancyFacts:
        return replace(random_facts(random.Random(1)), text=text)

    candidates = Candidates(
        [Candidate(1, facts("Data analyst")), Candidate(2, facts("Database developer"))]
    )

    def ids(keywords: str) -> set[int]:
        positions = candidates.matching(SearchCriteria(keywords=keywords), now=NOW)
        return {candidates.ids[p] for p in positions}

    assert ids("data") == {1, 2}  # "data" is the start of "database"
    assert ids("data analyst") == {1}
    assert ids("dat dev") == set()  # "dat" is not a whole word
    assert ids("DATABASE dev") == {2}
