"""The health check of a vacancy: the text a candidate reads, checked like any advert."""

from __future__ import annotations

import re

from django.utils import timezone

from civictalent.core.richtext import html_to_text
from civictalent.healthcheck.engine import DocumentFacts, Report, check
from civictalent.jobs.models import Vacancy

HEADING = re.compile(r"<h[2-4][^>]*>(.*?)</h[2-4]>", re.IGNORECASE | re.DOTALL)


def _closing(vacancy: Vacancy) -> str:
    if vacancy.closes_at is None:
        return ""
    closes = timezone.localtime(vacancy.closes_at)
    return f"{closes:%H:%M} on {closes:%A} {closes.day} {closes:%B %Y} (UK time)"


def _workplace(vacancy: Vacancy) -> str:
    if not vacancy.workplace:
        return ""
    where = str(vacancy.get_workplace_display())
    return f"{where}: {vacancy.hybrid_pattern}" if vacancy.hybrid_pattern else where


def vacancy_checked_text(vacancy: Vacancy) -> tuple[str, DocumentFacts]:
    """The vacancy as a candidate reads it on its page: title, the key facts (as jobs/_facts.html
    shows them, with the closing date and where the work is done), how to apply (the page's
    button), summary, then the description. So the check never asks for what the page already
    says."""
    facts = [
        ("Salary", vacancy.pay_text or (f"Grade {vacancy.grade}" if vacancy.grade else "")),
        ("Closing date", _closing(vacancy)),
        ("Where the work is done", _workplace(vacancy)),
        ("Contract", vacancy.get_contract_display() if vacancy.contract else ""),
        (
            "Working pattern",
            vacancy.get_working_pattern_display() if vacancy.working_pattern else "",
        ),
        ("Hours", f"{vacancy.hours_per_week} hours a week" if vacancy.hours_per_week else ""),
        ("Location", vacancy.location),
    ]
    lines = [vacancy.title, ""]
    lines += [f"{label}: {value}" for label, value in facts if value]
    if vacancy.apply_url:
        lines += ["", f"How to apply: apply on {vacancy.organisation.short_name}'s website."]
    parts = ["\n".join(lines), vacancy.summary, vacancy.description_text]
    headings = tuple(
        html_to_text(match.group(1)) for match in HEADING.finditer(vacancy.description_html)
    )
    text = "\n\n".join(part for part in parts if part.strip()).rstrip() + "\n"
    return text, DocumentFacts(headings=headings)


def vacancy_health_report(vacancy: Vacancy) -> Report:
    text, facts = vacancy_checked_text(vacancy)
    return check(text, facts)
