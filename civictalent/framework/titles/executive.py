"""The four chief roles, found from a top seniority word ("chief", "head of", "director") and
nothing but a domain: "Head of ICT", "Director of Digital", "Chief Data Officer"."""

from __future__ import annotations

from civictalent.framework.seniority import seniority_of_words

from .index import Phrase, PhraseIndex
from .scoring import Score
from .vocabulary import (
    CHIEF_DATA,
    CHIEF_DIGITAL,
    CHIEF_SECURITY,
    CHIEF_TECHNOLOGY,
    EXECUTIVE_RANK,
    GENERIC_NOUNS,
    SENIORITY_TOKENS,
    word_set,
)

_DATA_DOMAIN = frozenset({"data", "analytics"})
_DIGITAL_DOMAIN = frozenset({"digital", "information", "ddat"})
_TECH_DOMAIN = frozenset({"technology", "it", "technical"})
_SECURITY_DOMAIN = frozenset({"cyber", "security"})
_EXECUTIVE_FILLER = word_set(
    "officer service services transformation innovation business strategy division "
    "operations function"
)


def executive_match(index: PhraseIndex, segments: list[list[str]]) -> Score | None:
    """The chief role a top seniority word and a domain name, if the catalogue has it."""
    if not index.executive:
        return None
    words = [token for segment in segments for token in segment]
    rank = seniority_of_words(words)
    if rank is None or rank < EXECUTIVE_RANK:
        return None
    content = {token for token in words if token not in SENIORITY_TOKENS}
    domain = content - _EXECUTIVE_FILLER - GENERIC_NOUNS
    if not domain:
        return None
    role = _chief_role(domain, words)
    if role is None or role not in index.executive:
        return None
    filler = content - domain
    confidence = 0.9 if not (filler - GENERIC_NOUNS) else 0.85
    phrase = Phrase(
        tuple(sorted(domain)),
        index.executive[role],
        confidence,
        f"a top seniority word with the domain '{' '.join(sorted(domain))}'",
    )
    return Score(index.executive[role], confidence, phrase, set(domain))


def _chief_role(domain: set[str], words: list[str]) -> str | None:
    allowed = _DATA_DOMAIN | _DIGITAL_DOMAIN | _TECH_DOMAIN | _SECURITY_DOMAIN
    if not domain <= allowed:
        return None
    if domain & _SECURITY_DOMAIN:
        if domain & {"cyber", "information", "it"} or "chief" in words:
            return CHIEF_SECURITY
        return None
    if domain == {"information"}:
        # "Chief Information Officer" leads digital; "Head of Information" is too vague.
        return CHIEF_DIGITAL if "chief" in words else None
    if (
        "digital" in domain
        or "ddat" in domain
        or (domain & _DATA_DOMAIN and domain & (_TECH_DOMAIN | {"information"}))
    ):
        return CHIEF_DIGITAL
    if domain & _DATA_DOMAIN:
        return CHIEF_DATA
    return CHIEF_TECHNOLOGY
