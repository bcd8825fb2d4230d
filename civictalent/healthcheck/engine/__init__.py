"""The job advert health check engine: pure Python, no Django.

    report = check(text)                      # raises only CheckTooSlow on a str
    report.score, report.categories, report.findings, report.as_json()
    new_text = apply_suggestion(text, finding.rule, finding.start, finding.end)

Rules live in ``civictalent/healthcheck/rules/*.yaml``; they are loaded and compiled once, on
first use. See ``docs/health-check.md`` for what each category checks and how the score works.

Anyone can send text to the public checker and the API, so a check has a time budget
(``CHECK_SECONDS``, checked in the engine's loops) and every pattern is linear in the text's
length (see ``tests/test_pathological_input.py``).
"""

from __future__ import annotations

from functools import lru_cache

from civictalent.core.budget import OutOfTime, check_time, time_budget

from .model import CATEGORIES, SEVERITY_RANK, CategoryResult, DocumentFacts, Finding, Report
from .rules import Hit, Rule, RuleSet, load_rules, match_regex_rule, match_word_rules
from .scoring import category_results, explanation, total_score
from .structural import CHECKS, Context, run_check
from .text import Analysis, analyse

__all__ = [
    "CATEGORIES",
    "CHECK_SECONDS",
    "CategoryResult",
    "CheckTooSlow",
    "DocumentFacts",
    "Finding",
    "Report",
    "apply_suggestion",
    "check",
    "rules",
]

_PASTED_TEXT = DocumentFacts()
# A 100,000-character advert takes well under a second; this is the backstop.
CHECK_SECONDS = 10.0


class CheckTooSlow(Exception):  # noqa: N818 - reads as what happened
    """The check ran out of time; ``message`` tells the person what to do."""

    def __init__(self) -> None:
        self.message = (
            f"We stopped checking this text: it took longer than the {CHECK_SECONDS:.0f} "
            "seconds we allow for one check. Check one advert at a time, without long runs of "
            "repeated characters."
        )
        super().__init__(self.message)


@lru_cache(maxsize=1)
def rules() -> RuleSet:
    """Every rule, loaded from the YAML files and compiled (once per process)."""
    return load_rules(known_checks=CHECKS)


def check(text: str, facts: DocumentFacts | None = None) -> Report:
    """Score ``text`` and list every finding, with evidence and suggestions.

    Raises :class:`CheckTooSlow` when the check takes longer than ``CHECK_SECONDS``."""
    if not isinstance(text, str):
        raise TypeError(f"check expects a str, got {type(text).__name__}")
    facts = facts or _PASTED_TEXT
    try:
        with time_budget(CHECK_SECONDS):
            analysis = analyse(text, facts.headings)
            hits = find_hits(analysis, facts)
    except OutOfTime:
        raise CheckTooSlow from None
    findings = tuple(
        sorted(
            (_finding(rule, hit, text) for rule, found in hits for hit in found),
            key=lambda finding: (finding.start, SEVERITY_RANK[finding.severity], finding.rule),
        )
    )
    categories = category_results(findings)
    fired = {finding.rule for finding in findings}
    score, caps = total_score(categories, fired, analysis.word_count)
    sentence_count = len(analysis.sentences)
    return Report(
        score=score,
        categories=categories,
        findings=findings,
        caps=caps,
        explanation=explanation(categories, score, caps),
        word_count=analysis.word_count,
        sentence_count=sentence_count,
        average_sentence_words=round(
            sum(sentence.word_count for sentence in analysis.sentences) / sentence_count, 1
        )
        if sentence_count
        else 0.0,
    )


def find_hits(
    analysis: Analysis, facts: DocumentFacts, rule_set: RuleSet | None = None
) -> list[tuple[Rule, list[Hit]]]:
    """Every rule that matched, with its hits, in rule order."""
    rule_set = rule_set or rules()
    word_hits = match_word_rules(analysis, rule_set)
    context = Context(analysis=analysis, facts=facts)
    matched: list[tuple[Rule, list[Hit]]] = []
    for rule in rule_set.rules:
        check_time()
        if rule.kind == "words":
            found = word_hits.get(rule.id, [])
        elif rule.kind == "regex":
            found = match_regex_rule(analysis, rule)
        else:
            found = run_check(context, rule)
        if rule.first_only:
            found = found[:1]
        context.hits[rule.id] = found
        if found:
            matched.append((rule, found))
    return matched


def _finding(rule: Rule, hit: Hit, text: str) -> Finding:
    excerpt = text[hit.start : hit.end]
    values = {"match": excerpt, **hit.values}
    return Finding(
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=rule.render(rule.message, values),
        suggestion=rule.render(rule.suggestion, values),
        start=hit.start,
        end=hit.end,
        excerpt=excerpt,
        replacement=_cased(rule.replacement_for(excerpt), excerpt, rule, text, hit.start)
        if excerpt
        else None,
        source=rule.source,
        source_url=rule.source_url,
    )


def apply_suggestion(text: str, finding_rule: str, start: int, end: int) -> str:
    """Swap ``text[start:end]`` for the rule's replacement, keeping a leading capital."""
    rule = rules().by_id.get(finding_rule)
    if rule is None:
        raise ValueError(f"There is no rule called {finding_rule!r}.")
    if not rule.has_replacement:
        raise ValueError(
            f"Rule {finding_rule} has no one-click replacement; edit the text by hand."
        )
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"The span {start}-{end} is outside the text ({len(text)} characters); "
            "check the text again and use the new finding."
        )
    excerpt = text[start:end]
    replacement = rule.replacement_for(excerpt) if _whole_words(text, start, end) else None
    matched = excerpt.lower() if rule.searches_lower else excerpt
    if replacement is None or (rule.pattern is not None and not rule.pattern.fullmatch(matched)):
        raise ValueError(
            f"The text at {start}-{end} ({excerpt!r}) no longer matches rule {finding_rule}; "
            "the text has changed since it was checked. Check it again."
        )
    cased = _cased(replacement, excerpt, rule, text, start) or replacement
    return text[:start] + cased + text[end:]


def _whole_words(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _cased(replacement: str | None, original: str, rule: Rule, text: str, start: int) -> str | None:
    """The replacement in the excerpt's case; a rule that ``keeps_case`` (an acronym's
    expansion) keeps its own, with a capital only at the start of a sentence or line."""
    if not replacement or not original:
        return replacement
    if rule.keeps_case:
        before = text[max(0, start - 10) : start].rstrip(' \t"\u201c(')
        if not before or before[-1] in ".!?:\n":
            return replacement[0].upper() + replacement[1:]
        return replacement
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    if original[0].islower():
        return replacement[0].lower() + replacement[1:]
    return replacement
