"""Checks of inclusive language: the balance of masculine- and feminine-coded words, and a
gendered pronoun for the post-holder."""

from __future__ import annotations

from bisect import bisect_right

from civictalent.core.budget import check_time

from ..rules import Hit, Rule
from ..text import Analysis, lemma_candidates
from .context import Context
from .params import distinct, int_param, param_pattern, word_set
from .registry import register


def _coded_words(context: Context, rule: Rule, name: str) -> list[tuple[int, int]]:
    words = word_set(tuple(str(word) for word in rule.params.get(name, ())))
    spans = []
    for token in context.analysis.tokens:
        if not lemma_candidates(token.lower).isdisjoint(words) and rule.allows(
            context.analysis, token.start, token.end
        ):
            spans.append((token.start, token.end))
    return spans


@register("gender_coded_balance")
def gender_coded_balance(context: Context, rule: Rule) -> list[Hit]:
    """Advice when masculine-coded words clearly outnumber feminine-coded ones."""
    masculine = _coded_words(context, rule, "masculine")
    feminine = _coded_words(context, rule, "feminine")
    if len(masculine) - len(feminine) < int_param(rule, "margin", 3):
        return []
    text = context.analysis.text
    examples = distinct(text[start:end].lower() for start, end in masculine)
    return [
        Hit(
            0,
            0,
            {
                "masculine": str(len(masculine)),
                "feminine": str(len(feminine)),
                "examples": ", ".join(examples[:8]),
            },
        )
    ]


@register("postholder_pronoun")
def postholder_pronoun(context: Context, rule: Rule) -> list[Hit]:
    """ "he will", "she must": a gendered pronoun for the person who gets the job.

    In an advert such a pronoun is nearly always about the post-holder. It is left alone when
    its sentence (up to the pronoun) or the sentence before names someone else ("you will
    report to the Head of Data; she will ...") and not the post-holder.
    """
    analysis = context.analysis
    text = analysis.text
    clauses = [
        Hit(match.start(), match.end(), {"match": match.group()})
        for match in param_pattern(rule, "postholder_clause").finditer(text)
    ]
    clause_starts = [hit.start for hit in clauses]
    hits = list(clauses)
    someone_else = param_pattern(rule, "someone_else")
    postholder = param_pattern(rule, "postholder")
    for match in param_pattern(rule, "pronoun").finditer(text):
        check_time()
        start, end = match.span()
        inside = bisect_right(clause_starts, start) - 1
        if inside >= 0 and start < clauses[inside].end:
            continue
        before = _previous_sentence_start(analysis, start)
        if someone_else.search(text, before, start) and not postholder.search(text, before, start):
            continue
        hits.append(Hit(start, end, {"match": match.group()}))
    return sorted(
        (hit for hit in hits if rule.allows(analysis, hit.start, hit.end)),
        key=lambda hit: hit.start,
    )


def _previous_sentence_start(analysis: Analysis, offset: int) -> int:
    """Where the sentence before the one holding ``offset`` starts (at most 400 characters
    back, so a run of pronouns costs the same on any text)."""
    index = bisect_right(analysis.sentence_starts, offset) - 1
    start = analysis.sentences[max(0, index - 1)].start if index >= 0 else 0
    return max(start, offset - 400)
