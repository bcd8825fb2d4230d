"""Precision and recall of every category over the labelled set (see docs/health-check.md).

The in-sample set (passages.yaml, adverts.yaml) was used while writing the rules; the held-out
set (heldout.yaml) was written after the rules were frozen and is reported separately.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from civictalent.healthcheck.engine import CATEGORIES
from civictalent.healthcheck.engine.evaluation import Evaluation, evaluate, load_items

LABELLED = Path(__file__).resolve().parent / "labelled"
IN_SAMPLE = [LABELLED / "passages.yaml", LABELLED / "adverts.yaml"]
HELD_OUT = [LABELLED / "heldout.yaml"]
MIN_PRECISION = 0.90
MIN_RECALL = 0.85


@pytest.fixture(scope="module")
def in_sample() -> Evaluation:
    return evaluate(load_items(IN_SAMPLE))


def test_the_set_is_big_enough() -> None:
    items = load_items(IN_SAMPLE)
    problems = [item for item in items if not item.is_clean]
    clean = [item for item in items if item.is_clean]
    assert len(problems) >= 80
    assert len(clean) >= 40
    adverts = [item for item in items if item.kind == "advert"]
    assert len(adverts) >= 10, "document-level rules need whole adverts to be scored on"


def test_every_rule_is_exercised_by_the_set() -> None:
    from civictalent.healthcheck.engine import rules

    expected = {rule_id for item in load_items(IN_SAMPLE) for rule_id in item.expected_rules}
    untested = {rule.id for rule in rules().rules} - expected
    assert untested == set(), f"no labelled item expects {sorted(untested)}"


@pytest.mark.parametrize("category", [key for key, _ in CATEGORIES])
def test_precision_and_recall_meet_the_goal(in_sample: Evaluation, category: str) -> None:
    counts = in_sample.categories[category]
    mistakes = [m for m in in_sample.mistakes if m[1].split(".")[0] == category]
    assert counts.support > 0, f"no labelled item expects a {category} finding"
    assert counts.precision >= MIN_PRECISION, mistakes
    assert counts.recall >= MIN_RECALL, mistakes


def test_held_out_set_is_reported_separately() -> None:
    """The held-out set must load and be scored; its figures are reported, not tuned to."""
    evaluation = evaluate(load_items(HELD_OUT))
    assert evaluation.items >= 20
    total = sum(counts.true_positives for counts in evaluation.categories.values())
    assert total > 0


def test_a_missed_label_lowers_recall() -> None:
    """The measure itself can fail: a wrongly labelled item must show up."""
    items = load_items(IN_SAMPLE)
    clean = next(item for item in items if item.is_clean and item.kind == "passage")
    from dataclasses import replace

    wrong = replace(clean, expected_rules=frozenset({"inclusive.ageist"}))
    evaluation = evaluate([wrong])
    assert evaluation.categories["inclusive"].recall == 0.0
    assert evaluation.mistakes == [(clean.id, "inclusive.ageist", "missed")]
