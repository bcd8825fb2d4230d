"""Headings recognised by meaning ("Job purpose", "Main duties", "Person specification", ...)
and lines that read as headings (marked by the document, in capitals, or a phrase we know).
Every pattern is linear in its input: trailing punctuation is stripped, not matched."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from civictalent.jdlibrary.extraction.model import SectionKind

_HEADING_PATTERNS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (
        "essential",
        (
            r"^(?:the )?(?:essential|must haves?|must-haves?|minimum|required)"
            r"(?: criteria| requirements| skills| qualifications| experience| knowledge)?$",
            r"^criteria essential$",
            r"^(?:what )?you must have$",
            r"(?:^|[-\u2013\u2014:/] ?)essential(?: criteria)?$",
        ),
    ),
    (
        "desirable",
        (
            r"^(?:the )?(?:desirable|nice to haves?|nice-to-haves?|preferred|bonus points?)"
            r"(?: criteria| requirements| skills| qualifications| experience| knowledge)?$",
            r"^it would be (?:good|great|nice|useful) if(?: you)?(?: had| have)?$",
            r"(?:^|[-\u2013\u2014:/] ?)desirable(?: criteria)?$",
        ),
    ),
    (
        "how_to_apply",
        (
            r"\bhow to apply\b",
            r"\bapplication (?:process|evaluation|guidance)\b",
            r"^applying(?: for (?:this|the) (?:role|job|post|position))?$",
            r"^(?:to )?apply\b",
            r"\bnext steps\b",
            r"\b(?:selection|recruitment|interview|assessment) process\b",
            r"\brequired documents\b",
            r"\bhow (?:we|you) will be (?:assessed|selected)\b",
            r"^interviews?$",
            r"^evaluation$",
        ),
    ),
    (
        "benefits",
        (
            r"\bbenefits\b",
            r"\bwhat we (?:can )?offer\b",
            r"\bwhy (?:work|join)\b",
            r"^rewards?\b",
            r"\bperks\b",
            r"^pensions?$",
            r"\bwhat'?s in it for you\b",
            r"\bremuneration\b",
            r"^(?:the )?package$",
            r"^compensation\b",
        ),
    ),
    (
        "other",
        (
            r"\bequal opportunit",
            r"\bdiversity\b",
            r"\bterms (?:and|&) conditions\b",
            r"^contact",
            r"\breporting (?:lines?|to|arrangements|relationships)\b",
            r"\bconflicts? of interest\b",
            r"\bsafeguarding\b",
            r"^basic information$",
            r"\bemployment requirements\b",
            r"\bconditions of employment\b",
            r"^(?:further|additional|other|useful|important) information\b",
            r"^notes?$",
            r"^(?:table of )?contents$",
            r"\bdata protection\b",
            r"\bcomplaints\b",
            r"\bcivil service commissioners\b",
            r"^nationality\b",
            r"^key facts\b",
            r"^faqs?$|\bfrequently asked\b",
            r"^appendix\b",
            r"^dimensions$",
        ),
    ),
    (
        "person_specification",
        (
            r"\bperson(?:al)? spec",
            r"\bcriteria\b",
            r"\bskills?,? (?:and|&) (?:experience|abilities|knowledge|requirements|qualifications|"
            r"competenc|attributes|behaviours)",
            r"^(?:knowledge|experience|qualifications|abilities),? (?:and|&) ",
            r"\bwhat (?:we'?re|we are) looking for\b",
            r"^about you\b",
            r"^who (?:you are|we'?re looking for|we are looking for)\b",
            r"\bqualifications\b",
            r"^(?:key |essential |minimum )?requirements\b",
            r"\bcompetenc",
            r"\bspecialist skills\b",
            r"\bjob[- ]specific skills\b",
            r"^(?:key |technical |core )?skills\b",
            r"^(?:knowledge|experience|abilities)$",
            r"^you (?:will|should|must) (?:have|be|bring)\b",
            r"^your (?:skills|experience|profile)\b",
            r"\bideal candidate\b",
        ),
    ),
    (
        "responsibilities",
        (
            r"\b(?:main|key|principal|primary|core|major|general|specific|your|the) "
            r"(?:duties|responsibilities|accountabilities|tasks|activities)\b",
            r"^(?:duties|responsibilities|accountabilities|tasks)\b",
            r"\bresponsibilities\b",
            r"\bduties\b",
            r"\baccountabilit",
            r"\bwhat you'?ll (?:do|be doing)\b",
            r"\bwhat you will (?:do|be doing)\b",
            r"\bwhat the (?:job|role) involves\b",
            r"^(?:key |main )?objectives?\b",
            r"\bday[- ]to[- ]day\b",
            r"\bkey (?:result|performance) areas\b",
            r"\bthe role involves\b",
        ),
    ),
    (
        "purpose",
        (
            r"\bpurpose\b",
            r"^about the (?:role|job|post|position|opportunity|vacancy)\b",
            r"^about this (?:role|job|post|position|opportunity)\b",
            r"^(?:the )?(?:role|job|post|position) (?:summary|overview|profile|context|outline|"
            r"description summary)\b",
            r"^summary(?: of (?:the )?(?:role|job|post|position))?$",
            r"\bopportunity overview\b",
            r"^overview$",
            r"^background\b",
            r"^introduction$",
            r"^(?:the|your|this) role\b",
            r"^(?:the )?opportunity$",
            r"^context$",
        ),
    ),
    (
        "about_council",
        (
            r"^about (?:us|our\b|the (?:council|borough|royal borough|authority|organisation|"
            r"organization|department|team|service|directorate|division|employer|company))",
            r"^about (?!you\b|the\b|this\b|your\b)[a-z .'&-]{2,40}$",
            r"^who we are\b",
            r"^our (?:council|borough|organisation|organization|team|service|department|values|"
            r"vision|mission|story|people)\b",
            r"^working (?:for|at|with) (?:us|the council|[a-z ]+ council)\b",
            r"^(?:the|our) (?:council|borough|department|directorate|organisation)$",
        ),
    ),
)
_COMPILED = tuple(
    (kind, re.compile("|".join(f"(?:{pattern})" for pattern in patterns)))
    for kind, patterns in _HEADING_PATTERNS
)
_NUMBERING = re.compile(
    r"^(?:(?:section|part|step)\s+)?(?:\d{1,2}(?:\.\d{1,2})*|[a-h]|[ivx]{1,4})[.):]\s+|^\d{1,2}\s+"
)
_TRAILING_CHARACTERS = ":;.,-\u2013\u2014?!*"
_MAX_HEADING_WORDS = 14


def heading_key(text: str) -> str:
    key = text.strip()
    if key.startswith("- "):
        key = key[2:]
    key = key.lower().replace("&", " and ").replace("\u2019", "'").replace("\u2018", "'")
    key = _NUMBERING.sub("", key.strip())
    key = re.sub(r"\s+", " ", key)
    return without_trailing(key).strip()


def without_trailing(text: str) -> str:
    """``text`` without the spaces and punctuation at its end (":", ".", "-", "?", ...).

    A loop, not the pattern "[...]+$": searched for, that is quadratic in a long run of them
    that does not end the text."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TRAILING_CHARACTERS):
        end -= 1
    return text[:end]


def classify_heading(text: str) -> SectionKind | None:
    """The kind of section a heading starts, or None when we do not recognise it."""
    key = heading_key(text)
    if ":" in key:
        # "Key objective #1: lead the team ..." is classified by its label.
        label, rest = key.split(":", 1)
        if len(rest.split()) >= 3:
            key = label.strip()
    if not key or len(key.split()) > _MAX_HEADING_WORDS:
        return None
    for kind, pattern in _COMPILED:
        if pattern.search(key):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int | None  # None: prominence unknown (bold text, capitals, a phrase we know)
    kind: SectionKind | None


LABEL_VALUE = re.compile(r"^[^:|]{1,40}:\s*\S")


def detect_heading(line: str, provided: Mapping[str, int]) -> Heading | None:
    stripped = line.strip()
    if stripped in provided:
        level = provided[stripped] or None
        if level is None and LABEL_VALUE.match(stripped):
            return None
        return Heading(stripped, level, classify_heading(stripped))
    if " | " in stripped or len(stripped) > 120:
        return None
    if stripped.startswith("- "):
        content = stripped[2:]
        if len(content.split()) <= 5 and not content.endswith((".", ",", ";")):
            kind = classify_heading(content)
            if kind is not None:
                return Heading(content, None, kind)
        return None
    words = stripped.split()
    if len(words) > 12 or stripped.endswith((".", ",", ";")):
        return None
    if LABEL_VALUE.match(_NUMBERING.sub("", stripped.lower())):
        return None
    kind = classify_heading(stripped)
    if kind is not None:
        return Heading(stripped, None, kind)
    letters = [character for character in stripped if character.isalpha()]
    if len(letters) >= 4 and len(words) <= 10 and all(letter.isupper() for letter in letters):
        return Heading(stripped, None, None)
    return None
