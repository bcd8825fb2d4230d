"""Precision and recall of the health check over a labelled set.

Each labelled item is a ``passage`` or a whole ``advert`` and lists the rule ids that should
fire (an empty list means the text is clean). Document-level rules (structure, "no pay stated",
hours, London weighting, document facts...) only make sense on a whole advert, so:

* on an **advert**, every rule counts;
* on a **passage**, only rules with ``scope: passage`` count, and findings of document-level
  rules are ignored.

For each category, an item is a *predicted positive* if at least one counted rule of that
category fired, and an *expected positive* if at least one expected rule is in that category.
Precision = TP / (TP + FP); recall = TP / (TP + FN). The same is computed per rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import check, rules
from .model import CATEGORIES, DocumentFacts

__all__ = [
    "Counts",
    "Evaluation",
    "LabelledItem",
    "evaluate",
    "load_items",
    "markdown_table",
]


@dataclass(frozen=True)
class LabelledItem:
    id: str
    kind: str  # "passage" | "advert"
    text: str
    expected_rules: frozenset[str]
    facts: DocumentFacts = field(default_factory=DocumentFacts)

    @property
    def is_clean(self) -> bool:
        return not self.expected_rules


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.true_positives += 1
        elif predicted:
            self.false_positives += 1
        elif expected:
            self.false_negatives += 1


@dataclass
class Evaluation:
    items: int = 0
    clean_items: int = 0
    categories: dict[str, Counts] = field(
        default_factory=lambda: {key: Counts() for key, _ in CATEGORIES}
    )
    rules: dict[str, Counts] = field(default_factory=dict)
    # (item id, rule id, "missed" | "unexpected") for reading what went wrong
    mistakes: list[tuple[str, str, str]] = field(default_factory=list)


def load_items(paths: Iterable[Path]) -> list[LabelledItem]:
    known = rules().by_id
    items: list[LabelledItem] = []
    for path in paths:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for raw in document["items"]:
            items.append(_item(raw, path.name, known))
    identifiers = [item.id for item in items]
    duplicates = {identifier for identifier in identifiers if identifiers.count(identifier) > 1}
    if duplicates:
        raise ValueError(f"labelled item ids used twice: {sorted(duplicates)}")
    return items


def _item(raw: dict[str, Any], filename: str, known: Any) -> LabelledItem:
    expected = frozenset(str(rule_id) for rule_id in raw.get("expect") or ())
    unknown = expected - set(known)
    if unknown:
        raise ValueError(f"{filename}: item {raw['id']} expects unknown rules {sorted(unknown)}")
    kind = raw.get("kind", "passage")
    if kind not in ("passage", "advert"):
        raise ValueError(f"{filename}: item {raw['id']} has kind {kind!r}")
    if kind == "passage":
        document_level = {rule_id for rule_id in expected if known[rule_id].scope == "document"}
        if document_level:
            raise ValueError(
                f"{filename}: passage {raw['id']} expects document-level rules "
                f"{sorted(document_level)}; make it an advert"
            )
    facts = DocumentFacts(**raw["facts"]) if raw.get("facts") else DocumentFacts()
    return LabelledItem(str(raw["id"]), kind, str(raw["text"]), expected, facts)


def predicted_rules(item: LabelledItem) -> set[str]:
    """The rules that fired on ``item``, limited to those that count for its kind."""
    by_id = rules().by_id
    fired = {finding.rule for finding in check(item.text, item.facts).findings}
    if item.kind == "advert":
        return fired
    return {rule_id for rule_id in fired if by_id[rule_id].scope == "passage"}


def evaluate(items: Sequence[LabelledItem]) -> Evaluation:
    by_id = rules().by_id
    result = Evaluation(items=len(items), clean_items=sum(item.is_clean for item in items))
    for item in items:
        predicted = predicted_rules(item)
        expected = set(item.expected_rules)
        for key, _ in CATEGORIES:
            result.categories[key].add(
                expected=any(by_id[rule_id].category == key for rule_id in expected),
                predicted=any(by_id[rule_id].category == key for rule_id in predicted),
            )
        for rule_id in sorted(expected | predicted):
            result.rules.setdefault(rule_id, Counts()).add(
                expected=rule_id in expected, predicted=rule_id in predicted
            )
        result.mistakes += [
            (item.id, rule_id, "missed") for rule_id in sorted(expected - predicted)
        ]
        result.mistakes += [
            (item.id, rule_id, "unexpected") for rule_id in sorted(predicted - expected)
        ]
    return result


def markdown_table(evaluation: Evaluation) -> str:
    """The per-category table written into docs/health-check.md."""
    lines = [
        "| category | items expected to fire | TP | FP | FN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in CATEGORIES:
        counts = evaluation.categories[key]
        lines.append(
            f"| {label} | {counts.support} | {counts.true_positives} | {counts.false_positives} "
            f"| {counts.false_negatives} | {counts.precision:.2f} | {counts.recall:.2f} |"
        )
    return "\n".join(lines)
