"""Career order of role levels, worked out from their names.

The official DDaT download lists role levels alphabetically, so "Associate data analyst" comes
before "Data analyst" only by luck and "Principal data analyst" before "Senior data analyst".
This module ranks a level name on a seniority ladder so the importer (and the title mapper) can
put levels in the order a person climbs them. Pure Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Rungs of the ladder. The gaps leave room for the in-between steps that some roles have
# (an "associate" sits just above a "junior"; a "lead" sits just below a "principal").
PLAIN_RANK = 40
SENIORITY_WORDS: dict[str, int] = {
    "apprentice": 0,
    "apprenticeship": 0,
    "intern": 10,
    "trainee": 10,
    "junior": 20,
    "graduate": 20,
    "assistant": 20,
    "associate": 26,
    "mid": PLAIN_RANK,
    "intermediate": PLAIN_RANK,
    "senior": 50,
    "lead": 62,
    "principal": 70,
    "head": 80,
    "chief": 90,
    "director": 90,
}

# Phrases that read as one rung even though their words alone would say something else.
SENIORITY_PHRASES: dict[str, int] = {
    "team leader": 62,
    "team lead": 62,
    "deputy head": 75,
    "assistant director": 85,
    "deputy director": 85,
    "head of": 80,
}

# In roles named "... manager" the analyst levels come first: an analyst is the entry route
# and the manager leads the work (Service desk analyst < Senior service desk analyst < Service
# desk manager). A level that swaps "manager" for "analyst" sits this far below its rung.
ANALYST_STEP_DOWN = 15
# "Lead developer - management" is the people-management track of "Lead developer": the same
# rung, ranked just after the technical track.
MANAGEMENT_TRACK_STEP = 3
# "Major incident manager" handles the biggest incidents: just above "Incident manager".
MAJOR_STEP = 5

_WORD = re.compile(r"[a-z0-9]+")


def _words(name: str) -> list[str]:
    return _WORD.findall(name.lower())


def seniority_of_words(words: list[str]) -> int | None:
    """The rung named by the first seniority word or phrase, or None if there is none."""
    text = " ".join(words)
    best: tuple[int, int] | None = None
    for phrase, rank in SENIORITY_PHRASES.items():
        found = re.search(rf"\b{phrase}\b", text)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), rank)
    position = 0
    for word in words:
        if word in SENIORITY_WORDS:
            if best is None or position < best[0]:
                best = (position, SENIORITY_WORDS[word])
            break
        position += len(word) + 1
    return None if best is None else best[1]


def level_rank(level_name: str, role_name: str) -> int:
    """A number that orders the levels of one role from entry level to the most senior.

    Only comparisons between levels of the same role are meaningful.
    """
    words = _words(level_name)
    role_words = _words(role_name)
    rank = seniority_of_words(words)
    if rank is None:
        rank = PLAIN_RANK
    if role_words and role_words[-1] == "manager" and "analyst" in words and "manager" not in words:
        rank -= ANALYST_STEP_DOWN
    if "management" in words and rank < SENIORITY_WORDS["head"]:
        # "Head of IT service management" is a head of profession, not a management track.
        rank += MANAGEMENT_TRACK_STEP
    if "major" in words:
        rank += MAJOR_STEP
    return rank


def sort_levels(role_name: str, level_names: Iterable[str]) -> list[str]:
    """The level names of one role in career order (ties keep alphabetical order)."""
    return sorted(level_names, key=lambda name: (level_rank(name, role_name), name.strip().lower()))
