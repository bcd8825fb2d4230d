"""A role's levels, described once from their names, and the level a title's seniority words
point to (a "Lead" title in a role without a lead level goes to the nearest level)."""

from __future__ import annotations

from dataclasses import dataclass

from civictalent.framework.seniority import (
    ANALYST_STEP_DOWN,
    PLAIN_RANK,
    level_rank,
    seniority_of_words,
)

from .cleaning import tokenise
from .vocabulary import EXECUTIVE_RANK, NEUTRAL_WORDS, SENIORITY_TOKENS


@dataclass
class RoleInfo:
    family: str
    role: str
    levels: tuple[str, ...]
    level_tokens: tuple[frozenset[str], ...] = ()
    level_ranks: tuple[int, ...] = ()
    has_analyst_levels: bool = False
    has_manager_levels: bool = False
    single_level: bool = False


def describe_levels(info: RoleInfo) -> None:
    """Fill in what tells ``info``'s levels apart: their distinctive words and ranks."""
    tokenised = [
        frozenset(tokenise(level)) - SENIORITY_TOKENS - NEUTRAL_WORDS for level in info.levels
    ]
    common = frozenset.intersection(*tokenised) if tokenised else frozenset()
    info.level_ranks = tuple(level_rank(level, info.role) for level in info.levels)
    # Head levels are told apart by "head", not by their words: in "Head of service
    # design" the word "design" names the discipline, not the level.
    info.level_tokens = tuple(
        frozenset() if rank >= EXECUTIVE_RANK else tokens - common
        for tokens, rank in zip(tokenised, info.level_ranks, strict=True)
    )
    words = [set(tokenise(level)) for level in info.levels]
    info.has_analyst_levels = any("analyst" in w and "manager" not in w for w in words) and any(
        "manager" in w for w in words
    )
    info.has_manager_levels = any("manager" in w or "management" in w for w in words)
    info.single_level = len(info.levels) == 1


def pick_level(info: RoleInfo, words: list[str], aside_words: list[str]) -> str | None:
    """The level of ``info``'s role that the title's words (and bracketed words) fit best."""
    if info.single_level:
        return info.levels[0]
    title_rank = _title_rank(info, words, aside_words)
    present = set(words)
    best_level: str | None = None
    best_key: tuple[float, int] | None = None
    for level, distinctive, rank in zip(
        info.levels, info.level_tokens, info.level_ranks, strict=True
    ):
        hits = len(distinctive & present)
        misses = len(distinctive - present)
        score = 2.0 * hits - 0.5 * misses - 0.04 * abs(title_rank - rank)
        if rank >= EXECUTIVE_RANK and title_rank < 75:
            score -= 1.0
        if rank <= 10 and title_rank >= 26:
            score -= 1.0
        key = (round(score, 4), rank if title_rank >= PLAIN_RANK else -rank)
        if best_key is None or key > best_key:
            best_key, best_level = key, level
    return best_level


def _title_rank(info: RoleInfo, words: list[str], aside_words: list[str]) -> int:
    rank = seniority_of_words(words)
    if rank is None and aside_words:
        rank = seniority_of_words(aside_words)
    # Only the word "manager": "management" also comes from expanded abbreviations
    # ("MI" is management information) and marks the management track.
    says_manager = "manager" in words
    if rank is None:
        rank = 62 if (says_manager and not info.has_manager_levels) else PLAIN_RANK
    if info.has_analyst_levels and not says_manager and rank < EXECUTIVE_RANK:
        rank -= ANALYST_STEP_DOWN
    return rank
