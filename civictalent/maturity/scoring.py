"""How an assessment is scored, and how London is summarised: pure Python (no Django).

- A question's final level is the one its contributors agree on, or the admin's settlement.
- A topic's (or theme's) score is the mean of its questions' final levels, to two decimal
  places; questions nobody could answer (all "not sure") are left out and counted.
- The level a score reaches is its whole part: a topic at 2.9 has not yet reached level 3.
- The overall score is the mean of the topic scores, each topic counting the same, however many
  questions it has.
- London: the median and quartiles of the other councils' latest scores, shown only when at
  least :data:`MIN_COUNCILS` other councils have one, and never naming a council.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

LOWEST_LEVEL: Final = 1
HIGHEST_LEVEL: Final = 5
# Fewer other councils than this and the London comparison is hidden.
MIN_COUNCILS: Final = 5
TWO_PLACES: Final = Decimal("0.01")


@dataclass(frozen=True)
class Score:
    score: Decimal  # the mean, to two places
    level: int  # the whole level it reaches
    answered: int  # questions with a final level
    questions: int  # questions in the topic or theme


@dataclass(frozen=True)
class QuestionPlace:
    """Where a question sits: its topic and its theme."""

    question_id: int
    topic_id: int
    theme_id: int


@dataclass(frozen=True)
class Scores:
    topics: dict[int, Score]  # topic id -> score (topics with no answered question left out)
    themes: dict[int, Score]
    overall: Score | None  # None when nothing at all was answered


def two_places(value: Decimal) -> Decimal:
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def level_of(score: Decimal) -> int:
    """The whole level a score reaches, within 1 to 5."""
    return max(LOWEST_LEVEL, min(HIGHEST_LEVEL, int(score)))


def mean_score(levels: Sequence[int], questions: int) -> Score | None:
    if not levels:
        return None
    for level in levels:
        if not LOWEST_LEVEL <= level <= HIGHEST_LEVEL:
            raise ValueError(f"A level must be from 1 to 5, not {level}.")
    score = two_places(Decimal(sum(levels)) / Decimal(len(levels)))
    return Score(score=score, level=level_of(score), answered=len(levels), questions=questions)


def final_level(levels: Iterable[int | None], settled: int | None) -> int | None:
    """A question's final level: the settlement if there is one, else the level every
    contributor who gave one agrees on; None when nobody gave a level or they disagree."""
    if settled is not None:
        return settled
    given = {level for level in levels if level is not None}
    return given.pop() if len(given) == 1 else None


def disagrees(levels: Iterable[int | None]) -> bool:
    """True when contributors gave different levels ("not sure" is not a level)."""
    return len({level for level in levels if level is not None}) > 1


def score_assessment(places: Sequence[QuestionPlace], final_levels: Mapping[int, int]) -> Scores:
    """Scores per topic, per theme and overall from each question's final level (question id ->
    level; questions without one are left out)."""
    by_topic: dict[int, list[int]] = defaultdict(list)
    by_theme: dict[int, list[int]] = defaultdict(list)
    topic_size: dict[int, int] = defaultdict(int)
    theme_size: dict[int, int] = defaultdict(int)
    for place in places:
        topic_size[place.topic_id] += 1
        theme_size[place.theme_id] += 1
        level = final_levels.get(place.question_id)
        if level is not None:
            by_topic[place.topic_id].append(level)
            by_theme[place.theme_id].append(level)
    topics = {
        topic: score
        for topic, size in topic_size.items()
        if (score := mean_score(by_topic[topic], size)) is not None
    }
    themes = {
        theme: score
        for theme, size in theme_size.items()
        if (score := mean_score(by_theme[theme], size)) is not None
    }
    overall = None
    if topics:
        mean = two_places(sum((s.score for s in topics.values()), Decimal(0)) / len(topics))
        overall = Score(
            score=mean,
            level=level_of(mean),
            answered=sum(s.answered for s in topics.values()),
            questions=len(places),
        )
    return Scores(topics=topics, themes=themes, overall=overall)


@dataclass(frozen=True)
class LondonSummary:
    councils: int
    p25: Decimal
    median: Decimal
    p75: Decimal


def london_summary(scores: Mapping[str, str], *, leave_out: int | None) -> LondonSummary | None:
    """The median and quartiles of the councils' scores (organisation id as text -> score as
    text), leaving out ``leave_out`` (the council looking); None below :data:`MIN_COUNCILS`."""
    values = sorted(
        Decimal(score) for council, score in scores.items() if council != str(leave_out)
    )
    if len(values) < MIN_COUNCILS:
        return None
    p25, median, p75 = statistics.quantiles(values, n=4, method="inclusive")
    return LondonSummary(
        councils=len(values), p25=two_places(p25), median=two_places(median), p75=two_places(p75)
    )
