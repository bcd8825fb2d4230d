"""Checks of plain English: long sentences, sentences dense with long words, and a high share
of passive sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from ..rules import Hit, Rule
from ..text import Sentence
from .context import Context
from .params import distinct, float_param, int_param, word_set
from .registry import register


@register("long_sentence")
def long_sentence(context: Context, rule: Rule) -> list[Hit]:
    limit = int_param(rule, "maximum_words", 25)
    return [
        Hit(sentence.start, sentence.end, {"count": str(sentence.word_count), "limit": str(limit)})
        for sentence in context.analysis.sentences
        if sentence.word_count > limit
    ]


_VOWEL_GROUPS_RE = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """A rough syllable count, good enough to spot long words."""
    word = word.lower().strip("'")
    if not word:
        return 0
    count = len(_VOWEL_GROUPS_RE.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and not word.endswith(
        ("ted", "ded", "ses", "zes", "ces", "ges")
    ):
        count = max(1, count - 1)
    return max(1, count)


@register("dense_words")
def dense_words(context: Context, rule: Rule) -> list[Hit]:
    """A sentence packed with long words (four or more syllables)."""
    minimum_syllables = int_param(rule, "minimum_syllables", 4)
    per_sentence = int_param(rule, "long_words_per_sentence", 3)
    common = word_set(tuple(str(word) for word in rule.params.get("common", ())))
    tokens = context.analysis.tokens
    hits = []
    for sentence in context.analysis.sentences:
        long_words = [
            tokens[index].text
            for index in range(sentence.first_token, sentence.last_token)
            if _is_long(tokens[index].lower, minimum_syllables, common)
        ]
        if len(long_words) >= per_sentence:
            hits.append(
                Hit(sentence.start, sentence.end, {"words": ", ".join(distinct(long_words))})
            )
    return hits


def _is_long(word: str, minimum_syllables: int, common: frozenset[str]) -> bool:
    if word in common or not word.isalpha():
        return False
    return syllables(word) >= minimum_syllables


_BE = r"(?:am|is|are|was|were|be|been|being|'re|'s)"
_PASSIVE_RE = re.compile(
    rf"\b{_BE}\s+(?:(?:not|also|often|usually|normally|then|being|fully|currently|regularly|all)\s+)*"
    r"(?P<participle>[a-z]+(?:ed|en)|built|made|held|kept|led|met|paid|sent|set|sought|taught|told|given|done|seen|known|shown|taken|written|run|found|brought|bought|put)\b",
    re.IGNORECASE,
)


@register("passive_share")
def passive_share(context: Context, rule: Rule) -> list[Hit]:
    """Flags passive phrases when more than ``params.share`` of sentences use them."""
    analysis = context.analysis
    not_passive = word_set(tuple(str(word) for word in rule.params.get("adjectives", ())))
    sentences = [
        sentence
        for sentence in analysis.sentences
        if not (rule.params.get("prose_only") and sentence.in_list)
    ]
    passive: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in sentences:
        for match in _PASSIVE_RE.finditer(analysis.text, sentence.start, sentence.end):
            if match.group("participle").lower() not in not_passive:
                passive.append((sentence, match))
                break
    counted = len(sentences)
    if counted < int_param(rule, "minimum_sentences", 3) or len(passive) < int_param(
        rule, "minimum", 2
    ):
        return []
    share = len(passive) / counted
    if share <= float_param(rule, "share", 0.25):
        return []
    percent = str(round(share * 100))
    return [Hit(match.start(), match.end(), {"percent": percent}) for _, match in passive]
