"""The one rich-text model for job descriptions and vacancies: a small Markdown subset.

Pure Python (no Django). What people write, what JD ingestion produces and what the editor's
buttons type is the same Markdown subset:

- ``## Heading`` and ``### Subheading`` (``#`` reads as ``##``; four or more as ``###``);
- paragraphs, separated by a blank line; a single line break is kept as a line break;
- ``- item`` bulleted lists and ``1. item`` numbered lists;
- ``**bold**``, ``*italic*`` (or ``_italic_``) and ``[links](https://...)`` (https, http and
  mailto only).

Nothing else is read as markup: raw HTML is shown as the characters typed, and images, code
blocks, tables, quotes and rules are not part of the subset. :func:`render` turns it into the
sanitised HTML subset (nh3, the Rust ammonia sanitiser, as the last step, so nothing a renderer
bug let through can reach a page); :func:`with_govuk_classes` adds GOV.UK Frontend classes for a
page. The other way, :func:`html_to_markdown` turns HTML (a council's feed, a stored description)
into the same subset, so the Markdown source and the HTML made from it always agree.

:func:`normalise` is the ingestion rule: lines starting with ``*``, a bullet character, a dash
or ``+`` become ``- `` items, ``1)`` numbers become ``1.``, a list is set apart from the text
around it (so a line after a list is a new paragraph, not part of the last item) and blank
lines between items are dropped (lists stay tight).

Everything here reads text anyone can send, so it is linear in its input: markdown-it-py's
rules (tests/test_pathological_input.py times them), the standard library's HTML parser, and
line patterns without nested or overlapping quantifiers.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Final

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "ALLOWED_TAGS",
    "html_to_markdown",
    "html_to_text",
    "looks_like_html",
    "markdown_from_input",
    "markdown_to_text",
    "normalise",
    "render",
    "sanitise_html",
    "with_govuk_classes",
]

# What sanitised HTML may hold. The renderer makes p, br, h2, h3, ul, ol, li, strong, em and a;
# b, i, h4 and blockquote are kept from HTML given to us (a feed), so the converter can read them.
ALLOWED_TAGS: Final = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "h2", "h3", "h4", "a", "blockquote"}
)
ALLOWED_ATTRIBUTES: Final = {"a": frozenset({"href"}), "ol": frozenset({"start"})}
URL_SCHEMES: Final = frozenset({"https", "http", "mailto"})
LINK_PREFIXES: Final = ("https://", "http://", "mailto:")

# --------------------------------------------------------------------------------------------
# Sanitising HTML


# Containers nested deeper than this are not a description: the HTML parser's scope checks grow
# with the depth (quadratic on "<ul><li>" repeated), so such containers are taken out first.
MAX_NESTING: Final = 40
_CONTAINER: Final = re.compile(
    r"<(/?)(?:ul|ol|li|blockquote|div|dl|dd|table|tbody|tr|td|th|section|article)\b[^<>]*>",
    re.IGNORECASE,
)


def _flattened_if_deep(text: str) -> str:
    depth = deepest = 0
    for match in _CONTAINER.finditer(text):
        depth = max(depth - 1, 0) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    return _CONTAINER.sub("\n", text) if deepest > MAX_NESTING else text


def sanitise_html(text: str) -> str:
    """Safe HTML from untrusted HTML (plain text becomes paragraphs, escaped)."""
    text = text.strip()
    if not text:
        return ""
    if not TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join("<p>" + html.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
    text = _flattened_if_deep(text)
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        clean_content_tags={"script", "style"},
    ).strip()


BLOCK_BREAK: Final = re.compile(r"</(p|li|h[2-4]|blockquote)>|<br\s*/?>", re.IGNORECASE)
# "[^<>]", not "[^>]": from each "<" the scan stops at the next "<", so a text full of "<" is
# read once, not once from every "<" to its end.
TAG: Final = re.compile(r"<[^<>]+>")


def html_to_text(safe_html: str) -> str:
    """Plain text of sanitised HTML, one line per block: for search, emails and the health check."""
    with_breaks = BLOCK_BREAK.sub("\n", safe_html)
    text = html.unescape(TAG.sub("", with_breaks))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


# Tags that mean the text is HTML rather than Markdown that mentions a "<": an opening or closing
# tag of an element a description or a pasted page would use.
_HTML_TAG: Final = re.compile(
    r"</?(?:p|br|div|span|h[1-6]|ul|ol|li|strong|b|em|i|u|a|blockquote|table|tr|td|th|tbody"
    r"|thead|section|article|font|script|style|img|iframe|hr)(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """Whether text is HTML (a feed, a pasted page, an old description), not Markdown: it starts
    with a tag such a text would use. Markdown that mentions "<b>" later on stays Markdown, and
    its "<" is shown as typed."""
    return _HTML_TAG.match(text.lstrip()) is not None


# --------------------------------------------------------------------------------------------
# The Markdown subset

# A typed bullet: "*", "+", "-", an en or em dash and a space ("-item" and "*bold*" are not
# items), or a bullet character (with or without a space).
_BULLET: Final = re.compile(
    r"^( {0,3})(?:[-*+\u2013\u2014]\s+|[\u2022\u25e6\u25aa\u2023]\s*)(?=\S)"
)
_NUMBER: Final = re.compile(r"^( {0,3})(\d{1,3})[.)]\s+(?=\S)")
_ITEM: Final = re.compile(r"^ {0,3}(?:- |\d{1,3}\. )")
_INDENTED: Final = re.compile(r"^ {2,}\S")


def _line_normalised(line: str) -> str:
    line = line.rstrip()
    bullet = _BULLET.match(line)
    if bullet is not None:
        return f"{bullet.group(1)}- {line[bullet.end() :]}"
    number = _NUMBER.match(line)
    if number is not None:
        return f"{number.group(1)}{number.group(2)}. {line[number.end() :]}"
    return line


def normalise(text: str) -> str:
    """The Markdown subset as stored: typed bullets and numbers as ``- `` and ``1. `` items,
    lists set apart from paragraphs by a blank line, no blank lines inside a list, at most one
    blank line anywhere, no spaces at line ends."""
    lines = [_line_normalised(line) for line in text.replace("\r\n", "\n").split("\n")]
    # For each line, whether the next non-blank line after it is a list item (one pass back).
    item_follows = [False] * len(lines)
    following = False
    for index in range(len(lines) - 1, -1, -1):
        item_follows[index] = following
        if lines[index]:
            following = _ITEM.match(lines[index]) is not None
    kept: list[str] = []
    in_list = False  # the last line kept is an item or an indented line of one
    for index, line in enumerate(lines):
        if not line:
            # A blank line between two items would make the list "loose" (each item a
            # paragraph): drop it, and any blank line after another.
            if kept and kept[-1] and not (in_list and item_follows[index]):
                kept.append("")
            continue
        is_item = _ITEM.match(line) is not None
        if kept and kept[-1]:
            if is_item and not in_list:
                kept.append("")  # text, then a list
            elif in_list and not is_item and not _INDENTED.match(line):
                kept.append("")  # a list, then text: a new paragraph, not part of the last item
        if is_item:
            in_list = True
        elif not (in_list and kept and kept[-1] and _INDENTED.match(line)):
            in_list = False
        kept.append(line)
    while kept and not kept[-1]:
        kept.pop()
    return "\n".join(kept)


def _validate_link(url: str) -> bool:
    return url.strip().lower().startswith(LINK_PREFIXES)


def _markdown() -> MarkdownIt:
    parser = MarkdownIt(
        "commonmark",
        {"html": False, "breaks": True, "linkify": False, "typographer": False},
    )
    # Only the subset: no code, fences, quotes, rules, underlined headings, link references,
    # HTML, images, code spans, autolinks or character references ("&amp;" is text as typed).
    parser.disable(
        ["code", "fence", "blockquote", "hr", "lheading", "reference", "html_block"],
    )
    parser.disable(["html_inline", "image", "backticks", "autolink", "entity"])
    parser.validateLink = _validate_link  # type: ignore[method-assign]
    return parser


_PARSER: Final = _markdown()


def _subset_tokens(tokens: list[Token]) -> list[Token]:
    """Headings as h2 or h3 (only subheadings: h2, so no level is skipped), and list items
    without paragraphs (every list tight)."""
    levels = [int(token.tag[1]) for token in tokens if token.type == "heading_open"]
    top = "h2" if min(levels, default=2) <= 2 else "h3"
    depth = 0
    for token in tokens:
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
        elif token.type in {"heading_open", "heading_close"}:
            level = int(token.tag[1])
            token.tag = "h2" if level <= 2 or top == "h3" else "h3"
        elif token.type in {"paragraph_open", "paragraph_close"} and depth:
            token.hidden = True
    return tokens


def render(markdown: str) -> str:
    """Sanitised HTML from the Markdown subset (the source is normalised first)."""
    source = normalise(markdown)
    if not source:
        return ""
    tokens = _subset_tokens(_PARSER.parse(source))
    rendered = _PARSER.renderer.render(tokens, _PARSER.options, {})
    return sanitise_html(rendered.replace("\n", ""))


def markdown_to_text(markdown: str) -> str:
    """Plain text of the Markdown subset, one line per block."""
    return html_to_text(render(markdown))


def markdown_from_input(text: str) -> str:
    """The Markdown source of what someone gave us: HTML (a feed, a pasted page: text that
    starts with a tag) is sanitised and converted; anything else is read as the Markdown subset
    and normalised."""
    if looks_like_html(text):
        return html_to_markdown(sanitise_html(text))
    return normalise(text)


# --------------------------------------------------------------------------------------------
# HTML to the Markdown subset

# A character that would be read as markup where the HTML meant it as text. "_" only at the edge
# of a word: inside one ("user_research") it is never emphasis.
_INLINE_MARKUP: Final = re.compile(r"[\\*\[\]]|(?<!\w)_|_(?!\w)")
_HEADINGS: Final = {
    "h1": "## ",
    "h2": "## ",
    "h3": "### ",
    "h4": "### ",
    "h5": "### ",
    "h6": "### ",
}
_BLOCKS: Final = frozenset({"p", "div", "blockquote", "section", "article", "table", "tr"})
_WRAPS: Final = {"strong": "**", "b": "**", "em": "*", "i": "*"}


def _escaped(text: str) -> str:
    return _INLINE_MARKUP.sub(lambda match: "\\" + match.group(0), text)


def _link_target(href: str) -> str:
    return href.strip().replace(" ", "%20").replace("(", "%28").replace(")", "%29")


class _Converter(HTMLParser):
    """Sanitised HTML read into the Markdown subset, block by block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        # Inline text being gathered; a new frame for each bold, italic or link element.
        self.frames: list[list[str]] = [[]]
        self.wraps: list[tuple[str, str]] = []  # (tag, href or marker) per open inline frame
        self.prefix = ""  # "## " for a heading, the marker for a list item
        # Per open list: the next number (0 for bullets) and the indent of its items.
        self.lists: list[tuple[list[int], str]] = []

    # Inline text -------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        self.frames[-1].append(_escaped(re.sub(r"\s+", " ", data)))

    def _close_inline(self, tag: str) -> None:
        if not self.wraps or self.wraps[-1][0] != tag:
            return
        _, value = self.wraps.pop()
        inner = "".join(self.frames.pop())
        lead = " " if inner[:1].isspace() else ""
        tail = " " if inner[-1:].isspace() else ""
        words = inner.strip()
        if not words:
            piece = lead or tail
        elif tag == "a":
            target = f"[{words}]({_link_target(value)})" if _validate_link(value) else words
            piece = f"{lead}{target}{tail}"
        else:
            piece = f"{lead}{value}{words}{value}{tail}"
        self.frames[-1].append(piece)

    # Blocks ------------------------------------------------------------------------------
    def _flush(self) -> None:
        while self.wraps:
            self._close_inline(self.wraps[-1][0])
        text = "".join(self.frames[-1])
        self.frames[-1] = []
        lines = [line.strip() for line in text.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            indent = self.lists[-1][1] if self.lists else ""
            joiner = "\n" + (" " * len(indent + self.prefix) if self.lists else "")
            self.blocks.append(indent + self.prefix + joiner.join(lines))
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _WRAPS or tag == "a":
            href = dict(attrs).get("href") or ""
            self.wraps.append((tag, href if tag == "a" else _WRAPS[tag]))
            self.frames.append([])
        elif tag == "br":
            self.frames[-1].append("\n")
        elif tag in _HEADINGS:
            self._flush()
            self.prefix = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._flush()
        elif tag in {"ul", "ol"}:
            self._flush()
            indent = ""
            if self.lists:
                parent_counter, parent_indent = self.lists[-1]
                indent = parent_indent + " " * (3 if parent_counter[0] else 2)
            start = dict(attrs).get("start") or ""
            number = int(start[:6]) if start.isdigit() else 1
            self.lists.append(([max(number, 1) if tag == "ol" else 0], indent))
        elif tag == "li":
            self._flush()
            counter = self.lists[-1][0] if self.lists else [0]
            if counter[0]:
                self.prefix = f"{counter[0]}. "
                counter[0] += 1
            else:
                self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag in _WRAPS or tag == "a":
            self._close_inline(tag)
        elif tag in _HEADINGS or tag in _BLOCKS or tag == "li":
            self._flush()
        elif tag in {"ul", "ol"} and self.lists:
            self._flush()
            self.lists.pop()

    def markdown(self) -> str:
        self.close()
        self._flush()
        return "\n\n".join(self.blocks)


def html_to_markdown(safe_html: str) -> str:
    """The Markdown subset of (sanitised) HTML: headings, paragraphs, lists, bold, italic and
    links. A paragraph whose lines start with "- ", "•" or "1." becomes a list, as typed."""
    converter = _Converter()
    converter.feed(safe_html)
    markdown = normalise(converter.markdown())
    # Text that starts with "<" would be read as HTML again (looks_like_html): escape it.
    return "\\" + markdown if markdown.startswith("<") else markdown


# --------------------------------------------------------------------------------------------
# GOV.UK Frontend classes for pages

GOVUK_CLASSES: Final = {
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "blockquote": "govuk-inset-text",
}
OPENING_TAG: Final = re.compile(r"<(p|ul|ol|h[2-4]|blockquote)( [^<>]*)?>|<a ", re.IGNORECASE)
CLOSING_HEADING: Final = re.compile(r"</h([2-4])>", re.IGNORECASE)


def with_govuk_classes(safe_html: str, *, heading_offset: int = 0) -> str:
    """Sanitised HTML with GOV.UK Frontend classes on its blocks and links, for pages.
    ``heading_offset`` moves headings down a level (1: an h2 becomes an h3, styled as before),
    so a description keeps its place under the page's own headings."""

    def level(tag: str) -> str:
        return f"h{min(int(tag[1]) + heading_offset, 6)}"

    def classed(match: re.Match[str]) -> str:
        tag = match.group(1)
        if tag is None:
            return '<a class="govuk-link" '
        tag = tag.lower()
        name = level(tag) if tag.startswith("h") else tag
        return f'<{name} class="{GOVUK_CLASSES[tag]}"{match.group(2) or ""}>'

    opened = OPENING_TAG.sub(classed, safe_html)
    return CLOSING_HEADING.sub(lambda match: f"</{level('h' + match.group(1))}>", opened)
