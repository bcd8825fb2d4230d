"""Reading the government maturity format: what it keeps, and every refusal with its line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from civictalent.maturity.maturity_format import (
    MAX_BYTES,
    MAX_ERRORS,
    MaturityFormatError,
    html_to_text,
    parse_maturity_json,
)
from civictalent.maturity.maturity_starter import LEVELS, starter_model


def statements(levels: int = 3, **overrides: Any) -> list[dict[str, Any]]:
    return [
        {"text": f"Statement {n}", "associatedLevel": n, **overrides} for n in range(1, levels + 1)
    ]


def document(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Small model",
        "description": "<p>About <b>it</b> &amp; more.</p><script>alert(1)</script>",
        "organisation": {"name": "A publisher"},
        "levels": ["Low", "Middle", "High"],
        "dimensions": [
            {
                "name": "Topic one",
                "activities": [
                    {
                        "title": "Culture",
                        "questions": [
                            {"text": "First question?", "context": "", "statements": statements()},
                            {
                                "text": "Second question?",
                                "context": "Why",
                                "statements": statements(),
                            },
                        ],
                    },
                    {
                        "title": "Tools",
                        "questions": [
                            {"text": "Third?", "context": "", "statements": statements()}
                        ],
                    },
                ],
            },
            {
                "name": "Topic two",
                "activities": [
                    {
                        "title": "Culture",
                        "questions": [{"text": "First question?", "statements": statements()}],
                    }
                ],
            },
        ],
        **overrides,
    }


def encode(value: Any) -> bytes:
    return json.dumps(value, indent=2).encode()


def problems_of(data: bytes) -> list[tuple[int, str]]:
    with pytest.raises(MaturityFormatError) as raised:
        parse_maturity_json(data)
    return [(p.line, p.message) for p in raised.value.problems]


def line_of(data: bytes, needle: str, occurrence: int = 1) -> int:
    text = data.decode()
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def test_a_good_file_gives_topics_shared_themes_questions_and_statements() -> None:
    model = parse_maturity_json(encode(document()))
    assert model.title == "Small model"
    assert model.slug == "small-model"
    assert model.description == "About it & more."
    assert model.publisher == "A publisher"
    assert model.levels == ("Low", "Middle", "High")
    assert [topic.name for topic in model.topics] == ["Topic one", "Topic two"]
    assert model.themes == ("Culture", "Tools")
    assert model.question_count == 4
    assert model.statement_count == 12
    assert model.topics[0].questions[1].context == "Why"


def test_description_html_becomes_text_and_never_markup() -> None:
    text = html_to_text("<p>One &lt;b&gt;</p><ul><li>Two</li></ul><style>x{}</style><img src=x>")
    assert text == "One <b>\n\nTwo"


def test_syntax_errors_give_the_line() -> None:
    data = b'{\n  "title": "x",\n  "levels": [\n}'
    [(line, message)] = problems_of(data)
    assert line == 4
    assert "not valid JSON" in message


def test_unknown_levels_are_refused_on_their_line() -> None:
    doc = document()
    doc["dimensions"][0]["activities"][1]["questions"][0]["statements"][2]["associatedLevel"] = 7
    data = encode(doc)
    found = problems_of(data)
    assert found[0][0] == line_of(data, '"Statement 3"', 3)
    assert "level 7" in found[0][1]
    assert any("no statement for level 3" in message for _, message in found)


def test_missing_statements_are_refused_on_the_question_line() -> None:
    doc = document()
    doc["dimensions"][1]["activities"][0]["questions"][0]["statements"] = statements(2)
    data = encode(doc)
    [(line, message)] = problems_of(data)
    assert line == line_of(data, '"First question?"', 2)
    assert "no statement for level 3" in message


def test_duplicate_questions_in_a_topic_are_refused_but_not_across_topics() -> None:
    doc = document()
    doc["dimensions"][0]["activities"][1]["questions"][0]["text"] = "First question?"
    data = encode(doc)
    [(line, message)] = problems_of(data)
    assert line == line_of(data, '"First question?"', 2)
    first = line_of(data, '"First question?"')
    assert "already in" in message
    assert f"line {first}" in message


def test_empty_texts_and_wrong_types_are_all_reported() -> None:
    doc = document(title="  ")
    doc["levels"] = ["Low", 2, "High"]
    doc["dimensions"][0]["activities"][0]["questions"][0]["text"] = ""
    doc["dimensions"][0]["activities"][0]["questions"][1]["statements"][0]["associatedLevel"] = "1"
    doc["dimensions"][1]["activities"] = "none"
    found = problems_of(encode(doc))
    messages = " | ".join(message for _, message in found)
    assert "The title is empty" in messages
    assert "Level 2's name must be text, not a number" in messages
    assert "A question's text is empty" in messages
    assert "associatedLevel text" in messages
    assert "must be a list, not text" in messages
    assert all(line > 0 for line, _ in found)


def test_the_errors_are_capped() -> None:
    doc = document()
    many = [{"text": f"Q{n}", "statements": []} for n in range(200)]
    doc["dimensions"][0]["activities"][0]["questions"] = many
    assert len(problems_of(encode(doc))) == MAX_ERRORS


def test_too_large_a_file_is_refused_before_reading() -> None:
    [(line, message)] = problems_of(b" " * (MAX_BYTES + 1))
    assert line == 1 and "larger than" in message


def test_too_many_levels_and_not_an_object() -> None:
    assert "2 to 5 levels" in problems_of(encode(document(levels=list("abcdef"))))[0][1]
    assert problems_of(b"[1, 2]") == [(1, "The file must be an object, not a list.")]


def test_not_utf8_is_refused() -> None:
    assert "not UTF-8" in problems_of(b'{"title": "\xff"}')[0][1]


def test_the_starter_model_is_complete_and_in_its_own_words() -> None:
    model = starter_model()
    assert len(model.topics) == 9
    assert len(model.themes) == 4
    assert model.question_count == 27
    assert all(len(q.statements) == 5 for t in model.topics for q in t.questions)
    assert not set(LEVELS) & {"Beginning", "Emerging", "Learning", "Developing", "Mastering"}
