"""The results of an assessment (selectors, the heatmap page and its downloads) and a council's
progress: London compared without naming a council, the change since last time, flat queries."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.core.models import AuditEvent
from civictalent.maturity.models import Assessment, MaturityModel
from civictalent.maturity.results_selectors import (
    HIDDEN_REASON,
    assessment_results,
    council_progress,
)
from civictalent.maturity.tests.factories_results import (
    london_councils,
    make_assessment,
    make_model,
    questions_of,
    submit,
)
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db
AGO = datetime.timedelta(days=180)


def with_others(model: MaturityModel, council: Organisation, levels: list[int]) -> None:
    for level, other in zip(levels, london_councils(len(levels), leave_out=council), strict=True):
        submit(other, model, level)


def test_rows_per_topic_and_theme_with_levels_london_and_change(council_a: Organisation) -> None:
    model = make_model(topics=3, themes=2, questions_per_topic=2)
    with_others(model, council_a, [1, 2, 3, 4, 5])
    submit(council_a, model, 2, when=timezone.now() - AGO, name="Spring")
    latest = submit(council_a, model, [3, 4], name="Autumn")
    results = assessment_results(latest)
    assert [row.name for row in results.topics] == ["Topic 1", "Topic 2", "Topic 3"]
    assert [row.name for row in results.themes] == ["Theme 1", "Theme 2"]
    topic = results.topics[0]
    assert (topic.score, topic.level, topic.level_name) == (Decimal("3.50"), 3, "Learning")
    assert (topic.answered, topic.questions) == (2, 2)
    # London: the five others' 1..5, not this council's own score.
    assert (topic.london.p25, topic.london.median, topic.london.p75) == (
        Decimal("2.00"),
        Decimal("3.00"),
        Decimal("4.00"),
    )
    assert topic.london.councils == 5
    assert topic.against_london == "above London's median"
    assert topic.change is not None
    assert (topic.change.score_delta, topic.change.level_delta) == (Decimal("1.50"), 1)
    assert results.previous is not None and results.previous.name == "Spring"
    theme = results.themes[0]  # questions 1 of each topic: all 3s
    assert (theme.score, theme.change.score_delta) == (Decimal("3.00"), Decimal("1.00"))  # type: ignore[union-attr]
    assert results.overall.score == Decimal("3.50") and results.overall.questions == 6


def test_the_first_assessment_has_no_change_and_london_hides_below_five(
    council_a: Organisation,
) -> None:
    model = make_model()
    with_others(model, council_a, [2, 3, 4, 5])
    results = assessment_results(submit(council_a, model, 3))
    assert results.is_first and results.overall.change is None
    for row in [results.overall, *results.topics, *results.themes]:
        assert not row.london.shown and row.london.hidden_reason == HIDDEN_REASON
        assert row.london.median is None


def test_an_earlier_assessment_compares_with_the_one_before_it_not_the_latest(
    council_a: Organisation,
) -> None:
    model = make_model(topics=1, themes=1)
    now = timezone.now()
    submit(council_a, model, 1, when=now - 2 * AGO)
    middle = submit(council_a, model, 2, when=now - AGO)
    submit(council_a, model, 5, when=now)
    change = assessment_results(middle).overall.change
    assert change is not None and change.score_delta == Decimal("1.00")


def test_a_topic_nobody_answered_still_has_a_row(council_a: Organisation) -> None:
    model = make_model(topics=2, themes=1, questions_per_topic=2)
    first_topic = questions_of(model)[:2]
    results = assessment_results(submit(council_a, model, {q.pk: 4 for q in first_topic}))
    empty = results.topics[1]
    assert (empty.score, empty.level, empty.answered, empty.questions) == (None, None, 0, 2)


def test_results_read_a_fixed_number_of_queries_whatever_the_size(
    council_a: Organisation, django_assert_num_queries: Callable[..., Any]
) -> None:
    counts = []
    for topics in (2, 9):
        model = make_model(topics=topics, themes=topics, questions_per_topic=2)
        with_others(model, council_a, [1, 2, 3, 4, 5, 4, 3])
        submit(council_a, model, 2, when=timezone.now() - AGO)
        latest = submit(council_a, model, 3)
        with django_assert_num_queries(6) as captured:
            assessment_results(latest)
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_progress_lists_every_submitted_assessment_oldest_first_in_fixed_queries(
    council_a: Organisation, django_assert_num_queries: Callable[..., Any]
) -> None:
    model = make_model(topics=4, themes=2, default=True)
    now = timezone.now()
    for number in range(6):
        submit(
            council_a, model, 1 + number % 5, when=now - (6 - number) * AGO, name=f"Round {number}"
        )
    make_assessment(council_a, model, "Not yet submitted")
    with django_assert_num_queries(4):
        found = council_progress(council_a)
    assert len(found) == 1
    progress = found[0]
    assert [p.assessment.name for p in progress.points] == [f"Round {n}" for n in range(6)]
    assert progress.points[1].overall_level == 2
    assert progress.points[1].topic_levels[0] == (2, Decimal("2.00"))
    assert len(progress.points[0].topic_levels) == 4


# --- Pages -------------------------------------------------------------------------------------


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_results_page_is_a_heatmap_table_with_london_and_no_other_council_named(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    model = make_model(topics=3, themes=2)
    with_others(model, council_a, [1, 2, 3, 4, 5])
    submit(council_a, model, 2, when=timezone.now() - AGO, name="Spring 2026")
    latest = submit(council_a, model, 4, name="Autumn 2026")
    response = client_for(people["member_a"]).get(reverse("maturity:results", args=[latest.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<caption" in page and 'scope="col"' in page and 'scope="row"' in page
    assert "Topics: your level against London" in page
    assert "app-maturity-level--4" in page and "Level 4: Developing" in page
    assert "Up 2.00, 2 levels higher" in page
    assert "Key to the levels" in page
    for other in london_councils(5, leave_out=council_a):
        assert other.short_name not in page and other.name not in page
    assert not AuditEvent.objects.exists()


def test_hidden_london_figures_say_why(council_a: Organisation, people: dict[str, Any]) -> None:
    model = make_model()
    with_others(model, council_a, [2, 3])
    assessment = submit(council_a, model, 3)
    page = client_for(people["member_a"]).get(reverse("maturity:results", args=[assessment.pk]))
    assert "fewer than 5 other councils have submitted an assessment with this model" in (
        page.content.decode()
    )


def test_another_council_cannot_see_the_results_and_a_platform_admin_is_audited(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    assessment = submit(council_a, make_model(), 3)
    url = reverse("maturity:results", args=[assessment.pk])
    assert client_for(people["member_b"]).get(url).status_code == 403
    assert client_for(people["platform_admin"]).get(url).status_code == 200
    event = AuditEvent.objects.get()
    assert event.organisation == council_a and event.target_id == str(assessment.pk)
    assert "maturity results" in event.summary


def test_an_assessment_not_submitted_yet_says_so(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    assessment = make_assessment(council_a, make_model(), "Summer")
    client = client_for(people["member_a"])
    response = client.get(reverse("maturity:results", args=[assessment.pk]))
    assert response.status_code == 200 and "has not been submitted yet" in response.content.decode()
    assert client.get(reverse("maturity:results_csv", args=[assessment.pk])).status_code == 404


def test_the_csv_has_every_row_and_no_formula(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    model = make_model(topics=2, themes=2)
    model.topics.filter(order=1).update(name="=HYPERLINK(1)")
    assessment = submit(council_a, model, 3)
    response = client_for(people["member_a"]).get(
        reverse("maturity:results_csv", args=[assessment.pk])
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][:4] == ["kind", "name", "score", "level"]
    assert [row[0] for row in rows[2:7]] == ["overall", "topic", "topic", "theme", "theme"]
    assert rows[3][:2] == ["topic", "'=HYPERLINK(1)"]
    assert rows[2][13] == "first assessment"


def test_the_word_document_has_headings_a_table_and_a_summary(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    from docx import Document

    model = make_model(topics=2, themes=2)
    with_others(model, council_a, [1, 2, 3, 4, 5])
    assessment = submit(council_a, model, [2, 4])
    response = client_for(people["admin_a"]).get(
        reverse("maturity:results_docx", args=[assessment.pk])
    )
    document = Document(io.BytesIO(response.content))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0].startswith("Maturity results: Hackney")
    assert {"Summary", "Topics", "Themes", "How these figures are made"} <= set(headings)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Hackney is at level 3 (Learning) overall" in text
    assert "median of 5 other London councils is 3.00" in text
    assert document.tables[0].rows[1].cells[0].text == "Overall"


def test_progress_page_shows_each_assessment_over_time(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    model = make_model(topics=2, themes=1, default=True)
    submit(council_a, model, 1, when=timezone.now() - AGO, name="Spring 2026")
    submit(council_a, model, 3, name="Autumn 2026")
    url = reverse("maturity:progress", args=[council_a.slug])
    page = client_for(people["member_a"]).get(url).content.decode()
    assert page.index("Spring 2026") < page.index("Autumn 2026")
    assert "app-maturity-level--3" in page and "<caption" in page
    assert client_for(people["member_b"]).get(url).status_code == 403


def test_progress_without_assessments_says_so(
    council_a: Organisation, people: dict[str, Any]
) -> None:
    page = client_for(people["member_a"]).get(reverse("maturity:progress", args=[council_a.slug]))
    assert "has not submitted a maturity self-assessment yet" in page.content.decode()
    assert not Assessment.objects.exists()
