"""Rules are data: this module loads ``rules/*.yaml`` and matches word lists and regexes.

A rule matches in one of three ways:

* ``words``: a list of words or phrases written in their base form. Matching is whole-word and
  case-insensitive, and each word of the text is compared through its lemma candidates, so
  "chairmen" matches "chairman" and "utilising" matches "utilise" -- while "analyst" never
  matches "analytical" and "committee" never matches "commit". Hyphenated words are one word:
  "data-driven" is not "driven".
* ``regex``: a regular expression (case-insensitive unless ``case_sensitive: true``).
* ``check``: the name of a structural check written in Python (see the ``structural`` package).

``exceptions`` are phrases that cancel a match they overlap ("Active Directory" for "active");
``unless_sentence_has`` are phrases that cancel a match anywhere in the same sentence ("or
equivalent experience" for a degree requirement); ``unless_text_has`` are phrases that cancel
every match of the rule when they appear anywhere in the text ("driving is essential" for "own
car"). With ``skip_mentions: true`` wording quoted as an example ("phrases such as 'digital
native'") is a mention, not a use, and is not flagged.

A rule of severity ``must_change`` names the Equality Act 2010 characteristic its wording
touches (``characteristic: age``); the finding's message says so and links to the section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from civictalent.core.budget import check_time

from .model import CATEGORY_LABELS, EQUALITY_ACT_CHARACTERISTICS, SEVERITIES, Characteristic
from .text import Analysis, lemma_candidates

__all__ = [
    "RULES_DIRECTORY",
    "Hit",
    "Rule",
    "RuleError",
    "RuleSet",
    "compile_insensitive",
    "load_rules",
    "match_regex_rule",
    "match_word_rules",
    "quoted_mention",
]

RULES_DIRECTORY = Path(__file__).resolve().parent.parent / "rules"
SCOPES = ("passage", "document")
_PHRASE_GAP_RE = re.compile(r"[ \t\-]+")
_SPACES_RE = re.compile(r"\s+")
_PLACEHOLDER_RE = re.compile(r"\{(\w+)\}")


_ESCAPE_RE = re.compile(r"\\.")


def compile_insensitive(source: str) -> tuple[re.Pattern[str], bool]:
    """Compile a case-insensitive pattern the fast way when possible.

    A pattern with no upper-case letters can run case-sensitively over the lower-cased text,
    which Python's regex engine does about twice as fast. Returns the pattern and whether it
    expects the lower-cased text.
    """
    if any(character.isupper() for character in _ESCAPE_RE.sub("", source)):
        return re.compile(source, re.IGNORECASE | re.MULTILINE), False
    return re.compile(source, re.MULTILINE), True


class RuleError(ValueError):
    """A rules file is malformed; the message names the file and the rule."""


@dataclass(frozen=True, slots=True)
class Hit:
    """Where a rule matched. ``start == end == 0`` means the whole document."""

    start: int
    end: int
    values: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    scope: str
    kind: str  # "words" | "regex" | "check"
    message: str
    suggestion: str
    source: str
    phrases: tuple[tuple[str, ...], ...] = ()
    pattern: re.Pattern[str] | None = None
    check: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    exceptions: re.Pattern[str] | None = None
    unless_sentence_has: re.Pattern[str] | None = None
    replacements: Mapping[str, str] = field(default_factory=dict)
    default_replacement: str | None = None
    first_only: bool = False
    # literal lower-case strings, at least one of which must be in the text for a match
    requires: tuple[str, ...] = ()
    searches_lower: bool = False
    unless_text_has: re.Pattern[str] | None = None
    skip_mentions: bool = False
    source_url: str = ""
    # the replacement goes in as written (an acronym's expansion), not in the excerpt's case
    keeps_case: bool = False

    def may_match(self, analysis: Analysis) -> bool:
        """A quick test that lets most rules skip their regex on most texts."""
        return not self.requires or any(word in analysis.lower for word in self.requires)

    @property
    def has_replacement(self) -> bool:
        return self.default_replacement is not None or bool(self.replacements)

    def render(self, template: str, values: Mapping[str, str]) -> str:
        """Fill ``{name}`` placeholders from a hit's values; unknown names stay as written."""
        if not values:
            return template
        return _PLACEHOLDER_RE.sub(
            lambda match: values.get(match.group(1), match.group()), template
        )

    def replacement_for(self, excerpt: str) -> str | None:
        """The one-click swap for ``excerpt``, or None if this rule has none for it."""
        if not self.has_replacement:
            return None
        key = _SPACES_RE.sub(" ", excerpt.strip().lower()).replace("\u2019", "'")
        if key in self.replacements:
            return self.replacements[key]
        if self.kind == "words":
            for phrase in self.phrases:
                base = " ".join(phrase)
                if key == base:
                    return self.replacements.get(base, self.default_replacement)
                replacement = self.replacements.get(base, self.default_replacement)
                if replacement and " " not in replacement and key in (base + "s", base + "es"):
                    return replacement + ("es" if replacement.endswith(("s", "sh", "ch")) else "s")
            return None
        return self.default_replacement

    def allows(self, analysis: Analysis, start: int, end: int) -> bool:
        """False if an exception cancels a match at ``start:end``."""
        if self.exceptions is not None:
            window_start = max(0, start - 60)
            for match in self.exceptions.finditer(analysis.text, window_start, end + 60):
                if match.start() < max(end, start + 1) and match.end() > start:
                    return False
        if self.unless_text_has is not None:
            key_text = ("unless_text_has", self.id)
            anywhere = analysis.memo.get(key_text)
            if anywhere is None:
                anywhere = analysis.memo[key_text] = (
                    self.unless_text_has.search(analysis.text) is not None
                )
            if anywhere:
                return False
        if self.skip_mentions and quoted_mention(analysis.text, start, end):
            return False
        if self.unless_sentence_has is not None:
            span = analysis.span_of_sentence_or_line(start)
            # Once per sentence: a long sentence full of hits would be searched once per hit.
            key = ("unless_sentence_has", self.id, span)
            found = analysis.memo.get(key)
            if found is None:
                found = analysis.memo[key] = (
                    self.unless_sentence_has.search(analysis.text, *span) is not None
                )
            if found:
                return False
        return True


# An opening quotation mark -> its closing mark. A straight single quote is left out: it is
# also an apostrophe.
_QUOTES = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019"}
_QUOTE_WINDOW = 160
# what introduces a quotation as an example of wording rather than as a requirement
_MENTION_CUE_RE = re.compile(
    r"(?:\b(?:such\s+as|like|words?|phrases?|terms?|expressions?|wording|called|named|titled|"
    r"avoid(?:s|ing)?|e\.g\.|for\s+example|instead\s+of|rather\s+than|replaced?|removed?|"
    r"not|never|say(?:ing)?|writ(?:e|ing))(?:\s+(?:an?|the))?|[\"\u201d\u2019]\s*(?:,|and|or))\s*$",
    re.IGNORECASE,
)


def quoted_mention(text: str, start: int, end: int) -> bool:
    """True if ``text[start:end]`` is inside quotation marks on one line that are introduced as
    an example of wording ("we no longer write phrases such as "young and dynamic""). Looks at
    no more than ``_QUOTE_WINDOW`` characters each side, so it costs the same on any text."""
    low = max(0, start - _QUOTE_WINDOW)
    newline = text.rfind("\n", low, start)
    left = newline + 1 if newline >= 0 else low
    opener = -1
    for mark, closer in _QUOTES.items():
        at = text.rfind(mark, left, start)
        if at < 0:
            continue
        if mark == closer:
            if text.count(mark, left, start) % 2 == 0:
                continue
        elif text.rfind(closer, at + 1, start) >= 0:
            continue
        found = text.find(closer, end, min(len(text), end + _QUOTE_WINDOW))
        line_end = text.find("\n", end, min(len(text), end + _QUOTE_WINDOW))
        if found >= 0 and (line_end < 0 or found < line_end):
            opener = max(opener, at)
    if opener < 0:
        return False
    return _MENTION_CUE_RE.search(text, max(left, opener - 40), opener) is not None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    by_id: Mapping[str, Rule]
    # first word of each phrase -> (rule, phrase) for every ``words`` rule, for one pass over text
    word_index: Mapping[str, tuple[tuple[Rule, tuple[str, ...]], ...]]


def load_rules(directory: Path = RULES_DIRECTORY, known_checks: Iterable[str] = ()) -> RuleSet:
    """Read and compile every ``*.yaml`` rules file in ``directory``."""
    checks = set(known_checks)
    rules: list[Rule] = []
    for path in sorted(directory.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(document, dict) or not isinstance(document.get("rules"), list):
            raise RuleError(f"{path.name}: expected a mapping with a 'rules' list")
        for raw in document["rules"]:
            rules.append(_compile_rule(path.name, raw, checks))
    by_id: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in by_id:
            raise RuleError(f"rule {rule.id} is defined twice")
        by_id[rule.id] = rule
    return RuleSet(rules=tuple(rules), by_id=by_id, word_index=_word_index(rules))


def _word_index(rules: list[Rule]) -> dict[str, tuple[tuple[Rule, tuple[str, ...]], ...]]:
    index: dict[str, list[tuple[Rule, tuple[str, ...]]]] = {}
    for rule in rules:
        for phrase in rule.phrases:
            index.setdefault(phrase[0], []).append((rule, phrase))
    return {word: tuple(entries) for word, entries in index.items()}


def _compile_rule(filename: str, raw: Any, checks: set[str]) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{filename}: each rule must be a mapping, got {raw!r}")
    rule_id = str(raw.get("id", ""))
    where = f"{filename}: rule {rule_id or '(no id)'}"
    for required in ("id", "category", "severity", "match", "message", "suggestion", "source"):
        if not raw.get(required):
            raise RuleError(f"{where}: '{required}' is required")
    if raw["category"] not in CATEGORY_LABELS:
        raise RuleError(f"{where}: unknown category {raw['category']!r}")
    if raw["severity"] not in SEVERITIES:
        raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    characteristic = _characteristic(raw, where)
    scope = raw.get("scope", "passage")
    if scope not in SCOPES:
        raise RuleError(f"{where}: scope must be 'passage' or 'document'")
    match = raw["match"]
    if not isinstance(match, dict) or len(match.keys() & {"words", "regex", "check"}) != 1:
        raise RuleError(f"{where}: match needs exactly one of words, regex or check")
    flags = re.MULTILINE | (0 if raw.get("case_sensitive") else re.IGNORECASE)
    phrases: tuple[tuple[str, ...], ...] = ()
    pattern = None
    check = None
    searches_lower = False
    if "words" in match:
        kind = "words"
        phrases = tuple(_phrase(str(word)) for word in match["words"])
    elif "regex" in match:
        kind = "regex"
        try:
            if raw.get("case_sensitive"):
                pattern = re.compile(str(match["regex"]), flags)
            else:
                pattern, searches_lower = compile_insensitive(str(match["regex"]))
        except re.error as error:
            raise RuleError(f"{where}: bad regex: {error}") from None
    else:
        kind = "check"
        check = str(match["check"])
        if checks and check not in checks:
            raise RuleError(f"{where}: no structural check called {check!r}")
    replacement = raw.get("replacement")
    replacements: dict[str, str] = {}
    default_replacement = None
    if isinstance(replacement, dict):
        replacements = {_SPACES_RE.sub(" ", str(k).lower()): str(v) for k, v in replacement.items()}
    elif replacement is not None:
        default_replacement = str(replacement)
    return Rule(
        id=rule_id,
        category=raw["category"],
        severity=raw["severity"],
        scope=scope,
        kind=kind,
        message=_clean(raw["message"])
        + (" " + characteristic.reason if characteristic is not None else ""),
        suggestion=_clean(raw["suggestion"]),
        source=_clean(raw["source"]),
        phrases=phrases,
        pattern=pattern,
        check=check,
        params=dict(match.get("params") or raw.get("params") or {}),
        exceptions=_phrases_pattern(raw.get("exceptions")),
        unless_sentence_has=_phrases_pattern(raw.get("unless_sentence_has")),
        replacements=replacements,
        default_replacement=default_replacement,
        first_only=bool(raw.get("first_only", False)),
        requires=tuple(str(word).lower() for word in raw.get("requires") or ()),
        searches_lower=searches_lower,
        unless_text_has=_phrases_pattern(raw.get("unless_text_has")),
        skip_mentions=bool(raw.get("skip_mentions", False)),
        source_url=characteristic.source_url if characteristic is not None else "",
        keeps_case=bool(raw.get("keeps_case", False)),
    )


def _characteristic(raw: dict[str, Any], where: str) -> Characteristic | None:
    """The Equality Act 2010 characteristic a rule cites; a must_change rule must cite one."""
    characteristic = EQUALITY_ACT_CHARACTERISTICS.get(str(raw.get("characteristic", "")))
    if raw.get("characteristic") and characteristic is None:
        known = ", ".join(EQUALITY_ACT_CHARACTERISTICS)
        raise RuleError(f"{where}: characteristic must be one of {known}")
    if raw["severity"] == "must_change" and characteristic is None:
        raise RuleError(
            f"{where}: a must_change rule names the Equality Act 2010 characteristic it touches"
        )
    return characteristic


def _clean(value: Any) -> str:
    return _SPACES_RE.sub(" ", str(value)).strip()


def _phrase(text: str) -> tuple[str, ...]:
    words = tuple(text.lower().replace("\u2019", "'").split())
    if not words:
        raise RuleError(f"empty word in a words list: {text!r}")
    return words


def _phrases_pattern(phrases: Any) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alternatives = sorted((re.escape(str(phrase)) for phrase in phrases), key=len, reverse=True)
    body = "|".join(alternative.replace(r"\ ", r"\s+") for alternative in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


# --- matching ------------------------------------------------------------------------------------


def match_word_rules(analysis: Analysis, rules: RuleSet) -> dict[str, list[Hit]]:
    """One pass over the words of the text for every ``words`` rule at once."""
    hits: dict[str, list[Hit]] = {}
    tokens = analysis.tokens
    text = analysis.text
    index = rules.word_index
    for position, token in enumerate(tokens):
        if position % 1024 == 0:
            check_time()
        for candidate in lemma_candidates(token.lower):
            entries = index.get(candidate)
            if entries is None:
                continue
            for rule, phrase in entries:
                last = _phrase_end(analysis, position, phrase)
                if last is None:
                    continue
                start, end = token.start, tokens[last].end
                if rule.allows(analysis, start, end):
                    hits.setdefault(rule.id, []).append(Hit(start, end, {"match": text[start:end]}))
    return {rule_id: _deduplicated(found) for rule_id, found in hits.items()}


def _phrase_end(analysis: Analysis, position: int, phrase: tuple[str, ...]) -> int | None:
    """The index of the phrase's last token if the phrase starts at ``position``."""
    tokens = analysis.tokens
    last = position
    for word in phrase[1:]:
        following = last + 1
        if following >= len(tokens):
            return None
        gap = analysis.text[tokens[last].end : tokens[following].start]
        if not _PHRASE_GAP_RE.fullmatch(gap) or word not in lemma_candidates(
            tokens[following].lower
        ):
            return None
        last = following
    return last


def _deduplicated(hits: list[Hit]) -> list[Hit]:
    """Drop a hit contained in a longer hit of the same rule ("he or she" vs "he")."""
    ordered = sorted(hits, key=lambda hit: (hit.start, -hit.end))
    kept: list[Hit] = []
    for hit in ordered:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def match_regex_rule(analysis: Analysis, rule: Rule) -> list[Hit]:
    assert rule.pattern is not None
    if not rule.may_match(analysis):
        return []
    lower = rule.searches_lower and analysis.lower_is_aligned
    hits = []
    for match in rule.pattern.finditer(analysis.lower if lower else analysis.text):
        check_time()
        start, end = match.span()
        if end > start and rule.allows(analysis, start, end):
            values = {
                name: analysis.text[match.start(name) : match.end(name)]
                for name, value in match.groupdict().items()
                if value
            }
            values.setdefault("match", analysis.text[start:end])
            hits.append(Hit(start, end, values))
    return hits
