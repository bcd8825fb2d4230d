"""The scoring rules (pure): final levels, means, the level reached, and London's summary."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.maturity.scoring import (
    MIN_COUNCILS,
    QuestionPlace,
    disagrees,
    final_level,
    level_of,
    london_summary,
    mean_score,
    score_assessment,
)

LEVELS = st.integers(min_value=1, max_value=5)


def places(topics: int, per_topic: int, themes: int = 2) -> list[QuestionPlace]:
    return [
        QuestionPlace(topic * 100 + q, topic, q % themes)
        for topic in range(topics)
        for q in range(per_topic)
    ]


def test_a_score_reaches_only_its_whole_level() -> None:
    assert level_of(Decimal("2.99")) == 2
    assert level_of(Decimal("3.00")) == 3
    assert level_of(Decimal("5.00")) == 5
    assert level_of(Decimal("0.50")) == 1


def test_the_final_level_is_the_settlement_or_the_agreed_level() -> None:
    assert final_level([3, 3, None], None) == 3
    assert final_level([2, 4], None) is None
    assert final_level([2, 4], 4) == 4
    assert final_level([None, None], None) is None
    assert disagrees([2, None, 4]) and not disagrees([2, None, 2])


def test_a_topic_mean_leaves_out_unanswered_questions_and_counts_them() -> None:
    scores = score_assessment(places(1, 4), {0: 2, 1: 3, 2: 3})
    topic = scores.topics[0]
    assert (topic.score, topic.level, topic.answered, topic.questions) == (
        Decimal("2.67"),
        2,
        3,
        4,
    )


def test_every_topic_counts_the_same_overall_however_many_questions() -> None:
    small = [QuestionPlace(1, 1, 1)]
    big = [QuestionPlace(10 + n, 2, 1) for n in range(9)]
    levels = {1: 5} | {10 + n: 1 for n in range(9)}
    scores = score_assessment(small + big, levels)
    assert scores.overall is not None
    assert scores.overall.score == Decimal("3.00")
    assert scores.overall.questions == 10 and scores.overall.answered == 10


def test_nothing_answered_has_no_overall() -> None:
    assert score_assessment(places(2, 2), {}).overall is None


def test_a_level_outside_one_to_five_is_refused() -> None:
    with pytest.raises(ValueError, match="from 1 to 5"):
        mean_score([3, 6], 2)


@given(st.lists(LEVELS, min_size=1, max_size=60))
def test_a_mean_lies_between_its_lowest_and_highest_level(levels: list[int]) -> None:
    score = mean_score(levels, len(levels))
    assert score is not None
    assert min(levels) <= score.score <= max(levels)
    assert 1 <= score.level <= 5
    assert score.level <= score.score < score.level + 1


@given(st.dictionaries(st.integers(0, 399), LEVELS, min_size=1))
def test_every_score_of_an_assessment_is_within_its_levels(levels: dict[int, int]) -> None:
    layout = places(4, 100, themes=3)
    answered = levels  # ids 0 to 399 are the 4 x 100 questions of the layout
    scores = score_assessment(layout, answered)
    low, high = min(answered.values()), max(answered.values())
    assert scores.overall is not None
    for score in [*scores.topics.values(), *scores.themes.values(), scores.overall]:
        assert low <= score.score <= high
        assert 1 <= score.level <= 5
    assert scores.overall.answered == len(answered)


COUNCIL_SCORES = st.dictionaries(
    st.integers(1, 60).map(str),
    st.decimals(min_value=1, max_value=5, places=2).map(str),
    max_size=20,
)


@given(COUNCIL_SCORES, st.integers(1, 60))
def test_london_is_hidden_below_five_others_and_never_counts_the_council_looking(
    scores: dict[str, str], looking: int
) -> None:
    others = {c: Decimal(s) for c, s in scores.items() if c != str(looking)}
    summary = london_summary(scores, leave_out=looking)
    if len(others) < MIN_COUNCILS:
        assert summary is None
        return
    assert summary is not None
    assert summary.councils == len(others)
    assert min(others.values()) <= summary.p25 <= summary.median <= summary.p75
    assert summary.p75 <= max(others.values())


def test_the_council_looking_is_left_out_of_london() -> None:
    scores = {str(n): "2.00" for n in range(1, 6)} | {"99": "5.00"}
    summary = london_summary(scores, leave_out=99)
    assert summary is not None and summary.councils == 5 and summary.p75 == Decimal("2.00")
    assert london_summary({str(n): "2.00" for n in range(1, 6)}, leave_out=1) is None


def test_london_quartiles_interpolate_between_councils() -> None:
    scores = {str(n): str(n) for n in range(1, 6)}  # 1, 2, 3, 4, 5
    summary = london_summary(scores, leave_out=None)
    assert summary is not None
    assert (summary.p25, summary.median, summary.p75) == (
        Decimal("2.00"),
        Decimal("3.00"),
        Decimal("4.00"),
    )
