"""The library offer: when a vacancy closes its council is asked whether to add its job
description to the library, as a draft they check before sharing."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.richtext import html_to_markdown, html_to_text
from civictalent.jobs.models import LibraryOffer, Vacancy
from civictalent.jobs.pay import range_text
from civictalent.jobs.services.common import vacancy_locked
from civictalent.jobs.services.health import HEADING


def library_sections(vacancy: Vacancy) -> list[Any]:
    """The vacancy's description cut at its headings into library sections, each in the
    Markdown subset (lists stay lists)."""
    from civictalent.jdlibrary.extraction import classify_heading
    from civictalent.jdlibrary.models import SECTION_LABELS
    from civictalent.jdlibrary.services import SectionInput

    sections: list[SectionInput] = []
    if vacancy.summary:
        sections.append(SectionInput("purpose", SECTION_LABELS["purpose"], vacancy.summary))
    html = vacancy.description_html
    cuts = list(HEADING.finditer(html))
    first = html[: cuts[0].start()] if cuts else html
    opening = html_to_markdown(first)
    if opening.strip():
        sections.append(
            SectionInput("responsibilities", SECTION_LABELS["responsibilities"], opening)
        )
    for number, match in enumerate(cuts):
        heading = html_to_text(match.group(1))
        end = cuts[number + 1].start() if number + 1 < len(cuts) else len(html)
        body = html_to_markdown(html[match.end() : end])
        if body.strip():
            sections.append(SectionInput(classify_heading(heading) or "other", heading, body))
    return sections


def vacancy_offer_decide(*, vacancy: Vacancy, actor: User, add: bool) -> Vacancy:
    """The council's answer to the library offer: add the JD to the library as a draft (the
    council publishes it from there), or decline."""
    from civictalent.jdlibrary.services import jd_create

    with transaction.atomic():
        locked = vacancy_locked(vacancy)
        if locked.library_offer != LibraryOffer.OFFERED:
            raise ValidationError(
                "There is no library offer waiting for this vacancy"
                + (
                    f": it was already {locked.get_library_offer_display().lower()}."
                    if locked.library_offer
                    else ": it is offered when the vacancy closes."
                )
            )
        if add:
            pay_text = locked.pay_text or (
                range_text(locked.annual_min_pence, locked.annual_max_pence)
                if locked.annual_min_pence is not None
                else ""
            )
            jd = jd_create(
                organisation=locked.organisation,
                author=actor,
                title=locked.title,
                sections=library_sections(locked),
                role_level=locked.role_level,
                grade=locked.grade,
                pay_text=pay_text,
                contract=locked.contract,
                working_pattern=locked.get_working_pattern_display()
                if locked.working_pattern
                else "",
                location=locked.location,
                source_kind="pasted",
                summary=f"Created from the vacancy {locked.title!r}",
            )
            locked.library_job_description = jd
            locked.library_offer = LibraryOffer.ADDED
        else:
            locked.library_offer = LibraryOffer.DECLINED
        locked.save(update_fields=["library_offer", "library_job_description", "updated_at"])
        audit_record(
            actor=actor,
            action="vacancy.library_added" if add else "vacancy.library_declined",
            target=locked,
            organisation=locked.organisation,
            summary=f"{actor.email} "
            + ("added" if add else "did not add")
            + f" the vacancy {locked.title!r} to the library",
        )
    return locked
