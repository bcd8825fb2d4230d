"""Importing maturity models: the shared government file, idempotence, refusals with nothing
saved, and the starter model."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from civictalent.maturity.maturity_format import parse_maturity_json
from civictalent.maturity.maturity_services import (
    maturity_model_import,
    maturity_model_load_starter,
)
from civictalent.maturity.maturity_starter import STARTER_SLUG
from civictalent.maturity.models import (
    Assessment,
    LevelStatement,
    MaturityModel,
    Question,
    Theme,
    Topic,
)
from civictalent.maturity.tests.test_maturity_import_format import document, encode
from conftest import SHARED_DATASETS, require

DMA = SHARED_DATASETS / "maturity" / "DMAG2023.json"
DMA_SLUG = "data-maturity-assessment-for-government-2023"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("import_maturity", *args, stdout=out)
    return out.getvalue()


def write(tmp_path: Path, content: bytes) -> str:
    path = tmp_path / "model.json"
    path.write_bytes(content)
    return str(path)


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (MaturityModel, Topic, Theme, Question, LevelStatement)
    )


@pytest.mark.django_db
def test_the_shared_government_file_imports_with_its_counts() -> None:
    require(DMA.is_file(), f"the shared maturity file is missing at {DMA}")
    report = json.loads(run(str(DMA), "--json"))
    assert report == {
        "model": DMA_SLUG,
        "title": "Data Maturity Assessment for Government (2023)",
        "topics": 10,
        "themes": 6,
        "questions": 97,
        "levels": 5,
        "statements": 485,
        "created": True,
        "dry_run": False,
    }
    model = MaturityModel.objects.get(slug=DMA_SLUG)
    assert model.topics.count() == 10
    assert model.themes.count() == 6
    assert model.questions.count() == 97
    assert LevelStatement.objects.filter(question__model=model).count() == 485
    assert list(model.levels.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    # Again: nothing changes.
    before = counts()
    again = json.loads(run(str(DMA), "--json"))
    assert again["created"] is False
    assert counts() == before


@pytest.mark.django_db
def test_human_output_says_the_counts() -> None:
    require(DMA.is_file(), f"the shared maturity file is missing at {DMA}")
    assert run(str(DMA)).strip() == (
        "Imported Data Maturity Assessment for Government (2023): 10 topics, 6 themes, "
        "97 questions, 5 levels."
    )


@pytest.mark.django_db
def test_dry_run_saves_nothing(tmp_path: Path) -> None:
    report = json.loads(run(write(tmp_path, encode(document())), "--json", "--dry-run"))
    assert report["dry_run"] is True and report["questions"] == 4
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_bad_files_are_refused_with_lines_and_nothing_saved(tmp_path: Path) -> None:
    doc = document()
    doc["dimensions"][0]["activities"][0]["questions"][0]["statements"][0]["associatedLevel"] = 9
    doc["dimensions"][0]["activities"][1]["questions"][0]["text"] = "First question?"
    path = write(tmp_path, encode(doc))
    with pytest.raises(CommandError) as raised:
        run(path)
    assert raised.value.returncode == 1
    text = str(raised.value)
    assert "is for level 9" in text and "is already in" in text
    assert all(line.startswith("line ") for line in text.splitlines()[:-1])
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_maturity", path, "--json", stdout=out)
    errors = json.loads(out.getvalue())["errors"]
    assert {type(error["line"]) for error in errors} == {int}
    assert len(errors) == 3  # level 9, the missing level 1, the duplicate
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.django_db
def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a file"):
        run(str(tmp_path / "nothing.json"))


@pytest.mark.django_db
def test_changed_content_replaces_a_model_nobody_has_assessed() -> None:
    maturity_model_import(parsed=parse_maturity_json(encode(document())))
    changed = document()
    changed["dimensions"][1]["name"] = "Topic renamed"
    report = maturity_model_import(parsed=parse_maturity_json(encode(changed)))
    assert report.changed and not report.created
    assert list(Topic.objects.values_list("name", flat=True)) == ["Topic one", "Topic renamed"]
    assert Question.objects.count() == 4


@pytest.mark.django_db
def test_changed_content_is_refused_once_assessed_and_nothing_changes(council_a: Any) -> None:
    maturity_model_import(parsed=parse_maturity_json(encode(document())))
    model = MaturityModel.objects.get()
    Assessment.objects.create(organisation=council_a, model=model, name="Spring")
    changed = document()
    changed["levels"] = ["One", "Two", "Three"]
    before = counts()
    with pytest.raises(ValidationError, match="new slug"):
        maturity_model_import(parsed=parse_maturity_json(encode(changed)))
    assert counts() == before
    assert list(model.levels.values_list("name", flat=True)) == ["Low", "Middle", "High"]
    # The same content again is fine, and a new slug takes the new version.
    assert not maturity_model_import(parsed=parse_maturity_json(encode(document()))).changed
    report = maturity_model_import(parsed=parse_maturity_json(encode(changed)), slug="small-v2")
    assert report.created and MaturityModel.objects.count() == 2


@pytest.mark.django_db
def test_default_moves_to_the_model_imported_as_default(tmp_path: Path) -> None:
    maturity_model_load_starter()
    assert MaturityModel.objects.get(is_default=True).slug == STARTER_SLUG
    run(write(tmp_path, encode(document())), "--default")
    assert MaturityModel.objects.get(is_default=True).slug == "small-model"
    # Loading the starter again leaves the chosen default alone.
    maturity_model_load_starter()
    assert MaturityModel.objects.get(is_default=True).slug == "small-model"


@pytest.mark.django_db
def test_the_starter_loads_once() -> None:
    first = maturity_model_load_starter()
    assert first.created and first.questions == 27 and first.statements == 135
    before = counts()
    assert not maturity_model_load_starter().changed
    assert counts() == before
    model = MaturityModel.objects.get(slug=STARTER_SLUG)
    assert model.source == "starter" and model.is_default


@pytest.mark.django_db
def test_the_demo_loads_the_starter_as_the_default_once() -> None:
    from civictalent.maturity.assessment_seeding import DEMO_STEPS
    from civictalent.seed.demo import demo_steps

    assert "maturity-model" in [step.name for step in demo_steps()]
    [step] = [step for step in DEMO_STEPS if step.name == "maturity-model"]
    assert step.load() == ["the starter maturity model (9 topics, 27 questions)"]
    assert step.load() == []
    assert MaturityModel.objects.get(is_default=True).slug == STARTER_SLUG
