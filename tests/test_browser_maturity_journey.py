"""Issue 20's journey, in a real browser under the site's Content Security Policy, with axe-core on
every page: from "where are we?" to "which roles do we fund next?".

Hackney's council admin starts a maturity assessment against the platform's starter model from
the dashboard and invites a member as a contributor. Both answer every question, topic by topic
on the task list (the admin comes back to a topic later, and finds their answers kept). They
disagree on one question; the admin settles it with a reason and submits. The results show the
heatmap against London (six other councils have submitted, so London's median and quartiles
show, naming none of them), the costed roadmap lists the capabilities Hackney lacks with their
roles, London's pay and an exemplar job description, and one click starts a draft job
description for Hackney from the exemplar. The investment case downloads as a Word document a
leader can read.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JobDescription
from civictalent.maturity.capability_services import capability_model_load_starter
from civictalent.maturity.maturity_services import maturity_model_load_starter
from civictalent.maturity.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Capability,
    CapabilityRole,
    Contributor,
    MaturityModel,
    Question,
    Settlement,
)
from civictalent.maturity.tests.factories_results import london_councils, submit
from civictalent.maturity.tests.factories_roadmap import make_benchmark, make_exemplar
from civictalent.organisations.models import Organisation
from tests.browser import StrictAudit, strict_context
from tests.every_page import session_cookie

pytestmark = pytest.mark.browser

ADMIN_LEVEL = "2"  # the admin's answer to every question
CONTRIBUTOR_LEVEL = "2"  # the contributor's, except on the first question
DISPUTED_LEVEL = "4"  # the contributor's answer to the first question


def prepare(council: Organisation) -> tuple[MaturityModel, Capability]:
    """The starter maturity and capability models; six other councils' submitted assessments
    (so London shows); London pay and an exemplar for the first role of a capability Hackney
    will lack at stage 2."""
    framework_load_starter()  # an earlier test's flush may have emptied it
    maturity_model_load_starter()
    capability_model_load_starter()
    model = MaturityModel.objects.get(is_default=True)
    for number, other in enumerate(london_councils(6, leave_out=council)):
        submit(other, model, 1 + number % 4, refresh=number == 5)
    capability = Capability.objects.filter(must_have_stage__lte=2).order_by("order", "pk")[0]
    for role in CapabilityRole.objects.filter(capability=capability).select_related("role_level"):
        make_benchmark(role.role_level, 4_200_000)
    first_role = CapabilityRole.objects.filter(capability=capability).order_by("order", "pk")[0]
    make_exemplar(
        Organisation.objects.get(slug="camden"),
        first_role.role_level,
        title=f"{first_role.role_level.name} (exemplar)",
    )
    return model, capability


def answer_every_topic(page: Any, audit: StrictAudit, who: str, level: str, *, first: str) -> None:
    """From the task list, answer each topic in turn with ``level`` (``first`` for the first
    question of all), saving and continuing to the next until the last."""
    page.locator(".govuk-task-list__link").first.click()
    page.wait_for_load_state("load")
    audit.check(page, f"{who}: first topic")
    number = 0
    while True:
        for radio_group in page.locator("fieldset:has(input[type=radio])").all():
            choice = first if number == 0 else level
            radio_group.locator(f"input[type=radio][value='{choice}']").check()
            number += 1
        last = page.get_by_role("button", name="Save and finish")
        if last.count():
            last.click()
            page.wait_for_load_state("load")
            return
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_load_state("load")


@pytest.mark.django_db(transaction=True)
def test_an_assessment_becomes_a_costed_roadmap_and_a_draft_job_description(
    live_server: Any,
    browser: Any,
    people: dict[str, User | None],
    council_a: Organisation,
) -> None:
    model, capability = prepare(council_a)
    admin, member = people["admin_a"], people["member_a"]
    assert admin is not None and member is not None
    base = live_server.url
    audit = StrictAudit()

    # The council admin starts an assessment from the dashboard.
    page = audit.watch(strict_context(browser, base, session_cookie(admin)).new_page())
    page.goto(base + "/dashboard/")
    audit.check(page, "admin's dashboard")
    page.get_by_role("link", name=f"{council_a.short_name}'s maturity assessments").click()
    page.wait_for_load_state("load")
    audit.check(page, "the council's assessments")
    page.get_by_role("button", name="Start an assessment").click()
    page.wait_for_load_state("load")
    audit.check(page, "start an assessment")
    page.get_by_label("Name of the assessment").fill("Spring 2027")
    page.get_by_role("button", name="Start the assessment").click()
    page.wait_for_load_state("load")
    assessment = Assessment.objects.get(organisation=council_a, name="Spring 2027")
    assert page.url.endswith(reverse("maturity:assessment", kwargs={"pk": assessment.pk}))
    audit.check(page, "the task list")

    # ... invites a member of the council ...
    page.get_by_role("link", name="Invite or remove contributors").click()
    page.wait_for_load_state("load")
    audit.check(page, "contributors")
    page.get_by_label(member.name, exact=False).check()
    page.get_by_role("button", name="Invite").click()
    page.wait_for_load_state("load")
    assert Contributor.objects.filter(assessment=assessment, user=member).exists()
    assert member.name in page.locator("table").first.inner_text()

    # ... answers the first topic, leaves, and comes back to find the answers kept.
    page.goto(base + reverse("maturity:assessment", kwargs={"pk": assessment.pk}))
    page.locator(".govuk-task-list__link").first.click()
    page.wait_for_load_state("load")
    groups = page.locator("fieldset:has(input[type=radio])")
    for index in range(groups.count()):
        groups.nth(index).locator(f"input[type=radio][value='{ADMIN_LEVEL}']").check()
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_load_state("load")
    audit.check(page, "the task list after saving a topic")
    assert "In progress" in page.content() or "Completed" in page.content()
    page.locator(".govuk-task-list__link").first.click()
    page.wait_for_load_state("load")
    assert page.locator(f"input[type=radio][value='{ADMIN_LEVEL}']:checked").count() == (
        groups.count()
    )
    page.goto(base + reverse("maturity:assessment", kwargs={"pk": assessment.pk}))
    answer_every_topic(page, audit, "admin", ADMIN_LEVEL, first=ADMIN_LEVEL)

    # The contributor answers every question, disagreeing on the first.
    contributor = audit.watch(strict_context(browser, base, session_cookie(member)).new_page())
    contributor.goto(base + "/dashboard/")
    audit.check(contributor, "contributor's dashboard")
    contributor.get_by_role("link", name="Spring 2027").click()
    contributor.wait_for_load_state("load")
    audit.check(contributor, "contributor's task list")
    answer_every_topic(contributor, audit, "contributor", CONTRIBUTOR_LEVEL, first=DISPUTED_LEVEL)
    questions = Question.objects.filter(model=model).count()
    assert Answer.objects.filter(assessment=assessment).count() == 2 * questions

    # The admin settles the disagreement with a reason, then submits.
    page.goto(base + reverse("maturity:assessment", kwargs={"pk": assessment.pk}))
    page.get_by_role("link", name="Settle disagreements").click()
    page.wait_for_load_state("load")
    audit.check(page, "disagreements")
    form = page.locator("form:has(textarea)").first
    form.locator("input[type=radio][value='3']").check()
    form.locator("textarea").fill("The new data catalogue covers half of our services.")
    form.get_by_role("button", name="Settle").click()
    page.wait_for_load_state("load")
    settlement = Settlement.objects.get(assessment=assessment)
    assert settlement.level == 3
    page.goto(base + reverse("maturity:submit", kwargs={"pk": assessment.pk}))
    audit.check(page, "check and submit")
    page.get_by_role("button", name="Submit the assessment").click()
    page.wait_for_load_state("load")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    assert assessment.overall_level == 2
    audit.check(page, "the submitted assessment")

    # The heatmap against London: figures for London, no other council named.
    page.get_by_role("button", name="See the results against London").click()
    page.wait_for_load_state("load")
    audit.check(page, "results")
    heatmap = page.locator("table").first.inner_text()
    assert "median" in heatmap.lower()
    assert "Hidden" not in heatmap
    others = Organisation.objects.exclude(pk=council_a.pk).filter(
        maturity_assessments__status=AssessmentStatus.SUBMITTED
    )
    text = page.locator("main").inner_text()
    assert not [other.short_name for other in others if other.short_name in text]

    # The costed roadmap: the capability Hackney lacks, its roles, London pay and an exemplar.
    page.get_by_role("link", name="See the costed roadmap these levels lead to").click()
    page.wait_for_load_state("load")
    audit.check(page, "roadmap")
    card = page.locator(".govuk-summary-card", has_text=capability.name).first
    assert "£42,000" in card.inner_text()
    assert "Must have now" in page.locator("main").inner_text()

    # One click starts a draft job description for Hackney from the exemplar.
    drafts_before = JobDescription.objects.filter(organisation=council_a).count()
    card.get_by_role("button", name="Start a job description from this exemplar").click()
    page.wait_for_load_state("load")
    audit.check(page, "the new draft job description")
    assert JobDescription.objects.filter(organisation=council_a).count() == drafts_before + 1

    # The investment case, as a Word document a leader can read.
    page.goto(base + reverse("maturity:roadmap", kwargs={"slug": council_a.slug}))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the investment case (Word)").click()
    document = download.value
    path = document.path()
    assert path is not None
    import docx  # python-docx

    with open(path, "rb") as handle:
        word = docx.Document(io.BytesIO(handle.read()))
    words = "\n".join(paragraph.text for paragraph in word.paragraphs)
    cells = "\n".join(
        cell.text for table in word.tables for row in table.rows for cell in row.cells
    )
    assert "gap" in words.lower() and "cost" in words.lower()
    assert capability.name in words + cells
    assert Decimal(assessment.overall_score or 0) > 0
    assert len(audit.checked) >= 15
