"""Reading an assessment's results: its level per topic and theme, London's median and quartiles
beside each (from the precomputed :class:`LondonScores`, one query for every dimension), the
change since the council's previous submitted assessment of the same model, and a council's
progress over all its submitted assessments.

Every read is a fixed number of queries, however many topics, themes or assessments there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from civictalent.maturity.models import (
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    LondonScores,
    MaturityLevel,
    MaturityModel,
    ScoreKind,
    Theme,
    Topic,
)
from civictalent.maturity.results_services import OVERALL, dimension_key
from civictalent.maturity.scoring import MIN_COUNCILS, level_of, london_summary
from civictalent.organisations.models import Organisation

HIDDEN_REASON = (
    f"Fewer than {MIN_COUNCILS} other councils have submitted an assessment with this model"
)
NO_COUNCILS_REASON = "No other council has submitted an assessment with this model yet"


@dataclass(frozen=True)
class London:
    """Other councils' latest scores for one dimension: the median and quartiles, or why they
    are hidden. Never a council's name or its own figure."""

    councils: int
    p25: Decimal | None = None
    median: Decimal | None = None
    p75: Decimal | None = None
    hidden_reason: str = ""

    @property
    def shown(self) -> bool:
        return self.median is not None

    @property
    def p25_level(self) -> int | None:
        return None if self.p25 is None else level_of(self.p25)

    @property
    def median_level(self) -> int | None:
        return None if self.median is None else level_of(self.median)

    @property
    def p75_level(self) -> int | None:
        return None if self.p75 is None else level_of(self.p75)


@dataclass(frozen=True)
class Change:
    """Since the council's previous submitted assessment of the same model."""

    previous_score: Decimal | None  # None: the previous one had no answer here
    score_delta: Decimal | None
    level_delta: int | None

    @property
    def direction(self) -> str:
        if self.score_delta is None:
            return "none"
        if self.score_delta > 0:
            return "up"
        return "down" if self.score_delta < 0 else "same"


@dataclass(frozen=True)
class ResultRow:
    key: str  # the LondonScores dimension: "topic:<id>", "theme:<id>" or "overall"
    name: str
    score: Decimal | None  # None: no question in it was answered
    level: int | None
    level_name: str
    answered: int
    questions: int
    london: London
    change: Change | None  # None: this is the council's first assessment of the model

    @property
    def against_london(self) -> str:
        """Where the score sits among the other councils', in words."""
        if self.score is None or not self.london.shown:
            return ""
        assert self.london.p25 is not None and self.london.p75 is not None
        assert self.london.median is not None
        if self.score < self.london.p25:
            return "below London's lower quartile"
        if self.score > self.london.p75:
            return "above London's upper quartile"
        if self.score == self.london.median:
            return "at London's median"
        return (
            "below London's median"
            if self.score < self.london.median
            else ("above London's median")
        )


@dataclass(frozen=True)
class Results:
    assessment: Assessment
    levels: list[tuple[int, str]]  # (number, name), the model's levels for the key
    overall: ResultRow
    topics: list[ResultRow]
    themes: list[ResultRow]
    previous: Assessment | None

    @property
    def is_first(self) -> bool:
        return self.previous is None


def _london(scores: dict[str, str] | None, *, leave_out: int) -> London:
    others = {c: s for c, s in (scores or {}).items() if c != str(leave_out)}
    if not others:
        return London(councils=0, hidden_reason=NO_COUNCILS_REASON)
    summary = london_summary(others, leave_out=leave_out)
    if summary is None:
        return London(councils=len(others), hidden_reason=HIDDEN_REASON)
    return London(
        councils=summary.councils, p25=summary.p25, median=summary.median, p75=summary.p75
    )


def _change(
    score: Decimal | None, level: int | None, previous: tuple[Decimal, int] | None, first: bool
) -> Change | None:
    if first:
        return None
    if score is None or level is None or previous is None:
        return Change(
            previous_score=previous[0] if previous else None, score_delta=None, level_delta=None
        )
    return Change(
        previous_score=previous[0], score_delta=score - previous[0], level_delta=level - previous[1]
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The council's submitted assessment of the same model just before this one."""
    if assessment.submitted_at is None:
        return None
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            model_id=assessment.model_id,
            status=AssessmentStatus.SUBMITTED,
        )
        .filter(
            Q(submitted_at__lt=assessment.submitted_at)
            | Q(submitted_at=assessment.submitted_at, pk__lt=assessment.pk)
        )
        .order_by("-submitted_at", "-pk")
        .only("pk", "name", "submitted_at", "overall_score", "overall_level")
        .first()
    )


def assessment_results(assessment: Assessment) -> Results:
    """The results page's rows for a submitted ``assessment``: six queries, whatever its size
    (levels, topics, themes, this and the previous assessment's scores, London)."""
    model_id = assessment.model_id
    levels = list(
        MaturityLevel.objects.filter(model_id=model_id)
        .order_by("number")
        .values_list("number", "name")
    )
    level_names = dict(levels)
    topics = list(
        Topic.objects.filter(model_id=model_id)
        .annotate(question_count=Count("questions"))
        .order_by("order", "name")
    )
    themes = list(
        Theme.objects.filter(model_id=model_id)
        .annotate(question_count=Count("questions"))
        .order_by("order", "name")
    )
    previous = previous_assessment(assessment)
    ids = [assessment.pk] + ([previous.pk] if previous else [])
    mine: dict[str, AssessmentScore] = {}
    before: dict[str, tuple[Decimal, int]] = {}
    for row in AssessmentScore.objects.filter(assessment_id__in=ids):
        key = dimension_key(row.kind, row.topic_id if row.kind == ScoreKind.TOPIC else row.theme_id)  # type: ignore[arg-type]
        if row.assessment_id == assessment.pk:
            mine[key] = row
        else:
            before[key] = (row.score, row.level)
    if previous is not None and previous.overall_score is not None:
        before[OVERALL] = (previous.overall_score, previous.overall_level or 0)
    london = dict(
        LondonScores.objects.filter(model_id=model_id).order_by().values_list("dimension", "scores")
    )
    first = previous is None
    leave_out = assessment.organisation_id

    def row_for(key: str, name: str, questions: int) -> ResultRow:
        score = mine.get(key)
        return ResultRow(
            key=key,
            name=name,
            score=score.score if score else None,
            level=score.level if score else None,
            level_name=level_names.get(score.level, "") if score else "",
            answered=score.answered if score else 0,
            questions=score.questions if score else questions,
            london=_london(london.get(key), leave_out=leave_out),
            change=_change(
                score.score if score else None,
                score.level if score else None,
                before.get(key),
                first,
            ),
        )

    overall_score, overall_level = assessment.overall_score, assessment.overall_level
    answered = sum(row.answered for key, row in mine.items() if key.startswith("topic:"))
    questions = sum(topic.question_count for topic in topics)
    overall = ResultRow(
        key=OVERALL,
        name="Overall",
        score=overall_score,
        level=overall_level,
        level_name=level_names.get(overall_level, "") if overall_level else "",
        answered=answered,
        questions=questions,
        london=_london(london.get(OVERALL), leave_out=leave_out),
        change=_change(overall_score, overall_level, before.get(OVERALL), first),
    )
    return Results(
        assessment=assessment,
        levels=levels,
        overall=overall,
        topics=[
            row_for(dimension_key(ScoreKind.TOPIC, t.pk), t.name, t.question_count) for t in topics
        ],
        themes=[
            row_for(dimension_key(ScoreKind.THEME, t.pk), t.name, t.question_count) for t in themes
        ],
        previous=previous,
    )


# --- A council's progress ---------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPoint:
    """One submitted assessment: its overall score and level, and its level per topic."""

    assessment: Assessment
    overall_score: Decimal | None
    overall_level: int | None
    topic_levels: list[tuple[int | None, Decimal | None]]  # in the order of ``topics``


@dataclass
class ModelProgress:
    model: MaturityModel
    topics: list[Topic]
    level_names: dict[int, str]
    points: list[ProgressPoint] = field(default_factory=list)  # oldest first


def council_progress(organisation: Organisation) -> list[ModelProgress]:
    """Every submitted assessment of ``organisation``, oldest first, grouped by model (the
    default model first): four queries however many assessments and topics."""
    assessments = list(
        Assessment.objects.filter(organisation=organisation, status=AssessmentStatus.SUBMITTED)
        .select_related("model")
        .order_by("submitted_at", "pk")
    )
    if not assessments:
        return []
    model_ids = {a.model_id for a in assessments}
    topics_by_model: dict[int, list[Topic]] = defaultdict(list)
    for topic in Topic.objects.filter(model_id__in=model_ids).order_by("order", "name"):
        topics_by_model[topic.model_id].append(topic)
    names: dict[int, dict[int, str]] = defaultdict(dict)
    for model_id, number, name in MaturityLevel.objects.filter(model_id__in=model_ids).values_list(
        "model_id", "number", "name"
    ):
        names[model_id][number] = name
    scores: dict[tuple[int, int], tuple[int, Decimal]] = {}
    for assessment_id, topic_id, level, score in AssessmentScore.objects.filter(
        assessment__in=[a.pk for a in assessments], kind=ScoreKind.TOPIC
    ).values_list("assessment_id", "topic_id", "level", "score"):
        scores[(assessment_id, topic_id)] = (level, score)
    by_model: dict[int, ModelProgress] = {}
    for assessment in assessments:
        progress = by_model.get(assessment.model_id)
        if progress is None:
            progress = by_model[assessment.model_id] = ModelProgress(
                model=assessment.model,
                topics=topics_by_model[assessment.model_id],
                level_names=names[assessment.model_id],
            )
        levels: list[tuple[int | None, Decimal | None]] = []
        for topic in progress.topics:
            found = scores.get((assessment.pk, topic.pk))
            levels.append((found[0], found[1]) if found else (None, None))
        progress.points.append(
            ProgressPoint(
                assessment=assessment,
                overall_score=assessment.overall_score,
                overall_level=assessment.overall_level,
                topic_levels=levels,
            )
        )
    return sorted(by_model.values(), key=lambda p: (not p.model.is_default, p.model.title))
