"""Text analysis for the health check: words, lines, headings, sentences and lemmas.

Everything here works on character offsets into the original text, so every finding can point
at exactly the words it is about. Bullet points, numbered items and table cells are split into
sentences of their own *before* any readability measure is taken: a list of twenty duties with
no full stops is twenty short sentences, not one sentence of 400 words.

The text is anyone's (the public checker, the anonymous API), so every pattern here is linear in
its input: no nested or adjacent overlapping quantifiers, line patterns look at no more than
``MAX_LINE_CHARACTERS`` of a line, and the loops check the time budget (``core.budget``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from civictalent.core.budget import check_time

__all__ = [
    "MAX_LINE_CHARACTERS",
    "Analysis",
    "Line",
    "Sentence",
    "Token",
    "analyse",
    "lemma_candidates",
]

# A word: letters or digits, joined by inner apostrophes or hyphens ("children's", "data-driven").
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+|-[A-Za-z0-9]+)*")
_LINE_RE = re.compile(r"[^\n]*(?:\n|$)")
_BULLET_MARKS = "-*\u2022\u00b7\u25aa\u25e6\u2023\u2013\u25cf\u2219o"
_BULLET_RE = re.compile(
    rf"^[ \t>]*(?:[{_BULLET_MARKS}]|\d{{1,3}}[.)]|[a-z][.)]|\(\w{{1,4}}\))[ \t]+"
)
_QUOTE_PREFIX_RE = re.compile(r"^[ \t]*>[ \t>]*")
_MARKDOWN_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]+")
# A line in bold ("**About the role**"): its opening here, its closing found by _bold_inner.
_BOLD_OPENING_RE = re.compile(r"[ \t]*(\*\*|__)(?=[^*_])")
_TABLE_SEPARATOR_RE = re.compile(r"^[\s|:\-]+$")
# A sentence ends at . ! ? (and any closing quote or bracket) followed by white space. A run of
# marks is matched from its first mark only: tried from every mark, "!!!...!x" is quadratic.
_SENTENCE_END_RE = re.compile(r"(?<![.!?])[.!?]+[\"'\u2019\u201d)\]]*(?=\s|$)")
# Longer lines are text: no heading, bullet or bold line is this long, and the line patterns
# never see more than this many characters of one line.
MAX_LINE_CHARACTERS = 4_000
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "mr", "mrs", "ms", "dr", "st", "no", "approx", "incl", "inc", "vs", "cf"}
)
_TERMINAL = ".!?;"


@dataclass(frozen=True, slots=True)
class Token:
    """One word of the text, with its span."""

    start: int
    end: int
    text: str
    lower: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence, bullet item or table cell: the unit readability is measured on."""

    start: int
    end: int
    first_token: int  # index into Analysis.tokens
    last_token: int  # exclusive
    in_list: bool

    @property
    def word_count(self) -> int:
        return self.last_token - self.first_token


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text, classified."""

    start: int  # where the content starts (after any bullet marker or quote prefix)
    end: int  # end of the content, before the newline
    kind: str  # "blank" | "heading" | "bullet" | "table" | "text"


@dataclass(frozen=True, slots=True)
class Analysis:
    """The text, cut up once and shared by every rule."""

    text: str
    lower: str
    tokens: tuple[Token, ...]
    token_starts: tuple[int, ...]
    lines: tuple[Line, ...]
    sentences: tuple[Sentence, ...]
    sentence_starts: tuple[int, ...]
    headings: tuple[str, ...]
    # where each "\n" is, so a line is found by bisection rather than by searching the text
    newlines: tuple[int, ...] = ()
    # facts worked out once per text by rules and checks (keyed by their own names)
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def word_count(self) -> int:
        return len(self.tokens)

    @property
    def lower_is_aligned(self) -> bool:
        """True if lower-casing kept every offset (it does unless rare letters such as "İ")."""
        return len(self.lower) == len(self.text)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding ``offset``, if any."""
        index = bisect_right(self.sentence_starts, offset) - 1
        if index < 0:
            return None
        sentence = self.sentences[index]
        return (
            sentence if sentence.start <= offset < max(sentence.end, sentence.start + 1) else None
        )

    def span_of_sentence_or_line(self, offset: int) -> tuple[int, int]:
        """The sentence holding ``offset``, or failing that its line."""
        sentence = self.sentence_at(offset)
        if sentence is not None:
            return sentence.start, sentence.end
        return self.line_span(offset)

    def line_span(self, offset: int) -> tuple[int, int]:
        """The line holding ``offset``: from after the "\n" before it to the "\n" after it."""
        index = bisect_left(self.newlines, offset)
        start = self.newlines[index - 1] + 1 if index > 0 else 0
        end = self.newlines[index] if index < len(self.newlines) else len(self.text)
        return start, end

    def first_token_at_or_after(self, offset: int) -> int:
        return bisect_right(self.token_starts, offset - 1)


# --- lemmas -------------------------------------------------------------------------------------

_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "driven": "drive",
    "drove": "drive",
    "led": "lead",
    "won": "win",
    "ran": "run",
    "running": "run",
    "taken": "take",
    "took": "take",
    "given": "give",
    "gave": "give",
    "written": "write",
    "wrote": "write",
    "made": "make",
    "met": "meet",
    "built": "build",
    "brought": "bring",
    "thought": "think",
    "sought": "seek",
    "found": "find",
    "held": "hold",
    "known": "know",
    "shown": "show",
    "seen": "see",
    "spoken": "speak",
    "chosen": "choose",
    "done": "do",
    "been": "be",
    "was": "be",
    "were": "be",
    "is": "be",
    "are": "be",
    "am": "be",
}
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=65536)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every base form ``word`` (lower case) might be an inflection of.

    A small rule-based lemmatiser: it does not know English, so it offers candidates
    ("utilised" -> utilised, utilise, utilis) and a rule's base word matches if it is one of
    them. Rule words are written in their base form, so "chairmen" and "utilising" are found
    while "analyst" never becomes "analyse" and "committee" never becomes "commit".
    """
    forms = {word}
    for possessive in ("'s", "\u2019s"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
            forms.add(word)
    if word.endswith(("s'", "s\u2019")):
        word = word[:-1]
        forms.add(word)
    irregular = _IRREGULAR.get(word)
    if irregular is not None:
        forms.add(irregular)
    forms.update(_suffix_forms(word))
    return frozenset(forms)


def _suffix_forms(word: str) -> set[str]:
    forms: set[str] = set()
    if len(word) < 4:
        return forms
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith(("sses", "shes", "ches", "xes", "zes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        forms.add(word[:-1])
    if word.endswith("ied"):
        forms.add(word[:-3] + "y")
    elif word.endswith("ed"):
        stem = word[:-2]
        forms.update({stem, word[:-1]})
        if _DOUBLED.search(stem):
            forms.add(stem[:-1])
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        forms.update({stem, stem + "e"})
        if _DOUBLED.search(stem):
            forms.add(stem[:-1])
    return forms


# --- lines, headings and sentences -------------------------------------------------------------


def analyse(text: str, extra_headings: tuple[str, ...] = ()) -> Analysis:
    """Cut ``text`` into tokens, classified lines and sentences."""
    tokens = tuple(
        Token(match.start(), match.end(), match.group(), match.group().lower())
        for match in _WORD_RE.finditer(text)
    )
    token_starts = tuple(token.start for token in tokens)
    check_time()
    heading_texts = {heading.strip().lower() for heading in extra_headings if heading.strip()}
    lines = _classify_lines(text, heading_texts)
    sentences = _sentences(text, lines, token_starts)
    check_time()
    headings = tuple(text[line.start : line.end] for line in lines if line.kind == "heading")
    return Analysis(
        text=text,
        lower=text.lower(),
        tokens=tokens,
        token_starts=token_starts,
        lines=tuple(lines),
        sentences=tuple(sentences),
        sentence_starts=tuple(sentence.start for sentence in sentences),
        headings=headings,
        newlines=tuple(match.start() for match in _NEWLINE_RE.finditer(text)),
    )


_NEWLINE_RE = re.compile("\n")


def _classify_lines(text: str, known_headings: set[str]) -> list[Line]:
    raw_lines: list[tuple[int, int]] = []
    for match in _LINE_RE.finditer(text):
        if match.start() == len(text) and match.group() == "":
            break
        end = match.end() - (1 if match.group().endswith("\n") else 0)
        if end > match.start() and text[end - 1] == "\r":
            end -= 1
        raw_lines.append((match.start(), end))
    lines: list[Line] = []
    for index, (start, end) in enumerate(raw_lines):
        if index % 256 == 0:
            check_time()
        previous_blank = index == 0 or _is_blank(text, *raw_lines[index - 1])
        lines.append(_classify_line(text, start, end, known_headings, previous_blank))
    return lines


def _is_blank(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip()


def _classify_line(
    text: str, start: int, end: int, known_headings: set[str], previous_blank: bool
) -> Line:
    if _is_blank(text, start, end):
        return Line(start, end, "blank")
    long = end - start > MAX_LINE_CHARACTERS
    # Only the start of a long line is given to the line patterns.
    content = text[start : min(end, start + MAX_LINE_CHARACTERS)]
    stripped = content.strip()
    quote = _QUOTE_PREFIX_RE.match(content)
    if quote is not None:
        start += quote.end()
        content = text[start : min(end, start + MAX_LINE_CHARACTERS)]
    markdown_heading = _MARKDOWN_HEADING_RE.match(content)
    if markdown_heading is not None:
        return _trimmed(text, start + markdown_heading.end(), end, "heading")
    if stripped.startswith("|"):
        return _trimmed(text, start, end, "table")
    bullet = _BULLET_RE.match(content)
    if bullet is not None:
        return _trimmed(text, start + bullet.end(), end, "bullet")
    if long:
        return _trimmed(text, start, end, "text")
    bold = _bold_inner(content)
    if bold is not None and _looks_like_heading(content[bold[0] : bold[1]], previous_blank=True):
        return _trimmed(text, start + bold[0], start + bold[1], "heading")
    if stripped.lower().rstrip(":") in known_headings or _looks_like_heading(
        stripped, previous_blank
    ):
        return _trimmed(text, start, end, "heading")
    return _trimmed(text, start, end, "text")


def _bold_inner(content: str) -> tuple[int, int] | None:
    """Where the words of a bold line ("**About the role**", "__Pay__:") are in ``content``.

    The same lines as the pattern ``^[ \\t]*(\\*\\*|__)(?P<inner>[^*_].*?)\\1[ \\t]*:?[ \\t]*$``,
    found by trimming the end first: that pattern backtracked quadratically over the spaces
    after each closing marker."""
    opening = _BOLD_OPENING_RE.match(content)
    if opening is None:
        return None
    marker = opening.group(1)
    end = len(content.rstrip(" \t"))
    if end and content[end - 1] == ":":
        end = len(content[: end - 1].rstrip(" \t"))
    inner_start = opening.end()
    inner_end = end - len(marker)
    if inner_end <= inner_start or content[inner_end:end] != marker or "\n" in content:
        return None
    return inner_start, inner_end


def _looks_like_heading(line: str, previous_blank: bool) -> bool:
    """A short line with no closing punctuation that reads as a title, e.g. "About the role"."""
    words = line.split()
    if not words or len(words) > 8 or line[-1] in _TERMINAL or line[-1] == ",":
        return False
    if not line[0].isupper():
        return False
    if line.endswith(":"):
        return len(words) <= 6
    if line.isupper() and len(line) > 3:
        return True
    return previous_blank and len(words) <= 6


def _trimmed(text: str, start: int, end: int, kind: str) -> Line:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Line(start, end, kind)


def _sentences(text: str, lines: list[Line], token_starts: tuple[int, ...]) -> list[Sentence]:
    blocks: list[tuple[int, int, bool]] = []
    paragraph: tuple[int, int] | None = None
    for line in lines:
        if line.kind == "text":
            paragraph = (
                (paragraph[0], line.end) if paragraph is not None else (line.start, line.end)
            )
            continue
        if paragraph is not None:
            blocks.append((*paragraph, False))
            paragraph = None
        if line.kind == "bullet":
            blocks.append((line.start, line.end, True))
        elif line.kind == "table":
            blocks.extend((start, end, True) for start, end in _table_cells(text, line))
    if paragraph is not None:
        blocks.append((*paragraph, False))
    sentences: list[Sentence] = []
    for number, (start, end, in_list) in enumerate(blocks):
        if number % 256 == 0:
            check_time()
        for sentence_start, sentence_end in _split_block(text, start, end):
            first = bisect_right(token_starts, sentence_start - 1)
            last = bisect_right(token_starts, sentence_end - 1)
            if last > first:
                sentences.append(Sentence(sentence_start, sentence_end, first, last, in_list))
    return sentences


def _table_cells(text: str, line: Line) -> list[tuple[int, int]]:
    content = text[line.start : line.end]
    if _TABLE_SEPARATOR_RE.match(content):
        return []
    cells: list[tuple[int, int]] = []
    offset = line.start
    for part in content.split("|"):
        trimmed = _trimmed(text, offset, offset + len(part), "text")
        bullet = _BULLET_RE.match(text[trimmed.start : trimmed.end])
        cell_start = trimmed.start + (bullet.end() if bullet else 0)
        if trimmed.end > cell_start:
            cells.append((cell_start, trimmed.end))
        offset += len(part) + 1
    return cells


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        if _is_abbreviation(text, sentence_start, match.start()):
            continue
        spans.append((sentence_start, match.end()))
        sentence_start = match.end()
        while sentence_start < end and text[sentence_start].isspace():
            sentence_start += 1
    if sentence_start < end and text[sentence_start:end].strip():
        spans.append((sentence_start, end))
    return spans


def _is_abbreviation(text: str, sentence_start: int, dot: int) -> bool:
    word_start = dot
    while word_start > sentence_start and (
        text[word_start - 1].isalpha() or text[word_start - 1] == "."
    ):
        word_start -= 1
    word = text[word_start:dot].lower()
    if word in _ABBREVIATIONS:
        return True
    # a decimal number such as "2.5" is not the end of a sentence
    return dot + 1 < len(text) and text[dot + 1].isdigit()
