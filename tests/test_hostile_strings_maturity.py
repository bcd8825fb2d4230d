"""Hostile text in every text field of the maturity pages (issue 20): the assessment's name, a
contributor's evidence, the admin's reason for a settlement, the roadmap's actions and the
council's notes. Each is refused with a clear message, or saved and shown escaped on every page
and download that shows it (never as markup, template syntax literal, spreadsheet formulas
neutralised)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.maturity import assessment_services as services
from civictalent.maturity.assessment_services import AnswerInput
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import Assessment, Question, RoadmapAction
from civictalent.organisations.models import Organisation
from tests.hostile.strings import TEXTS
from tests.test_hostile_strings import (
    assert_literal_template,
    assert_refused_or_saved,
    assert_safe_page,
    client_for,
)

pytestmark = pytest.mark.django_db

TEXT_CASES = list(TEXTS.items())
TEXT_IDS = [name for name, _ in TEXT_CASES]


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_an_assessment_with_hostile_words_everywhere_stays_safe(
    name: str, text: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    admin_user, member_user = people["admin_a"], people["member_a"]
    assert admin_user is not None and member_user is not None
    maturity_model_load_starter()
    admin = client_for(admin_user)
    saved = assert_refused_or_saved(
        admin.post(reverse("maturity:start", kwargs={"slug": council_a.slug}), {"name": text[:120]})
    )
    if not saved:
        assert Assessment.objects.count() == 0
        return
    assessment = Assessment.objects.get()
    services.assessment_contributors_invite(
        assessment=assessment, users=[member_user], invited_by=admin_user
    )
    first, *rest = Question.objects.filter(model=assessment.model).order_by("topic__order", "order")
    for question in [first, *rest]:
        for person, level in ((admin_user, 2), (member_user, 4 if question == first else 2)):
            services.answer_save(
                assessment=assessment,
                question=question,
                user=person,
                answer=AnswerInput(level=level, not_sure=False, evidence=text[:2000]),
            )
    settled = assert_refused_or_saved(
        admin.post(
            reverse("maturity:settle", kwargs={"pk": assessment.pk, "question_pk": first.pk}),
            {f"s{first.pk}-level": "3", f"s{first.pk}-reason": text[:2000]},
        )
    )
    pages = [
        reverse("maturity:council", kwargs={"slug": council_a.slug}),
        reverse("maturity:assessment", kwargs={"pk": assessment.pk}),
        reverse("maturity:disagreements", kwargs={"pk": assessment.pk}),
    ]
    bodies = [assert_safe_page(admin.get(page), text) for page in pages]
    if settled:
        assert_refused_or_saved(
            admin.post(reverse("maturity:submit", kwargs={"pk": assessment.pk}))
        )
        assessment.refresh_from_db()
        assert assessment.status == "submitted"
        bodies.append(
            assert_safe_page(
                admin.get(reverse("maturity:results", kwargs={"pk": assessment.pk})), text
            )
        )
        download = admin.get(reverse("maturity:results_csv", kwargs={"pk": assessment.pk}))
        cells = [cell for row in csv.reader(io.StringIO(download.content.decode())) for cell in row]
        assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@"} and len(cell) > 1]
    if name == "template":
        assert_literal_template(bodies)


@pytest.mark.parametrize(("name", "text"), TEXT_CASES, ids=TEXT_IDS)
def test_roadmap_actions_and_notes_with_hostile_words_stay_safe(
    name: str, text: str, people: dict[str, User | None], council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    slug = council_a.slug
    action_saved = assert_refused_or_saved(
        editor.post(
            reverse("maturity:action_add", kwargs={"slug": slug}),
            {"title": text[:200], "owner": text[:120], "status": "not_started"},
        )
    )
    assert RoadmapAction.objects.count() == (1 if action_saved else 0)
    assert_refused_or_saved(
        editor.post(
            reverse("maturity:profile", kwargs={"slug": slug}),
            {"size": "medium", "on_costs_percent": "30", "structure_notes": text[:2000]},
        )
    )
    bodies = [
        assert_safe_page(editor.get(reverse(page, kwargs={"slug": slug})), text)
        for page in ("maturity:roadmap", "maturity:profile")
    ]
    case = editor.get(reverse("maturity:investment_case", kwargs={"slug": slug}))
    assert case.status_code == 200
    assert case["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    if name == "template" and action_saved:
        assert_literal_template(bodies)


@pytest.mark.parametrize(
    "bad",
    ["0", "-1", "99999999999999999999", "1e3", "not-a-number", "\uff11\uff12"],
)
def test_odd_numbers_in_maturity_forms_are_refused_clearly(
    bad: str, people: dict[str, Any], council_a: Organisation
) -> None:
    editor = client_for(people["editor_a"])
    if bad.isascii():  # Python reads full-width digits as the number they show: 12% is fair
        response = editor.post(
            reverse("maturity:profile", kwargs={"slug": council_a.slug}),
            {"size": "medium", "on_costs_percent": bad if bad != "0" else "101"},
        )
        assert not assert_refused_or_saved(response)
    response = editor.post(
        reverse("maturity:action_add", kwargs={"slug": council_a.slug}),
        {
            "title": "Hire a data governance lead",
            "owner": "CDO",
            "status": "not_started",
            "due_day": bad,
            "due_month": "3",
            "due_year": "2027",
        },
    )
    assert not assert_refused_or_saved(response)
    assert RoadmapAction.objects.count() == 0
