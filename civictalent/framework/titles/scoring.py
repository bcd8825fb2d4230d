"""Roles scored against a title's words: the quality of a role's best phrase, scaled by how
much of the title the phrase explains, lowered for words from other professions, for a phrase
found only in brackets and for words elsewhere in the title that nothing explains."""

from __future__ import annotations

from dataclasses import dataclass, field

from .index import Phrase, PhraseIndex
from .results import Candidate
from .vocabulary import (
    GENERIC_NOUNS,
    NEUTRAL_WORDS,
    NON_DIGITAL_WORDS,
    SENIORITY_TOKENS,
    TEXT_HINTS,
)


@dataclass
class Score:
    role: str
    confidence: float
    phrase: Phrase
    explained: set[str] = field(default_factory=set)
    from_aside: bool = False


def score_roles(
    index: PhraseIndex, segments: list[list[str]], aside_segments: list[list[str]]
) -> dict[str, Score]:
    """The best score of each role any segment (or bracketed aside) names."""
    scores: dict[str, Score] = {}
    groups = [(segments, False), (aside_segments, True)]
    for group, is_aside in groups:
        for position, segment in enumerate(group):
            others = [
                token
                for other_position, other in enumerate(segments)
                if is_aside or other_position != position
                for token in other
            ]
            for score in _score_segment(index, segment, others, is_aside):
                existing = scores.get(score.role)
                if existing is None or existing.confidence < score.confidence:
                    scores[score.role] = score
    return scores


def _score_segment(
    index: PhraseIndex, segment: list[str], other_words: list[str], is_aside: bool
) -> list[Score]:
    content = [token for token in segment if token not in SENIORITY_TOKENS]
    if not content:
        return []
    other_penalty = _penalty_for_other_words(index, other_words)
    results = [
        _role_score(index, role, phrases, segment, content, other_penalty, is_aside)
        for role, phrases in _matched_phrases(index, segment).items()
    ]
    # Ties go to the phrase that starts earlier in the title.
    results.sort(key=lambda score: (-round(score.confidence, 4), _first(score, segment)))
    return results


def _matched_phrases(index: PhraseIndex, segment: list[str]) -> dict[str, list[Phrase]]:
    """The phrases whose words are all in ``segment`` (in order for ordered ones), by role."""
    present = set(segment)
    matched: dict[str, list[Phrase]] = {}
    seen: set[int] = set()
    for token in present:
        for phrase in index.by_token.get(token, ()):
            if id(phrase) in seen:
                continue
            seen.add(id(phrase))
            if phrase.token_set <= present and (
                not phrase.ordered or contiguous(phrase.tokens, segment)
            ):
                matched.setdefault(phrase.role, []).append(phrase)
    return matched


def _penalty_for_other_words(index: PhraseIndex, other_words: list[str]) -> float:
    """Words elsewhere in the title from other professions, or that nobody knows."""
    return 0.3 * sum(1 for token in set(other_words) if token in NON_DIGITAL_WORDS) + 0.03 * sum(
        1
        for token in set(other_words)
        if token not in index.vocabulary_set and token not in NEUTRAL_WORDS
    )


def _role_score(
    index: PhraseIndex,
    role: str,
    phrases: list[Phrase],
    segment: list[str],
    content: list[str],
    other_penalty: float,
    is_aside: bool,
) -> Score:
    best = max(phrases, key=lambda p: _specificity(p, segment))
    explained: set[str] = set().union(*(p.token_set for p in phrases))
    coverage, non_digital = _coverage(index, role, content, explained)
    confidence = best.quality * (0.4 + 0.6 * coverage)
    if not contiguous(best.tokens, segment):
        confidence *= 0.93
    confidence -= min(0.5, 0.25 * non_digital)
    confidence -= min(0.45, other_penalty)
    if is_aside:
        confidence *= 0.85
    return Score(role, max(0.0, min(1.0, confidence)), best, explained, from_aside=is_aside)


def _coverage(
    index: PhraseIndex, role: str, content: list[str], explained: set[str]
) -> tuple[float, int]:
    """How much of the segment's content the role's phrases explain (0..1), and how many of
    the unexplained words come from other professions."""
    explained_weight = 0.0
    total_weight = 0.0
    non_digital = 0
    # The last word is usually the head noun ("... Visualisation Developer"): a role
    # that leaves it unexplained is less likely.
    head = len(content) - 1
    for position, token in enumerate(content):
        if token in explained:
            explained_weight += 1.0
            total_weight += 1.0
        elif (
            token in NEUTRAL_WORDS
            or token in GENERIC_NOUNS
            or token in index.role_words.get(role, frozenset())
        ):
            explained_weight += 0.5
            total_weight += 0.5
        else:
            total_weight += 1.5 if position == head and head > 0 else 1.0
            if token in NON_DIGITAL_WORDS:
                non_digital += 1
    coverage = explained_weight / total_weight if total_weight else 0.0
    return coverage, non_digital


def _specificity(phrase: Phrase, segment: list[str]) -> tuple[float, int]:
    value = phrase.quality * (1 + 0.15 * (len(phrase.tokens) - 1))
    if contiguous(phrase.tokens, segment):
        value *= 1.05
    return (value, -min(segment.index(token) for token in phrase.tokens))


def _first(score: Score, segment: list[str]) -> int:
    positions = [segment.index(token) for token in score.phrase.tokens if token in segment]
    return min(positions) if positions else len(segment)


def contiguous(tokens: tuple[str, ...], segment: list[str]) -> bool:
    """Whether ``tokens`` appear in ``segment`` together and in order."""
    length = len(tokens)
    return any(
        tuple(segment[start : start + length]) == tokens
        for start in range(len(segment) - length + 1)
    )


def tie_break(ranked: list[Score], text: str) -> list[Score]:
    """Near-tied roles reordered by the words of the job description ``text`` that favour
    each."""
    if ranked[0].confidence - ranked[1].confidence >= 0.1:
        return ranked
    lowered = f" {text.lower()} "
    adjusted: list[Score] = []
    for score in ranked:
        hints = TEXT_HINTS.get(score.role, ())
        hits = sum(1 for hint in hints if hint in lowered)
        bonus = 0.05 * min(1.0, hits / 3) if hits else 0.0
        adjusted.append(
            Score(
                score.role,
                min(1.0, score.confidence + bonus),
                score.phrase,
                score.explained,
                score.from_aside,
            )
        )
    return sorted(adjusted, key=lambda score: -score.confidence)


def fallback(index: PhraseIndex, words: list[str]) -> Candidate | None:
    """No phrase matched whole: the role whose phrase the title half-matches best, kept low.

    Token overlap only (the typo correction already ran), so it stays cheap.
    """
    present = set(words)
    best_score, best_role = 0.0, ""
    for token in present:
        for phrase in index.by_token.get(token, ()):
            overlap = len(phrase.token_set & present) / len(phrase.token_set)
            score = phrase.quality * overlap
            if score > best_score:
                best_score, best_role = score, phrase.role
    if not best_role:
        return None
    info = index.roles[best_role.lower()]
    return Candidate(info.family, info.role, None, round(0.35 * best_score, 3))
