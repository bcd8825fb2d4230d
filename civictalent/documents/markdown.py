"""Markdown to the shared text form: front matter read as values, Liquid template tags filled
from it or removed, HTML comments, code and tags removed, links and emphasis reduced to their
text. Every pattern runs on text anyone can upload, so each is linear in its input."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from civictalent.core.budget import check_time
from civictalent.documents.writer import TextWriter, capped_lines

FENCES = ("---", "...")
_FRONT_MATTER_LINE = re.compile(r"^([A-Za-z_][\w.-]*)\s*:\s*(.*)$")


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return "\n".join(lines), {}
    closing = (index for index in range(1, min(len(lines), 300)) if lines[index].strip() in FENCES)
    end = next(closing, None)
    if end is None:
        return "\n".join(lines), {}
    values: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip() or line.lstrip().startswith("#") or line[:1].isspace():
            continue
        match = _FRONT_MATTER_LINE.match(line)
        if match is None:
            continue
        values[match.group(1).lower()] = _front_matter_value(match.group(2))
    return "\n".join(lines[end + 1 :]), values


def _front_matter_value(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1].strip()
    if value and value[0] in "'\"":
        closing = value.find(value[0], 1)
        if closing > 0:
            return value[1:closing].strip()
    comment = _FRONT_MATTER_COMMENT.search(value)
    return (value[: comment.start()] if comment is not None else value).strip()


# The space before a "# comment" (searched for, rather than matching r"\s+#.*$", which is
# quadratic on a long run of spaces).
_FRONT_MATTER_COMMENT = re.compile(r"\s#")
# Every pattern below runs on text anyone can upload, so each is linear in its input: a scan
# from one start stops at the next character that could start another match (a "[" for links,
# a "<" for tags), never at the end of the text. Liquid tags and HTML comments are found with
# str.find (see _liquid_removed and _without_html_comments), not with lazy patterns.
_HTML_CODE_OPENING = re.compile(r"<(script|style)\b", re.IGNORECASE)
_HTML_DECLARATION = re.compile(r"<![A-Za-z][^<>]*>")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\((?:(?!!\[)[^)])*\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\[]|\([^)\[]*\))*\)")
_REFERENCE_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
# Emphasis holds no marker of its own kind ("**bold *and* italic**" takes two passes).
_EMPHASES = (
    re.compile(r"(?<![\w*])(\*{1,3})(?=\S)([^*]+?)(?<=\S)\1(?![\w*])"),
    re.compile(r"(?<![\w*])(_{1,3})(?=\S)([^_]+?)(?<=\S)\1(?![\w*])"),
)
_STRAY_STARS = re.compile(r"(?<!\S)\*{2,3}|\*{2,3}(?!\S)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_ATX_OPENING = re.compile(r"\s{0,3}(#{1,6})\s")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_TABLE_SEPARATOR = re.compile(r"^:?-{2,}:?$")


def write_markdown(body: str, front_matter: dict[str, str], writer: TextWriter) -> bool:
    """Markdown to the shared text form; returns whether template tags were found."""
    had_template = "{{" in body or "{%" in body

    def liquid(inside: str) -> str:
        expression = inside.split("|", 1)[0].strip()
        if expression.startswith("page."):
            return front_matter.get(expression[5:].lower(), "")
        return ""

    body = _liquid_removed(body, liquid)
    check_time()
    body = _without_html_comments(body)
    body = _without_html_code(body)
    body = _HTML_DECLARATION.sub("", body)
    _MarkdownLines(capped_lines(body), writer).write()
    return had_template


class _MarkdownLines:
    """A Markdown body's lines written one by one: code fences, headings (ATX and underlined),
    rules, table rows, list items and their continuation lines, and paragraphs."""

    def __init__(self, lines: list[str], writer: TextWriter) -> None:
        self.lines = lines
        self.writer = writer
        self.paragraph: list[str] = []
        self.in_code = False

    def write(self) -> None:
        for index, raw in enumerate(self.lines):
            if index % 256 == 0:
                check_time()
            if self.writer.full:
                break
            self._line(index, raw)
        self._flush()

    def _flush(self) -> None:
        if self.paragraph:
            self.writer.paragraph("\n".join(self.paragraph))
            self.paragraph.clear()

    def _line(self, index: int, raw: str) -> None:
        if raw.strip().startswith(("```", "~~~")):
            self._flush()
            self.in_code = not self.in_code
            return
        if self.in_code:
            self.paragraph.append(raw)
            return
        line = _without_quote_marks(raw.rstrip())
        if not line.strip():
            self._flush()
            self.writer.end_group()
            return
        if _LINK_DEFINITION.match(line):
            return
        heading = _atx_heading(line)
        if heading is not None:
            self._flush()
            self.writer.heading(_inline_markdown(heading[1]), heading[0])
            return
        underlined = self._underlined_level(index, line)
        if underlined is not None:
            self.writer.heading(_inline_markdown(line), underlined)
            return
        if _RULE.match(line) or re.fullmatch(r"\s*(=+|-+)\s*", line):
            self._flush()
            return
        if line.lstrip().startswith("|"):
            self._flush()
            self._table_row(line)
            return
        self._text_line(raw, line)

    def _underlined_level(self, index: int, line: str) -> int | None:
        """1 or 2 when the next line underlines this one with "=" or "-" (a setext heading)."""
        next_line = self.lines[index + 1].strip() if index + 1 < len(self.lines) else ""
        if (
            next_line
            and re.fullmatch(r"=+|-+", next_line)
            and not self.paragraph
            and _LIST.match(line) is None
            and not line.lstrip().startswith("|")
        ):
            return 1 if next_line.startswith("=") else 2
        return None

    def _table_row(self, line: str) -> None:
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells and all(_TABLE_SEPARATOR.match(cell) or not cell for cell in cells):
            return
        self.writer.row([_inline_markdown(cell) for cell in cells])

    def _text_line(self, raw: str, line: str) -> None:
        item = _LIST.match(line)
        if item is not None:
            self._flush()
            self.writer.list_item(_inline_markdown(item.group(1)))
            return
        if self.writer.in_list() and not self.paragraph and raw[:1].isspace():
            # A continuation line of the previous list item.
            self.writer.extend_last(_inline_markdown(line))
            return
        self.paragraph.append(_inline_markdown(line))


def _atx_heading(line: str) -> tuple[int, str] | None:
    """(level, text) of a "## Heading ##" line, else None.

    Up to three spaces, one to six "#", a space, then the text without any closing "#"s and the
    spaces around them. (The pattern this replaces, ``(.*?)\\s*#*\\s*$``, backtracked cubically
    on a run of spaces inside a heading.)"""
    opening = _ATX_OPENING.match(line)
    if opening is None:
        return None
    return len(opening.group(1)), line[opening.end() :].strip().rstrip("#").rstrip()


def _without_quote_marks(line: str) -> str:
    """The line after its blockquote markers ("> > text" gives " text"), in one pass."""
    position = 0
    while True:
        marker = position
        while marker < len(line) and line[marker].isspace():
            marker += 1
        if marker == len(line) or line[marker] != ">":
            return line[position:]
        position = marker + 1


def _liquid_removed(body: str, output: Callable[[str], str]) -> str:
    """``body`` without Liquid tags ``{% ... %}`` and with each ``{{ ... }}`` replaced by
    ``output(inside)``, in one linear pass.

    A tag ends at the first "%}" on its line; an output at the first "}}" after it, its inside on
    one line (the spaces around the inside may span lines), as the lazy patterns this replaces
    matched, without their quadratic rescans of a line full of openings."""
    body = _spans_replaced(body, "{%", "%}", lambda inside: "", one_line=True)
    return _spans_replaced(body, "{{", "}}", output, one_line=False)


def _spans_replaced(
    body: str, opening: str, closing: str, replace: Callable[[str], str], *, one_line: bool
) -> str:
    parts: list[str] = []
    position = search = 0
    size = len(body)
    next_closing = next_newline = -1  # caches: both only move forward
    trimmed: dict[int, int] = {}  # closing -> where the text before it stops being space
    while (start := body.find(opening, search)) != -1:
        inside = start + len(opening)
        if not one_line:
            while inside < size and body[inside].isspace():
                inside += 1
        if next_closing < inside:
            next_closing = body.find(closing, inside)
            if next_closing == -1:
                break
        if next_newline < inside:
            next_newline = body.find("\n", inside)
            if next_newline == -1:
                next_newline = size
        end = next_closing
        if one_line:
            if next_newline < end:
                search = next_newline + 1
                continue
            content_end = end
        else:
            if end not in trimmed:
                back = end
                while back > 0 and body[back - 1].isspace():
                    back -= 1
                trimmed[end] = back
            content_end = max(inside, trimmed[end])
            if next_newline < content_end:
                search = start + 1
                continue
        parts.append(body[position:start])
        parts.append(replace(body[inside:content_end]))
        position = search = end + len(closing)
    parts.append(body[position:])
    return "".join(parts)


def _without_html_comments(body: str) -> str:
    """``body`` without ``<!-- ... -->``, in one pass (a lazy pattern rescans to the end from
    every unclosed "<!--")."""
    parts: list[str] = []
    position = 0
    while (start := body.find("<!--", position)) != -1:
        end = body.find("-->", start + 4)
        if end == -1:
            break
        parts.append(body[position:start])
        position = end + 3
    parts.append(body[position:])
    return "".join(parts)


def _without_html_code(body: str) -> str:
    """Markdown without its script and style elements: they are code, not text, so their
    contents go with the tags. One pass, so a file of unclosed tags stays quick."""
    kept: list[str] = []
    position = 0
    lowered = body.lower()
    while (opening := _HTML_CODE_OPENING.search(body, position)) is not None:
        closing = lowered.find(f"</{opening.group(1).lower()}", opening.end())
        if closing == -1:
            break
        end = body.find(">", closing)
        kept.append(body[position : opening.start()])
        position = len(body) if end == -1 else end + 1
    kept.append(body[position:])
    return "".join(kept)


def _inline_markdown(text: str) -> str:
    text = _HTML_BREAK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = _IMAGE.sub(lambda match: match.group(1), text)
    text = _LINK.sub(lambda match: match.group(1), text)
    text = _REFERENCE_LINK.sub(lambda match: match.group(1), text)
    text = _AUTOLINK.sub(lambda match: match.group(1), text)
    text = _CODE.sub(lambda match: match.group(1), text)
    for _ in range(2):
        for emphasis in _EMPHASES:
            text = emphasis.sub(lambda match: match.group(2), text)
    text = _STRAY_STARS.sub("", text)
    text = _ESCAPED.sub(lambda match: match.group(1), text)
    return html.unescape(text)
