"""Checks of skills over sector: council jargon ("Members"), acronyms never spelled out, and
more jargon than named skills."""

from __future__ import annotations

import re
from functools import lru_cache

from civictalent.core.budget import check_time

from ..rules import Hit, Rule
from ..text import Analysis
from .context import Context
from .params import int_param, param_pattern
from .registry import register

_MEMBER_RE = re.compile(r"\bMembers?\b")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[\s-]*$")


@register("council_members")
def council_members(context: Context, rule: Rule) -> list[Hit]:
    """ "Members" meaning elected councillors: capitalised in the middle of a sentence."""
    text = context.analysis.text
    ordinary = {str(word).lower() for word in rule.params.get("not_after", ())}
    hits = []
    for match in _MEMBER_RE.finditer(text):
        start, end = match.span()
        if _starts_sentence(context.analysis, start) or text[end : end + 3] == " of":
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, start - 30), start)
        if before is not None and before.group(1).lower() in ordinary:
            continue
        if rule.allows(context.analysis, start, end):
            hits.append(Hit(start, end, {"match": match.group()}))
    return hits


def _starts_sentence(analysis: Analysis, offset: int) -> bool:
    sentence = analysis.sentence_at(offset)
    if sentence is not None:
        return sentence.start == offset
    line_start, _ = analysis.line_span(offset)
    return not analysis.text[line_start:offset].strip(" \t#>*-|:")


_ACRONYM_RE = re.compile(r"(?<![\w.-])([A-Z][A-Z&]{1,6})(s?)(?![\w-])")
# An advert has a few dozen acronyms; checking each against every word of the text is
# quadratic, so beyond this many different ones the rest are not looked at.
MAX_ACRONYMS_CHECKED = 200
_MINOR_WORDS = frozenset({"and", "of", "the", "for", "in", "on", "to", "&", "a"})


@register("unexplained_acronym")
def unexplained_acronym(context: Context, rule: Rule) -> list[Hit]:
    """Capitalised abbreviations never spelled out, outside a list everyone knows.

    An acronym counts as explained if the text has "(ACR)", "ACR (...)", "ACR means/stands for",
    "ACR: Words", or a run of words whose initials spell it ("Senior Leadership Team ... SLT").
    """
    analysis = context.analysis
    text = analysis.text
    allowed = {str(word).upper() for word in rule.params.get("allow", ())}
    flagged_elsewhere = [
        hit
        for rule_id in rule.params.get("skip_rules", ())
        for hit in context.hits.get(rule_id, ())
    ]
    seen: set[str] = set()
    defined: set[str] | None = None
    hits = []
    for match in _ACRONYM_RE.finditer(text):
        acronym = match.group(1)
        if acronym in seen or acronym in allowed or acronym.startswith("&"):
            continue
        if len(seen) >= MAX_ACRONYMS_CHECKED:
            break
        seen.add(acronym)
        check_time()
        if any(hit.start <= match.start() < hit.end for hit in flagged_elsewhere):
            continue
        if _in_shouting(analysis, match.start(), match.end()):
            continue
        if defined is None:
            defined = _defined_acronyms(text)
        if acronym in defined or _spelled_out(analysis, acronym.replace("&", "")):
            continue
        hits.append(Hit(match.start(1), match.end(1), {"acronym": acronym}))
    return hits


def _in_shouting(analysis: Analysis, start: int, end: int) -> bool:
    """An upper-case word in an upper-case heading or phrase ("MAIN DUTIES") is no acronym."""
    text = analysis.text
    line_start, line_end = analysis.line_span(start)
    key = ("shouting_line", line_start)
    shouting = analysis.memo.get(key)
    if shouting is None:
        line = text[line_start:line_end]
        letters = [character for character in line if character.isalpha()]
        uppercase = sum(1 for character in letters if character.isupper())
        shouting = analysis.memo[key] = len(letters) >= 12 and uppercase / len(letters) > 0.8
    if shouting:
        return True
    neighbours = _UPPER_WORD_RE.findall(text, max(0, start - 20), end + 20)
    if len(neighbours) >= 3:
        return True
    # A heading in capitals run into the line ("SETTING DIRECTION Seeing the big picture"):
    # upper-case words side by side with ten letters or more between them.
    for run in _UPPER_RUN_RE.finditer(text, max(0, start - 40), end + 40):
        if run.start() <= start and end <= run.end():
            return sum(character.isalpha() for character in run.group()) >= 10
    return False


_UPPER_WORD_RE = re.compile(r"\b[A-Z]{2,}\b")
_UPPER_RUN_RE = re.compile(r"\b[A-Z][A-Z&]+(?: [A-Z][A-Z&]+)+\b")
_DEFINITION_RES = (
    re.compile(r"\(([A-Z][A-Za-z&]{1,7}?)s?\)"),
    re.compile(r"\b([A-Z][A-Z&]{1,7}?)s?\s*\((?!\s*\))[^)\n]{3,80}\)"),
    re.compile(r"\b([A-Z][A-Z&]{1,7}?)s?\s+(?:means|stands\s+for|is\s+short\s+for)\b"),
    re.compile(r"\b([A-Z][A-Z&]{1,7})\s*[-\u2013:=]\s*[A-Z][a-z]"),
)


def _defined_acronyms(text: str) -> set[str]:
    return {match.group(1) for pattern in _DEFINITION_RES for match in pattern.finditer(text)}


def _spelled_out(analysis: Analysis, acronym: str) -> bool:
    """True if some run of words has initials spelling ``acronym`` (minor words may be skipped)."""
    letters = acronym.lower()
    tokens = analysis.tokens
    by_initial = analysis.memo.get("tokens_by_initial")
    if by_initial is None:
        by_initial = analysis.memo["tokens_by_initial"] = {}
        for position, token in enumerate(tokens):
            by_initial.setdefault(token.lower[0], []).append(position)
    for position in by_initial.get(letters[0], ()):
        token = tokens[position]
        if token.lower == letters:
            continue
        matched, index = 1, position + 1
        while (
            matched < len(letters) and index < len(tokens) and index - position <= 2 * len(letters)
        ):
            word = tokens[index].lower
            if word[0] == letters[matched]:
                matched += 1
            elif word not in _MINOR_WORDS:
                break
            index += 1
        if matched == len(letters):
            return True
    return False


@register("framework_acronym")
def framework_acronym(context: Context, rule: Rule) -> list[Hit]:
    """The framework's own shorthand (DDaT, BI, MI, ...) used before, or without, the words it
    stands for. Flagged once each; "Power BI" and other product names are left alone."""
    analysis = context.analysis
    text = analysis.text
    acronyms = {str(key): str(value) for key, value in rule.params.get("acronyms", {}).items()}
    if not acronyms:
        return []
    pattern = _framework_pattern(tuple(acronyms))
    products = {str(word) for word in rule.params.get("not_after", ())}
    seen: set[str] = set()
    hits = []
    for match in pattern.finditer(text):
        check_time()
        acronym = match.group(1)
        expansion = acronyms[acronym]
        if expansion in seen:
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        if before is not None and before.group(1) in products:
            continue
        seen.add(expansion)
        if _in_shouting(analysis, match.start(), match.end()):
            continue
        if _expansion_pattern(expansion).search(text) or f"({acronym})" in text:
            continue
        hits.append(Hit(match.start(1), match.end(1), {"acronym": acronym, "expansion": expansion}))
    return hits


@lru_cache(maxsize=8)
def _framework_pattern(acronyms: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(acronym) for acronym in sorted(acronyms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.&/-])({body})(?![\w&-])")


@lru_cache(maxsize=32)
def _expansion_pattern(expansion: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in re.split(r"[\s,-]+", expansion) if word]
    return re.compile(r"\b" + r"[\s,-]+".join(words) + r"\b", re.IGNORECASE)


@register("sector_over_skills")
def sector_over_skills(context: Context, rule: Rule) -> list[Hit]:
    """More council jargon than named skills across the whole advert."""
    jargon = sum(len(context.hits.get(str(rule_id), ())) for rule_id in rule.params["jargon_rules"])
    if jargon < int_param(rule, "minimum_jargon", 4):
        return []
    skills = len(param_pattern(rule, "skills").findall(context.analysis.text))
    if skills >= jargon:
        return []
    return [Hit(0, 0, {"jargon": str(jargon), "skills": str(skills)})]
