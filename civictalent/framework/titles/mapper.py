"""The title mapper: build it once from a catalogue, then map many titles."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from functools import lru_cache

from civictalent.framework.seniority import seniority_of_words

from .cleaning import split_title
from .executive import executive_match
from .index import build_index
from .levels import pick_level
from .results import (
    CONFIDENCE_THRESHOLD,
    MAX_ALTERNATIVES,
    Candidate,
    CatalogueRole,
    TitleMatch,
)
from .scoring import Score, fallback, score_roles, tie_break


class TitleMapper:
    """Maps job titles to the roles of one catalogue. Build once; map many titles."""

    def __init__(self, roles: Sequence[CatalogueRole]) -> None:
        self._index = build_index(roles)
        self._correct = lru_cache(maxsize=8192)(self._correct_token)

    def _correct_token(self, token: str) -> str:
        if token in self._index.vocabulary_set or len(token) < 5 or token.isdigit():
            return token
        close = difflib.get_close_matches(token, self._index.vocabulary, n=1, cutoff=0.85)
        return close[0] if close else token

    def map(self, title: str, text: str = "") -> TitleMatch:
        segments, aside_segments = split_title(title, self._correct)
        if not segments:
            return TitleMatch(None, None, None, 0.0, (), "the title is empty once cleaned")
        ranked = self._ranked(segments, aside_segments, text)
        all_words = [token for segment in segments for token in segment]
        aside_words = [token for segment in aside_segments for token in segment]
        candidates = [
            Candidate(
                family=self._index.roles[score.role.lower()].family,
                role=score.role,
                role_level=pick_level(
                    self._index.roles[score.role.lower()], all_words, aside_words
                ),
                confidence=round(score.confidence, 3),
            )
            for score in ranked
            if score.confidence > 0.05
        ]
        if not candidates:
            nearest = fallback(self._index, all_words)
            if nearest is not None:
                candidates = [nearest]
        if not candidates or candidates[0].confidence < CONFIDENCE_THRESHOLD:
            return _no_role(candidates)
        return _role_match(candidates, ranked[0], all_words)

    def _ranked(
        self, segments: list[list[str]], aside_segments: list[list[str]], text: str
    ) -> list[Score]:
        """Every role scored, best first."""
        scores = score_roles(self._index, segments, aside_segments)
        executive = executive_match(self._index, segments)
        if executive is not None:
            existing = scores.get(executive.role)
            if existing is None or existing.confidence < executive.confidence:
                scores[executive.role] = executive
        ranked = sorted(scores.values(), key=lambda score: -score.confidence)
        if text and len(ranked) > 1:
            ranked = tie_break(ranked, text)
        return ranked


def _no_role(candidates: list[Candidate]) -> TitleMatch:
    nearest = (
        f"; nearest: {candidates[0].role} ({candidates[0].confidence:.2f})" if candidates else ""
    )
    return TitleMatch(
        None,
        None,
        None,
        candidates[0].confidence if candidates else 0.0,
        tuple(candidates[:MAX_ALTERNATIVES]),
        "no digital, data or technology role recognised with enough confidence" + nearest,
    )


def _role_match(candidates: list[Candidate], top_score: Score, all_words: list[str]) -> TitleMatch:
    top = candidates[0]
    seniority = seniority_of_words(all_words) if all_words else None
    reason = f"matched {top_score.phrase.source} -> {top.role}"
    if top_score.from_aside:
        reason += " (from the text in brackets)"
    if seniority is not None:
        reason += f"; seniority rank {seniority}"
    return TitleMatch(
        family=top.family,
        role=top.role,
        role_level=top.role_level,
        confidence=top.confidence,
        alternatives=tuple(candidates[1 : 1 + MAX_ALTERNATIVES]),
        reason=reason,
    )
