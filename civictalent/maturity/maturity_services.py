"""Importing maturity models (the government format, see maturity_format.py) and loading the
platform's starter model.

An import is all or nothing. Importing the same content again changes nothing. Changed content
replaces a model only while no council has assessed itself against it; after that the model is
kept as it was, so earlier assessments still read against the questions they answered, and the
new content needs a new slug.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.maturity.maturity_format import ParsedModel, ParsedTopic, slug_of
from civictalent.maturity.maturity_starter import STARTER_SLUG, starter_model
from civictalent.maturity.models import (
    LevelStatement,
    MaturityLevel,
    MaturityModel,
    ModelSource,
    Question,
    Theme,
    Topic,
)

Content = tuple[object, ...]


@dataclass(frozen=True)
class MaturityImportReport:
    slug: str
    title: str
    topics: int
    themes: int
    questions: int
    levels: int
    statements: int
    created: bool  # a new model
    changed: bool  # anything saved (False when the same file is imported again)
    dry_run: bool

    def as_json(self) -> dict[str, object]:
        return {
            "model": self.slug,
            "title": self.title,
            "topics": self.topics,
            "themes": self.themes,
            "questions": self.questions,
            "levels": self.levels,
            "statements": self.statements,
            "created": self.created,
            "dry_run": self.dry_run,
        }

    def summary(self) -> str:
        verb = "Would import" if self.dry_run else "Imported"
        if not self.changed and not self.dry_run:
            verb = "Already up to date:"
        return (
            f"{verb} {self.title}: {self.topics} topics, {self.themes} themes, "
            f"{self.questions} questions, {self.levels} levels."
        )


def _content_of_parsed(parsed: ParsedModel) -> Content:
    return (
        parsed.title,
        parsed.description,
        parsed.publisher,
        parsed.levels,
        tuple(
            (
                topic.name,
                tuple(
                    (q.text, q.context, q.theme, tuple((s.level, s.text) for s in q.statements))
                    for q in topic.questions
                ),
            )
            for topic in parsed.topics
        ),
    )


def _content_of_model(model: MaturityModel) -> Content:
    statements: dict[int, list[tuple[int, str]]] = {}
    for question_id, level, text in LevelStatement.objects.filter(
        question__model=model
    ).values_list("question_id", "level", "text"):
        statements.setdefault(question_id, []).append((level, text))
    questions: dict[int, list[tuple[object, ...]]] = {}
    for pk, topic_id, text, context, theme in (
        Question.objects.filter(model=model)
        .order_by("topic_id", "order", "pk")
        .values_list("pk", "topic_id", "text", "context", "theme__name")
    ):
        questions.setdefault(topic_id, []).append(
            (text, context, theme, tuple(sorted(statements.get(pk, []))))
        )
    return (
        model.title,
        model.description,
        model.publisher,
        tuple(model.levels.order_by("number").values_list("name", flat=True)),
        tuple(
            (name, tuple(questions.get(pk, [])))
            for pk, name in model.topics.order_by("order", "pk").values_list("pk", "name")
        ),
    )


def _report(parsed: ParsedModel, slug: str, **flags: bool) -> MaturityImportReport:
    return MaturityImportReport(
        slug=slug,
        title=parsed.title,
        topics=len(parsed.topics),
        themes=len(parsed.themes),
        questions=parsed.question_count,
        levels=len(parsed.levels),
        statements=parsed.statement_count,
        **flags,
    )


@transaction.atomic
def maturity_model_import(
    *,
    parsed: ParsedModel,
    slug: str | None = None,
    make_default: bool = False,
    source: str = ModelSource.IMPORTED,
    dry_run: bool = False,
) -> MaturityImportReport:
    """Save ``parsed`` as the maturity model ``slug`` (by default, from its title). The same
    content again changes nothing; changed content replaces the model's questions unless
    assessments use it (ValidationError: import it under a new slug)."""
    slug = slug_of(slug if slug is not None else parsed.title)
    if not slug:
        raise ValidationError("The model needs a slug with some letters or digits.")
    model = MaturityModel.objects.select_for_update().filter(slug=slug).first()
    created = model is None
    same = model is not None and _content_of_model(model) == _content_of_parsed(parsed)
    if model is not None and not same and model.assessments.exists():
        raise ValidationError(
            f'Councils have already assessed themselves against "{model.title}" ({slug}), so '
            "its questions cannot change. Import the new version under a new slug, for example "
            f"--slug {slug}-v2."
        )
    becomes_default = make_default and not (model is not None and model.is_default)
    changed = not same or becomes_default
    if dry_run or not changed:
        return _report(parsed, slug, created=created, changed=False, dry_run=dry_run)
    if becomes_default:
        MaturityModel.objects.filter(is_default=True).exclude(slug=slug).update(is_default=False)
    if model is None:
        model = MaturityModel(slug=slug, source=source)
    model.title = parsed.title
    model.description = parsed.description
    model.publisher = parsed.publisher
    model.is_default = model.is_default or make_default
    model.full_clean()
    model.save()
    if not same:
        _replace_content(model, parsed)
    return _report(parsed, slug, created=created, changed=True, dry_run=False)


def _replace_content(model: MaturityModel, parsed: ParsedModel) -> None:
    model.questions.all().delete()
    model.topics.all().delete()
    model.themes.all().delete()
    model.levels.all().delete()
    MaturityLevel.objects.bulk_create(
        MaturityLevel(model=model, number=number, name=name)
        for number, name in enumerate(parsed.levels, start=1)
    )
    themes = {
        name: Theme.objects.create(model=model, slug=slug_of(name, 100), name=name, order=order)
        for order, name in enumerate(parsed.themes)
    }
    for order, parsed_topic in enumerate(parsed.topics):
        topic = Topic.objects.create(
            model=model, slug=parsed_topic.slug, name=parsed_topic.name, order=order
        )
        _create_questions(model, topic, themes, parsed_topic)


def _create_questions(
    model: MaturityModel, topic: Topic, themes: dict[str, Theme], parsed: ParsedTopic
) -> None:
    questions = Question.objects.bulk_create(
        Question(
            model=model,
            topic=topic,
            theme=themes[question.theme],
            text=question.text,
            context=question.context,
            order=order,
        )
        for order, question in enumerate(parsed.questions)
    )
    LevelStatement.objects.bulk_create(
        LevelStatement(question=saved, level=statement.level, text=statement.text)
        for saved, question in zip(questions, parsed.questions, strict=True)
        for statement in question.statements
    )


def maturity_model_load_starter() -> MaturityImportReport:
    """The platform's own starter model, the default unless another model already is."""
    with transaction.atomic():
        has_default = MaturityModel.objects.filter(is_default=True).exclude(slug=STARTER_SLUG)
        return maturity_model_import(
            parsed=starter_model(),
            slug=STARTER_SLUG,
            make_default=not has_default.exists(),
            source=ModelSource.STARTER,
        )
