"""The roadmap as an investment case: a Word document a council's leadership can read in ten
minutes. Five short parts: the gap, the roles, the cost, the evidence, the actions.

Built like the project's other Word documents (salaries/exports.py, jdlibrary/documents_out.py):
a real title and real headings, simple tables with a header row, British English.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from django.utils import timezone

from civictalent.core.money import pounds_text
from civictalent.jdlibrary.documents_out import LANGUAGE, _set_document_language
from civictalent.maturity.roadmap import Plan, fte_text
from civictalent.maturity.roadmap_selectors import RoadmapData, TopicGap

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

SIZE_WORDS = {
    "small": "a smaller council",
    "medium": "a medium council",
    "large": "a larger council",
}


def cost_method(plan: Plan) -> str:
    return (
        "Each role's annual cost is London's median advertised pay for its role level (the "
        "middle of each advertised salary range, last 12 months) times the indicative full-time "
        f"equivalents for {SIZE_WORDS.get(plan.size, 'the council')}, plus on-costs of "
        f"{fte_text(plan.on_costs_percent)}% for employer's pension and National Insurance. "
        "Costs are rounded to the nearest penny and shown in whole pounds. Where London's pay "
        "for a role level is hidden (too few salaries to show), the role is not costed and "
        "the total is given as at least the sum of the rest."
    )


def stage_sentence(data: RoadmapData) -> str:
    plan = data.plan
    if data.assessment is None:
        return (
            f"{data.organisation.short_name} has not submitted a maturity assessment yet, so "
            "this plan starts from stage 1 of 5."
        )
    submitted = timezone.localtime(data.assessment.submitted_at)
    return (
        f"{data.organisation.short_name} is at stage {plan.stage} of 5, from its maturity "
        f"assessment “{data.assessment.name}”, submitted on {submitted:%-d %B %Y}."
    )


def _table(document: WordDocument, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text


def _gap(document: WordDocument, data: RoadmapData, topics: list[TopicGap]) -> None:
    document.add_heading("1. The gap", level=1)
    plan = data.plan
    document.add_paragraph(stage_sentence(data))
    must = plan.groups[0]
    document.add_paragraph(
        f"At this stage a council needs {len(must.items)} capabilit"
        f"{'y' if len(must.items) == 1 else 'ies'} it does not yet fully have"
        + (
            ": " + ", ".join(item.capability.name for item in must.items) + "."
            if must.items
            else "."
        )
    )
    if topics:
        document.add_paragraph("The lowest-scoring topics of the assessment, against London:")
        _table(
            document,
            ["Topic", "Your score (level)", "London median"],
            [
                [
                    topic.name,
                    f"{topic.score} (level {topic.level})",
                    f"{topic.london.median} ({topic.london.councils} councils)"
                    if topic.london
                    else "Hidden: fewer than 5 other councils",
                ]
                for topic in topics
            ],
        )


def _roles(document: WordDocument, plan: Plan) -> None:
    document.add_heading("2. The roles", level=1)
    if plan.is_empty:
        document.add_paragraph(
            "Every capability for this stage and the next is covered: nothing to fund yet."
        )
    for group in plan.groups:
        if not group.items:
            continue
        document.add_heading(group.title, level=2)
        rows = []
        for item in group.items:
            coverage = "partly covered" if item.coverage == "partly" else "not covered"
            if not item.roles:
                rows.append([f"{item.capability.name} ({coverage})", "No roles given", "", "", ""])
            for role in item.roles:
                rows.append(
                    [
                        f"{item.capability.name} ({coverage})",
                        role.role.name,
                        role.fte_text,
                        "Hidden" if role.median_pence is None else pounds_text(role.median_pence),
                        role.cost_text,
                    ]
                )
        _table(
            document,
            ["Capability", "Role level", "FTE", "London median pay", "Annual cost"],
            rows,
        )


def _cost(document: WordDocument, plan: Plan) -> None:
    document.add_heading("3. The cost", level=1)
    _table(
        document,
        ["Priority", "Capabilities", "FTE", "Annual cost with on-costs"],
        [
            [group.title, str(len(group.items)), group.total.fte_text, group.total.text]
            for group in plan.groups
        ]
        + [["All", str(len(plan.items)), plan.total.fte_text, plan.total.text]],
    )
    document.add_paragraph(
        f"Must have now: {plan.groups[0].total.text} a year. The whole plan: "
        f"{plan.total.text} a year."
    )
    document.add_heading("How the cost is worked out", level=2)
    document.add_paragraph(cost_method(plan))


def _evidence(document: WordDocument, data: RoadmapData) -> None:
    document.add_heading("4. The evidence", level=1)
    if data.assessment is not None:
        submitted = timezone.localtime(data.assessment.submitted_at)
        people = data.contributors
        document.add_paragraph(
            f"Maturity: the assessment “{data.assessment.name}” against "
            f"{data.assessment.model.title}, submitted on {submitted:%-d %B %Y} with "
            f"{people} contributor{'' if people == 1 else 's'}.",
            style="List Bullet",
        )
    else:
        document.add_paragraph(
            "Maturity: no submitted assessment yet; the plan assumes stage 1.", style="List Bullet"
        )
    levels = sorted({role.role.role_level_id for item in data.plan.items for role in item.roles})
    shown = [data.benchmarks[pk] for pk in levels if pk in data.benchmarks]
    salaries = sum(found.count for found in shown)
    hidden = sum(1 for found in shown if found.hidden)
    dates = [found.refreshed_at for found in shown if found.refreshed_at is not None]
    when = f", last refreshed on {timezone.localtime(max(dates)):%-d %B %Y}" if dates else ""
    document.add_paragraph(
        f"Pay: London's advertised salaries for {len(levels)} role level"
        f"{'' if len(levels) == 1 else 's'} ({salaries:,} salaries in the last 12 months"
        f"{when}); {hidden} hidden because too few salaries were advertised.",
        style="List Bullet",
    )
    if data.illustrative:
        document.add_paragraph(
            "Staff numbers: the indicative FTE of some capabilities are illustrative examples "
            "in the platform's capability model, not measured from councils. Check them "
            "against your own services.",
            style="List Bullet",
        )
    document.add_paragraph(
        f"Coverage: what {data.organisation.short_name} said it has, on its roadmap page.",
        style="List Bullet",
    )


def _actions(document: WordDocument, data: RoadmapData) -> None:
    document.add_heading("5. The actions", level=1)
    if not data.actions:
        document.add_paragraph("No actions recorded yet.")
        return
    _table(
        document,
        ["Action", "Owner", "Due", "Status"],
        [
            [
                action.title,
                action.owner,
                f"{action.due_on:%-d %B %Y}" if action.due_on else "No date",
                action.get_status_display(),
            ]
            for action in data.actions
        ],
    )


def investment_case_docx(data: RoadmapData, *, topics: list[TopicGap]) -> bytes:
    from docx import Document

    document = Document()
    title = f"Investment case: data, digital and innovation roles for {data.organisation.name}"
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.author = data.organisation.name
    properties.subject = "Investment case"
    _set_document_language(document, LANGUAGE)
    document.add_heading(title, level=0)
    document.add_paragraph(
        f"Prepared with Civic Talent on {timezone.localdate():%-d %B %Y}. The case in brief: "
        f"{len(data.plan.groups[0].items)} capabilities to build now at an annual cost of "
        f"{data.plan.groups[0].total.text}, and {data.plan.total.text} for the whole plan."
    )
    _gap(document, data, topics)
    _roles(document, data.plan)
    _cost(document, data.plan)
    _evidence(document, data)
    _actions(document, data)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
