"""The phrase index built once from a catalogue: every role name, role level name and alias as
a phrase of words pointing to a role, looked up by any of its words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .aliases import ALIASES, ORDERED_PHRASES
from .cleaning import phrase_tokens, tokenise
from .levels import RoleInfo, describe_levels
from .results import CatalogueRole
from .vocabulary import (
    CHIEF_DATA,
    CHIEF_DIGITAL,
    CHIEF_SECURITY,
    CHIEF_TECHNOLOGY,
    GENERIC_NOUNS,
    NEUTRAL_WORDS,
    NON_DIGITAL_WORDS,
    SENIORITY_TOKENS,
)


@dataclass(frozen=True)
class Phrase:
    tokens: tuple[str, ...]
    role: str
    quality: float
    source: str
    ordered: bool = False

    @property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)


@dataclass(frozen=True)
class PhraseIndex:
    roles: dict[str, RoleInfo]  # by lower-cased role name
    role_words: dict[str, frozenset[str]]  # every word of each role's phrases
    by_token: dict[str, list[Phrase]]
    vocabulary: tuple[str, ...]  # every word worth correcting a misspelling to, sorted
    vocabulary_set: frozenset[str]
    executive: dict[str, str]  # the chief roles the catalogue has, by their usual names


def build_index(catalogue: Sequence[CatalogueRole]) -> PhraseIndex:
    roles: dict[str, RoleInfo] = {}
    phrases: list[Phrase] = []
    for entry in catalogue:
        info = _role_info(entry)
        roles[info.role.lower()] = info
        if info.role.lower().startswith("chief"):
            # Found by executive_match: without "chief", "Chief data officer" would read as
            # "data officer".
            continue
        phrases.extend(_catalogue_phrases(info))
    phrases.extend(_alias_phrases(roles))
    unique: dict[tuple[tuple[str, ...], str], Phrase] = {}
    for phrase in phrases:
        key = (phrase.tokens, phrase.role)
        if key not in unique or unique[key].quality < phrase.quality:
            unique[key] = phrase
    kept = tuple(unique.values())
    # Words a role's phrases use: a stray one ("engineer" next to "site reliability")
    # is half explained.
    role_words: dict[str, set[str]] = {}
    for phrase in kept:
        role_words.setdefault(phrase.role, set()).update(phrase.tokens)
    by_token: dict[str, list[Phrase]] = {}
    for phrase in kept:
        for token in set(phrase.tokens):
            by_token.setdefault(token, []).append(phrase)
    vocabulary = tuple(
        sorted(set(by_token) | NEUTRAL_WORDS | NON_DIGITAL_WORDS | GENERIC_NOUNS | SENIORITY_TOKENS)
    )
    return PhraseIndex(
        roles=roles,
        role_words={role: frozenset(words) for role, words in role_words.items()},
        by_token=by_token,
        vocabulary=vocabulary,
        vocabulary_set=frozenset(vocabulary),
        executive={
            name: roles[name.lower()].role
            for name in (CHIEF_DATA, CHIEF_DIGITAL, CHIEF_SECURITY, CHIEF_TECHNOLOGY)
            if name.lower() in roles
        },
    )


def _role_info(entry: CatalogueRole) -> RoleInfo:
    role = entry.role.strip()
    levels = tuple(
        level.strip() or role
        for level in entry.levels
        if level.strip() and level.strip().upper() != "NOT IN USE"
    ) or (role,)
    info = RoleInfo(family=entry.family.strip(), role=role, levels=levels)
    describe_levels(info)
    return info


def _catalogue_phrases(info: RoleInfo) -> list[Phrase]:
    role = info.role
    phrases: list[Phrase] = []
    for variant in _name_variants(role):
        tokens = phrase_tokens(variant)
        if tokens:
            phrases.append(Phrase(tokens, role, 1.0, f"role name '{role}'"))
    for level in info.levels:
        for variant in _name_variants(level):
            tokens = phrase_tokens(variant)
            if tokens:
                quality = 1.0 if len(tokens) > 1 or tokens == ("developer",) else 0.9
                phrases.append(Phrase(tokens, role, quality, f"level '{level}'"))
    return phrases


def _alias_phrases(roles: dict[str, RoleInfo]) -> list[Phrase]:
    phrases: list[Phrase] = []
    for alias in ALIASES:
        info = roles.get(alias.role.lower())
        if info is None:
            continue
        # Alias phrases keep their seniority words ("project lead", "test lead").
        tokens = tuple(tokenise(alias.phrase))
        if tokens:
            phrases.append(
                Phrase(
                    tokens,
                    info.role,
                    alias.quality,
                    f"'{alias.phrase}'",
                    ordered=alias.phrase in ORDERED_PHRASES,
                )
            )
    return phrases


def _name_variants(name: str) -> list[str]:
    """'Development operations (DevOps) engineer' -> without and with the bracket."""
    if "(" not in name:
        return [name]
    without = re.sub(r"\([^)]*\)", " ", name)
    with_inner = re.sub(r"[()]", " ", name)
    return [without, with_inner]
