"""Django's short comment ``{# ... #}`` ends at the end of its line: one opened and not closed on
the same line is shown to people as text. Seen on the roadmap page, where a two-line note for
developers appeared above the costs. Every template of ours uses ``{% comment %}`` for more than
one line."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def unclosed_short_comments(text: str) -> list[int]:
    """Line numbers where a ``{#`` is not closed by ``#}`` on the same line."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        rest = line
        while "{#" in rest:
            rest = rest[rest.index("{#") + 2 :]
            if "#}" not in rest:
                found.append(number)
                break
            rest = rest[rest.index("#}") + 2 :]
    return found


def test_the_finder_finds_a_short_comment_left_open() -> None:
    assert unclosed_short_comments("{# fine #}\n{# not\nclosed #}\n") == [2]
    assert unclosed_short_comments("{# a #} text {# b #}") == []


def test_no_template_leaves_a_short_comment_open() -> None:
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("civictalent/*/templates/**/*")]
    problems = {
        str(path.relative_to(ROOT)): lines
        for path in templates
        if path.is_file() and (lines := unclosed_short_comments(path.read_text()))
    }
    assert problems == {}, "use {% comment %} for notes of more than one line"
