"""A title cleaned and cut into words: pay grades, salaries, references, contract terms and
places removed, abbreviations expanded, plurals made singular, and the text split into segments
with bracketed text kept aside as weaker evidence."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .results import MAX_TITLE_CHARACTERS
from .vocabulary import ABBREVIATIONS, SENIORITY_TOKENS, STOP_WORDS, TOKEN_SYNONYMS, word_set

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_NOISE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # salaries and money
        r"£\s?\d[\d,.]*\s?k?(\s*(-|to)\s*£?\s?\d[\d,.]*\s?k?)?",
        r"\bup to\s+£?\d[\d,]*\b",
        r"\b\d{2,3},\d{3}\b",
        r"\b\d{4,7}\s*-\s*\d{4,7}\b",
        r"(?<![a-z])-\s?\d{4,7}\b",
        r"\bp\.?\s?a\.?(?![a-z])",
        r"\bper (annum|year|hour|day)\b",
        r"\bpro[ -]?rata\b",
        r"\+?\s*(plus\s+)?benefits\b",
        # references and ids
        # one run of spaces, not three in a row: "\s*(no)?\s*:?\s*" backtracks cubically
        r"\bref(erence)?\.?\s*(?:(no\.?|number)\s*)?(?::\s*)?[a-z0-9/]*\d[a-z0-9/-]*",
        r"#\s?\w+",
        r"\bid\s*\d+\b",
        r"\bvacancy\b",
        # pay grades of councils and the civil service
        r"\b(po|so|sc)\s?-?\d{1,2}\b",
        r"\bscale\s?\d{1,2}[a-z]?\b",
        r"\bgrade\s?\d{1,2}[a-z]?\b",
        r"\bband\s?\d{1,2}[a-z]?\b",
        r"\bband\s[a-f]\b",
        r"\bpay\s?band\s?\w?\d?\b",
        r"\bg\s?[67]\b",
        r"\b[a-e]\d(seo|heo|eo|g[67])\b",
        r"\b(aa|ao|eo|heo|seo|scs|sco|hlta?)\b",
        r"\bpb\s?\d\b",
        r"\b[a-e][1-3]\b",
        r"\blevel\s?\d\b",
        r"\bddat\b",
        # contract terms
        r"\bfixed[ -]?term( contract| appointment| post)?\b",
        r"\b(ftc|fta)\b",
        r"\b\d+\s*(year|yr|month|mth|week)s?\b",
        r"\b(temporary|permanent|secondment|interim|locum|contract)\b",
        r"\bmaternity (cover|leave)\b",
        r"\b(part|full)[ -]?time\b",
        r"\b(hybrid|remote|home[ -]based|office[ -]based|flexible working|job share)\b",
        r"\bx\s?\d+\b",
        r"\b\d+\s?x\b",
        r"\b\d+\s+(roles?|posts?|positions?|vacancies)(\s+available)?\b",
        r"\b(roles?|posts?)\s+available\b",
        # places
        r"\b(london|national|nationwide|uk|united kingdom|england|scotland|wales|manchester"
        r"|birmingham|leeds|bristol|newcastle|glasgow|edinburgh|cardiff|belfast|sheffield"
        r"|nottingham|liverpool|croydon|darlington|telford|swansea|york|sheffield|various"
        r"|multiple locations|locations?)\b",
    )
)
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SEGMENT_SPLIT = re.compile(r"\s+-+\s*|\s*-+\s+|\s*[|:;]\s*")
_TOKEN = re.compile(r"[a-z0-9]+")
_ALPHA_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_PLURAL_KEEP = word_set(
    "devops ops gis ios aws analytics business access process class sales news series"
)


def _prepare(text: str) -> str:
    text = _DASHES.sub("-", text).replace("\u00a0", " ").lower()
    text = text.replace("c#", " csharp ").replace(".net", " dotnet ").replace("gov.uk", " govuk ")
    text = text.replace("i.ai", " iai ").replace("&", " and ").replace("/", " ")
    text = re.sub(r"front[ -]?end", "frontend", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    for pattern in _NOISE_PATTERNS:
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -,.")


@lru_cache(maxsize=4096)
def _singular(token: str) -> str:
    if token in _PLURAL_KEEP or len(token) <= 4 or not token.endswith("s"):
        return token
    if token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 5:
        return token[:-3] + "y"
    return token[:-1]


def tokenise(text: str) -> list[str]:
    words: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        if any(character.isdigit() for character in raw):
            # "Developer05", "MI6": keep the letters, but never read them as an abbreviation.
            words.extend(
                _singular(piece)
                for piece in _ALPHA_DIGIT.sub(" ", raw).split()
                if not piece.isdigit()
            )
            continue
        word = TOKEN_SYNONYMS.get(raw, raw)
        expanded = ABBREVIATIONS.get(word, word)
        for part in expanded.split():
            part = TOKEN_SYNONYMS.get(part, part)
            for piece in part.split():
                words.append(_singular(piece))
    return [word for word in words if word not in STOP_WORDS]


def phrase_tokens(text: str) -> tuple[str, ...]:
    return tuple(token for token in tokenise(text) if token not in SENIORITY_TOKENS)


def split_title(
    title: str, correct: Callable[[str], str]
) -> tuple[list[list[str]], list[list[str]]]:
    """The words of ``title``'s segments and of its bracketed asides, each word passed through
    ``correct``. With nothing outside the brackets, the asides are the segments."""
    # A title is a line, not a document: only its start is read, so the cleaning patterns
    # (and the segment scoring, quadratic in segments) run on a bounded string.
    cleaned = _prepare((title or "")[:MAX_TITLE_CHARACTERS])
    asides = [inner for pair in _BRACKETS.findall(cleaned) for inner in pair if inner.strip()]
    main = _BRACKETS.sub(" ", cleaned)
    main = re.sub(r"[()\[\]]", " ", main)
    segments = [[correct(token) for token in tokenise(part)] for part in _SEGMENT_SPLIT.split(main)]
    segments = [segment for segment in segments if segment]
    aside_segments = [
        [correct(token) for token in tokenise(_BRACKETS.sub(" ", part))] for part in asides
    ]
    aside_segments = [segment for segment in aside_segments if segment]
    if not segments and aside_segments:
        return aside_segments, []
    return segments, aside_segments
