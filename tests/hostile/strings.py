"""Hostile strings: what people (or scripts) type into every text field and search box."""

from __future__ import annotations

from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
IMG_ONERROR = '"><img src=x onerror=alert(1)>'
JAVASCRIPT_LINK = '<a href="javascript:alert(1)">Apply now</a>'
SVG_ONLOAD = "<svg/onload=alert(1)>"
TEMPLATE = "{{ settings.SECRET_KEY }} {% debug %} {{ request.user.password }}"
SQL = "'; DROP TABLE jobs_vacancy; -- 1' OR '1'='1"
RTL_OVERRIDE = "Data analyst \u202egpj.exe"
ZERO_WIDTH = "Da\u200bta\u200d ana\u2060lyst\ufeff"
NFKC_COMPAT = "\uff24\uff41\uff54\uff41 \u2168 \ufb01nance \u2460"  # fullwidth, Roman IX, fi, (1)
HOMOGLYPH_URL = "https://\u0440\u0430y\u0440\u0430l.com/apply"  # Cyrillic letters look Latin
LONG_LINE = "Data " * 4000

# Every hostile text, with a short id for the test report.
TEXTS: dict[str, str] = {
    "script": SCRIPT,
    "img-onerror": IMG_ONERROR,
    "javascript-link": JAVASCRIPT_LINK,
    "svg-onload": SVG_ONLOAD,
    "template": TEMPLATE,
    "sql": SQL,
    "rtl-override": RTL_OVERRIDE,
    "zero-width": ZERO_WIDTH,
    "nfkc": NFKC_COMPAT,
}

# Search-box syntax for SQLite FTS5 and PostgreSQL tsquery: each must give a page, not a 500.
SEARCHES: dict[str, str] = {
    "double-quote": '"',
    "unbalanced-quotes": '"data analyst',
    "star": "*",
    "star-word": "data*",
    "near": "NEAR(data analyst, 2)",
    "minus": "-data",
    "or": "data OR",
    "and-not": "AND NOT",
    "column-filter": "title:data",
    "caret": "^data",
    "parens": "((data)",
    "tsquery": "data & !analyst | (x:*",
    "backslash": "\\",
    "sql": SQL,
    "percent-underscore": "%_%",
    "nul": "data\x00analyst",
    "emoji": "\U0001f4a9 data",
    "long": "data " * 500,
    "script": SCRIPT,
    "many-words": " ".join(f"w{n}" for n in range(100)),
}

URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:text/html")


class _MarkupFinder(HTMLParser):
    """Collects, from parsed HTML, every tag or attribute that would run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            cleaned = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and cleaned.startswith(SCRIPT_SCHEMES):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        # JSON-LD is data, not code: text in it is harmless unless it closes the element, and a
        # closing tag would start a new element this finder sees.
        self._in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")


def dangerous_markup(html: str) -> list[str]:
    """What in ``html`` would run script, as a browser parses it: empty for a safe page."""
    finder = _MarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.found
