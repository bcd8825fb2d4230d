"""Structural checks: rules that need more than a word list or a regex, registered by name.

A YAML rule says ``match: {check: long_sentence, params: {...}}`` and the function registered
here as ``long_sentence`` runs with that rule (and its params). A check returns hits; a hit at
``0, 0`` is about the whole document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from civictalent.core.budget import check_time
from civictalent.salaries.parsing import SalaryParse, parse_salary

from .model import DocumentFacts
from .rules import Hit, Rule, compile_insensitive
from .text import Analysis, Sentence, lemma_candidates

__all__ = ["CHECKS", "Context", "run_check"]


class PayFigure(NamedTuple):
    start: int
    end: int
    basis: str


# a line worth giving to the salary parser: money, or a pay or grade word
_PAY_LINE_RE = re.compile(
    r"£|\u00a3|\d\s*k\b|\bgbp\b|salary|salaries|\bpay\b|\bgrade|\bscale\b|\bband\b|\bscp\b|"
    r"\b(?:po|so|sm|heo|seo|eo|aa|ao|scs|g)\s?\d|per\s+annum|\bp\.?a\b|pro\s+rata|wage|pounds",
    re.IGNORECASE,
)


@dataclass
class Context:
    """Everything a check may look at; expensive facts are worked out once, on first use."""

    analysis: Analysis
    facts: DocumentFacts
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    @cached_property
    def _pay_lines(self) -> list[tuple[int, SalaryParse]]:
        """The salary parser's reading of each line that might mention pay or a grade.

        Parsing only those lines (rather than the whole text) keeps a long JD fast; the offsets
        of each line are kept so ranges still point into the whole text.
        """
        text = self.analysis.text
        parsed = []
        for line in self.analysis.lines:
            check_time()
            if line.kind != "blank" and _PAY_LINE_RE.search(text, line.start, line.end):
                parsed.append((line.start, parse_salary(text[line.start : line.end])))
        return parsed

    @cached_property
    def grades(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(grade for _, parse in self._pay_lines for grade in parse.grades))

    @cached_property
    def pay_ranges(self) -> tuple[PayFigure, ...]:
        """Ranges in pounds that read as pay: a pound sign, or a pay word just before them."""
        text = self.analysis.text
        return tuple(
            PayFigure(offset + pay.start, offset + pay.end, pay.basis)
            for offset, parse in self._pay_lines
            for pay in parse.ranges
            if pay.currency == "GBP"
            and not any(flag.startswith("implausible") for flag in pay.flags)
            and not _NOT_PAY_RE.search(text, max(0, offset + pay.start - 40), offset + pay.start)
            and (
                "£" in pay.excerpt
                or _PAY_CONTEXT_RE.search(text, max(0, offset + pay.start - 40), offset + pay.start)
            )
        )

    @cached_property
    def has_pay_figure(self) -> bool:
        return bool(self.pay_ranges)

    @cached_property
    def all_headings(self) -> tuple[str, ...]:
        extra = tuple(h for h in self.facts.headings if h.strip())
        return self.analysis.headings + extra


_PAY_CONTEXT_RE = re.compile(r"£|\bgbp\b|\bsalary\b|\bpay\b|\bwage\b|\bpounds\b", re.IGNORECASE)

# money that is not pay: "a budget of £3 million", "contracts worth £2m"
_NOT_PAY_RE = re.compile(
    r"\b(?:budgets?|turnover|worth|valued?|funding|investment|contracts?|savings|spend(?:ing)?|"
    r"grants?|fund|programme|costs?)\b[^.\n£]{0,20}$",
    re.IGNORECASE,
)

CheckFunction = Callable[[Context, Rule], list[Hit]]
CHECKS: dict[str, CheckFunction] = {}

WHOLE_DOCUMENT = Hit(0, 0)


def _register(name: str) -> Callable[[CheckFunction], CheckFunction]:
    def decorate(function: CheckFunction) -> CheckFunction:
        CHECKS[name] = function
        return function

    return decorate


def run_check(context: Context, rule: Rule) -> list[Hit]:
    assert rule.check is not None
    return CHECKS[rule.check](context, rule)


@lru_cache(maxsize=256)
def _patterns(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)


def _param_pattern(rule: Rule, name: str) -> re.Pattern[str]:
    return _patterns(tuple(str(item) for item in rule.params.get(name, ())))


@lru_cache(maxsize=256)
def _fast_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], bool]:
    return compile_insensitive("|".join(f"(?:{pattern})" for pattern in patterns))


def _appears(context: Context, rule: Rule, name: str) -> bool:
    """True if any of the rule's ``params[name]`` patterns appears anywhere in the text."""
    analysis = context.analysis
    if not rule.may_match(analysis):
        return False
    pattern, lower = _fast_patterns(tuple(str(item) for item in rule.params.get(name, ())))
    searched = analysis.lower if lower and analysis.lower_is_aligned else analysis.text
    if not lower or analysis.lower_is_aligned:
        return pattern.search(searched) is not None
    return _param_pattern(rule, name).search(analysis.text) is not None


def _int(rule: Rule, name: str, default: int) -> int:
    return int(rule.params.get(name, default))


def _float(rule: Rule, name: str, default: float) -> float:
    return float(rule.params.get(name, default))


# --- generic --------------------------------------------------------------------------------------


@_register("absent")
def absent(context: Context, rule: Rule) -> list[Hit]:
    """Fires once for the document when none of ``params.any_of`` appears in the text."""
    if context.analysis.word_count < _int(rule, "min_words", 0):
        return []
    return [] if _appears(context, rule, "any_of") else [WHOLE_DOCUMENT]


# --- pay ----------------------------------------------------------------------------------------


@_register("no_pay_figure")
def no_pay_figure(context: Context, rule: Rule) -> list[Hit]:
    return [] if context.has_pay_figure else [WHOLE_DOCUMENT]


@_register("grade_only")
def grade_only(context: Context, rule: Rule) -> list[Hit]:
    """A pay grade (PO4, SCP 29, Grade 7) but no pound figure anywhere."""
    if context.has_pay_figure or not context.grades:
        return []
    grade = context.grades[0]
    position = context.analysis.lower.find(grade.lower())
    if position < 0:
        return [Hit(0, 0, {"grade": grade})]
    return [Hit(position, position + len(grade), {"grade": grade})]


@_register("pay_without")
def pay_without(context: Context, rule: Rule) -> list[Hit]:
    """Pay is stated, but nothing in ``params.any_of`` is (e.g. London weighting)."""
    if not context.has_pay_figure:
        return []
    if any(pay.basis == "including_london_weighting" for pay in context.pay_ranges):
        return []
    if _param_pattern(rule, "any_of").search(context.analysis.text):
        return []
    first = context.pay_ranges[0]
    return [Hit(first.start, first.end)]


# --- skills over sector -------------------------------------------------------------------------

_MEMBER_RE = re.compile(r"\bMembers?\b")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)[\s-]*$")


@_register("council_members")
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


@_register("unexplained_acronym")
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
    return len(neighbours) >= 3


_UPPER_WORD_RE = re.compile(r"\b[A-Z]{2,}\b")
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


@_register("sector_over_skills")
def sector_over_skills(context: Context, rule: Rule) -> list[Hit]:
    """More council jargon than named skills across the whole advert."""
    jargon = sum(len(context.hits.get(str(rule_id), ())) for rule_id in rule.params["jargon_rules"])
    if jargon < _int(rule, "minimum_jargon", 4):
        return []
    skills = len(_param_pattern(rule, "skills").findall(context.analysis.text))
    if skills >= jargon:
        return []
    return [Hit(0, 0, {"jargon": str(jargon), "skills": str(skills)})]


# --- inclusive language ---------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _word_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


def _coded_words(context: Context, rule: Rule, name: str) -> list[tuple[int, int]]:
    words = _word_set(tuple(str(word) for word in rule.params.get(name, ())))
    spans = []
    for token in context.analysis.tokens:
        if not lemma_candidates(token.lower).isdisjoint(words) and rule.allows(
            context.analysis, token.start, token.end
        ):
            spans.append((token.start, token.end))
    return spans


@_register("gender_coded_balance")
def gender_coded_balance(context: Context, rule: Rule) -> list[Hit]:
    """Advice when masculine-coded words clearly outnumber feminine-coded ones."""
    masculine = _coded_words(context, rule, "masculine")
    feminine = _coded_words(context, rule, "feminine")
    if len(masculine) - len(feminine) < _int(rule, "margin", 3):
        return []
    text = context.analysis.text
    examples = _distinct(text[start:end].lower() for start, end in masculine)
    return [
        Hit(
            0,
            0,
            {
                "masculine": str(len(masculine)),
                "feminine": str(len(feminine)),
                "examples": ", ".join(examples[:8]),
            },
        )
    ]


def _distinct(words: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(words))


# --- realism ------------------------------------------------------------------------------------

_ESSENTIAL_CELL_RE = re.compile(r"\|\s*(?:E|Essential)\s*(?:\||$)", re.IGNORECASE)


@_register("too_many_essential")
def too_many_essential(context: Context, rule: Rule) -> list[Hit]:
    """More essential criteria than a candidate can reasonably be asked to show."""
    analysis = context.analysis
    text = analysis.text
    essential = _essential_items(analysis)
    limit = _int(rule, "maximum", 10)
    if len(essential) <= limit:
        return []
    start, end = essential[0][0], essential[-1][1]
    return [
        Hit(
            start,
            end,
            {"count": str(len(essential)), "limit": str(limit), "match": text[start:end]},
        )
    ]


def _essential_items(analysis: Analysis) -> list[tuple[int, int]]:
    text = analysis.text
    items: list[tuple[int, int]] = []
    in_essential = False
    for line in analysis.lines:
        content = text[line.start : line.end].lower()
        if line.kind == "table":
            if _ESSENTIAL_CELL_RE.search(text[line.start : line.end]):
                items.append((line.start, line.end))
            continue
        if line.kind in ("heading", "text") and len(content.split()) <= 12:
            if "essential" in content:
                in_essential = True
                continue
            if "desirable" in content or line.kind == "heading":
                in_essential = False
                continue
        if line.kind == "bullet" and in_essential:
            items.append((line.start, line.end))
    return items


@_register("task_wall")
def task_wall(context: Context, rule: Rule) -> list[Hit]:
    """A long run of list items that are tasks, with few saying what they achieve."""
    analysis = context.analysis
    outcome = _param_pattern(rule, "outcome_cues")
    minimum = _int(rule, "minimum_items", 10)
    share = _float(rule, "minimum_outcome_share", 0.34)
    criteria = _param_pattern(rule, "not_under")
    hits = []
    for run in _bullet_runs(analysis):
        if len(run) < minimum or _introduced_by(analysis, run[0][0], criteria):
            continue
        with_outcome = sum(1 for start, end in run if outcome.search(analysis.text, start, end))
        if with_outcome / len(run) < share:
            start, end = run[0][0], run[-1][1]
            hits.append(
                Hit(
                    start,
                    end,
                    {"count": str(len(run)), "with_outcome": str(with_outcome)},
                )
            )
    return hits


def _introduced_by(analysis: Analysis, offset: int, pattern: re.Pattern[str]) -> bool:
    """True if the nearest heading or text line above ``offset`` matches ``pattern``."""
    lines = analysis.lines
    ends = analysis.memo.get("line_ends")
    if ends is None:
        ends = analysis.memo["line_ends"] = [line.end for line in lines]
    # Lines are in order, so those ending by ``offset`` come first: walk back from the last.
    for index in range(bisect_right(ends, offset) - 1, -1, -1):
        line = lines[index]
        if line.kind in ("blank", "bullet"):
            continue
        return pattern.search(analysis.text, line.start, line.end) is not None
    return False


def _bullet_runs(analysis: Analysis) -> list[list[tuple[int, int]]]:
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for line in analysis.lines:
        if line.kind == "bullet":
            current.append((line.start, line.end))
        elif line.kind == "blank":
            continue
        elif line.kind == "text" and current and len(analysis.text[line.start : line.end]) < 200:
            continue  # a wrapped continuation of the item above
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


# --- plain English --------------------------------------------------------------------------------


@_register("long_sentence")
def long_sentence(context: Context, rule: Rule) -> list[Hit]:
    limit = _int(rule, "maximum_words", 25)
    return [
        Hit(sentence.start, sentence.end, {"count": str(sentence.word_count), "limit": str(limit)})
        for sentence in context.analysis.sentences
        if sentence.word_count > limit
    ]


_VOWEL_GROUPS_RE = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """A rough syllable count, good enough to spot long words."""
    word = word.lower().strip("'")
    if not word:
        return 0
    count = len(_VOWEL_GROUPS_RE.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    if word.endswith(("ed", "es")) and not word.endswith(
        ("ted", "ded", "ses", "zes", "ces", "ges")
    ):
        count = max(1, count - 1)
    return max(1, count)


@_register("dense_words")
def dense_words(context: Context, rule: Rule) -> list[Hit]:
    """A sentence packed with long words (four or more syllables)."""
    minimum_syllables = _int(rule, "minimum_syllables", 4)
    per_sentence = _int(rule, "long_words_per_sentence", 3)
    common = _word_set(tuple(str(word) for word in rule.params.get("common", ())))
    tokens = context.analysis.tokens
    hits = []
    for sentence in context.analysis.sentences:
        long_words = [
            tokens[index].text
            for index in range(sentence.first_token, sentence.last_token)
            if _is_long(tokens[index].lower, minimum_syllables, common)
        ]
        if len(long_words) >= per_sentence:
            hits.append(
                Hit(sentence.start, sentence.end, {"words": ", ".join(_distinct(long_words))})
            )
    return hits


def _is_long(word: str, minimum_syllables: int, common: frozenset[str]) -> bool:
    if word in common or not word.isalpha():
        return False
    return syllables(word) >= minimum_syllables


_BE = r"(?:am|is|are|was|were|be|been|being|'re|'s)"
_PASSIVE_RE = re.compile(
    rf"\b{_BE}\s+(?:(?:not|also|often|usually|normally|then|being|fully|currently|regularly|all)\s+)*"
    r"(?P<participle>[a-z]+(?:ed|en)|built|made|held|kept|led|met|paid|sent|set|sought|taught|told|given|done|seen|known|shown|taken|written|run|found|brought|bought|put)\b",
    re.IGNORECASE,
)


@_register("passive_share")
def passive_share(context: Context, rule: Rule) -> list[Hit]:
    """Flags passive phrases when more than ``params.share`` of sentences use them."""
    analysis = context.analysis
    not_passive = _word_set(tuple(str(word) for word in rule.params.get("adjectives", ())))
    sentences = [
        sentence
        for sentence in analysis.sentences
        if not (rule.params.get("prose_only") and sentence.in_list)
    ]
    passive: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in sentences:
        for match in _PASSIVE_RE.finditer(analysis.text, sentence.start, sentence.end):
            if match.group("participle").lower() not in not_passive:
                passive.append((sentence, match))
                break
    counted = len(sentences)
    if counted < _int(rule, "minimum_sentences", 3) or len(passive) < _int(rule, "minimum", 2):
        return []
    share = len(passive) / counted
    if share <= _float(rule, "share", 0.25):
        return []
    percent = str(round(share * 100))
    return [Hit(match.start(), match.end(), {"percent": percent}) for _, match in passive]


# --- structure ----------------------------------------------------------------------------------


@_register("length_band")
def length_band(context: Context, rule: Rule) -> list[Hit]:
    words = context.analysis.word_count
    shortest, longest = _int(rule, "minimum_words", 200), _int(rule, "maximum_words", 1500)
    if shortest <= words <= longest:
        return []
    verdict = "short" if words < shortest else "long"
    return [
        Hit(
            0,
            0,
            {"words": str(words), "verdict": verdict, "min": str(shortest), "max": str(longest)},
        )
    ]


@_register("few_headings")
def few_headings(context: Context, rule: Rule) -> list[Hit]:
    if context.analysis.word_count < _int(rule, "from_words", 250):
        return []
    headings = {heading.strip().lower() for heading in context.all_headings}
    minimum = _int(rule, "minimum", 3)
    if len(headings) >= minimum:
        return []
    return [Hit(0, 0, {"count": str(len(headings)), "minimum": str(minimum)})]


# --- document hygiene ---------------------------------------------------------------------------


@_register("layout_tables")
def layout_tables(context: Context, rule: Rule) -> list[Hit]:
    return [WHOLE_DOCUMENT] if context.facts.has_layout_tables else []


@_register("images")
def images(context: Context, rule: Rule) -> list[Hit]:
    count = context.facts.image_count
    return [Hit(0, 0, {"count": str(count)})] if count > 0 else []


@_register("no_text_layer")
def no_text_layer(context: Context, rule: Rule) -> list[Hit]:
    return [] if context.facts.has_text_layer else [WHOLE_DOCUMENT]


_CAPITAL_RUN_RE = re.compile(r"\b(?:[A-Z]{2,}[\s,;:]+){5,}[A-Z]{2,}\b")


@_register("capitals_run")
def capitals_run(context: Context, rule: Rule) -> list[Hit]:
    """Six or more upper-case words in a row inside running text (not a heading)."""
    analysis = context.analysis
    hits = []
    for match in _CAPITAL_RUN_RE.finditer(analysis.text):
        if analysis.sentence_at(match.start()) is not None:
            hits.append(Hit(match.start(), match.end()))
    return hits[:1] if rule.first_only else hits
