"""Every change to a job description: create (a draft from an upload or pasted text), update
(each save is a new version), publish (sharing needs consent and a licence), copy, and apply a
health check finding's suggestion (as a new version)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.money import pence_from_pounds
from civictalent.core.richtext import normalise
from civictalent.core.search import search_index
from civictalent.framework.models import RoleLevel
from civictalent.healthcheck.engine import apply_suggestion
from civictalent.jdlibrary.health import jd_health_check
from civictalent.jdlibrary.health_selectors import jd_checked_text
from civictalent.jdlibrary.models import JDSection, JDStatus, JDVersion, JobDescription, Visibility
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import ObservationSource
from civictalent.salaries.parsing import parse_salary
from civictalent.salaries.services import advertised_range, salary_observation_from_pay_text

SEARCH_KIND = "jd"
EDITABLE_FIELDS = (
    "title",
    "role_level",
    "grade",
    "pay_text",
    "contract",
    "working_pattern",
    "location",
)


@dataclass(frozen=True)
class SectionInput:
    kind: str
    heading: str
    text: str


def _pay_range(pay_text: str) -> tuple[int | None, int | None]:
    """The advertised annual range in pence: the same choice the salary benchmarks make."""
    pay = advertised_range(parse_salary(pay_text))
    if pay is None or pay.annual_min is None:
        return None, None
    high = pay.annual_max if pay.annual_max is not None else pay.annual_min
    return pence_from_pounds(pay.annual_min), pence_from_pounds(high)


def snapshot(jd: JobDescription) -> dict[str, Any]:
    return {
        "title": jd.title,
        "role_level": jd.role_level.name if jd.role_level else "",
        "grade": jd.grade,
        "pay_text": jd.pay_text,
        "contract": jd.contract,
        "working_pattern": jd.working_pattern,
        "location": jd.location,
        "sections": [
            {"kind": section.kind, "heading": section.heading, "text": section.text}
            for section in jd.sections.all()
        ],
    }


def _reindex(jd: JobDescription, sections: list[SectionInput]) -> None:
    text = "\n".join(
        [jd.title, jd.grade, jd.pay_text, *(s.heading + "\n" + s.text for s in sections)]
    )
    search_index(kind=SEARCH_KIND, object_id=jd.pk, text=text)


def _normalised(sections: list[SectionInput]) -> list[SectionInput]:
    """Section text in the rich-text subset (core/richtext.py): typed bullets and numbers become
    list items, however the text arrived (a file, pasted text, the review form, a copy)."""
    return [SectionInput(s.kind, s.heading, normalise(s.text)) for s in sections]


def _write_sections(jd: JobDescription, sections: list[SectionInput]) -> None:
    jd.sections.all().delete()
    JDSection.objects.bulk_create(
        [
            JDSection(
                job_description=jd,
                position=number,
                kind=s.kind,
                heading=s.heading[:200],
                text=s.text,
            )
            for number, s in enumerate(sections, start=1)
            if s.text.strip()
        ]
    )
    jd.word_count = sum(len(s.text.split()) for s in sections)


def jd_create(
    *,
    organisation: Organisation,
    author: User,
    title: str,
    sections: list[SectionInput],
    role_level: RoleLevel | None = None,
    grade: str = "",
    pay_text: str = "",
    contract: str = "",
    working_pattern: str = "",
    location: str = "",
    source_kind: str = "pasted",
    source_filename: str = "",
    source_has_layout_tables: bool = False,
    source_image_count: int = 0,
    summary: str = "Created",
) -> JobDescription:
    """A new draft for a council, with its first version and its first health check."""
    if not title.strip():
        raise ValidationError("Give the job description a title.")
    low, high = _pay_range(pay_text)
    with transaction.atomic():
        jd = JobDescription(
            organisation=organisation,
            title=title.strip()[:200],
            role_level=role_level,
            grade=grade[:40],
            pay_text=pay_text[:300],
            annual_min_pence=low,
            annual_max_pence=high,
            contract=contract,
            working_pattern=working_pattern[:120],
            location=location[:120],
            source_kind=source_kind,
            source_filename=source_filename[:200],
            source_has_layout_tables=source_has_layout_tables,
            source_image_count=min(source_image_count, 32_767),
            created_by=author,
        )
        jd.full_clean(exclude=["role_level", "created_by"])
        jd.save()
        sections = _normalised(sections)
        _write_sections(jd, sections)
        jd.save(update_fields=["word_count"])
        _reindex(jd, sections)
        jd_health_check(jd=jd)
        JDVersion.objects.create(
            job_description=jd,
            number=1,
            author=author,
            summary=summary[:200],
            snapshot=snapshot(jd),
        )
        audit_record(
            actor=author,
            action="jd.created",
            target=jd,
            organisation=organisation,
            summary=f"{author.email} created the job description {jd.title!r}",
        )
    return jd


def jd_update(
    *, jd: JobDescription, author: User, sections: list[SectionInput], **fields: Any
) -> JobDescription:
    """Save changes as a new version that says what changed."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if "title" in fields and not str(fields["title"]).strip():
        raise ValidationError("Give the job description a title.")
    with transaction.atomic():
        jd = JobDescription.objects.select_for_update().get(pk=jd.pk)
        before = snapshot(jd)
        for name, value in fields.items():
            setattr(jd, name, value)
        jd.annual_min_pence, jd.annual_max_pence = _pay_range(jd.pay_text)
        jd.full_clean(exclude=["role_level", "created_by"])
        sections = _normalised(sections)
        _write_sections(jd, sections)
        after = snapshot(jd)
        changed = [name for name in after if before.get(name) != after.get(name)]
        if not changed:
            return jd
        jd.version += 1
        jd.save()
        _reindex(jd, sections)
        jd_health_check(jd=jd)
        JDVersion.objects.create(
            job_description=jd,
            number=jd.version,
            author=author,
            summary="Changed " + ", ".join(name.replace("_", " ") for name in changed),
            snapshot=after,
        )
    return jd


def jd_publish(
    *, jd: JobDescription, author: User, visibility: str, licence: str = "", consent: bool = False
) -> list[str]:
    """Publish to the council or to everyone signed in. Returns notes for the person."""
    if visibility not in Visibility.values:
        raise ValidationError("Choose who can see this job description.")
    if visibility == Visibility.MEMBERS and not (consent and licence):
        raise ValidationError(
            "To share with every council, agree to share it and choose a licence. To keep it to "
            "your council, choose 'Only people in my council'."
        )
    notes: list[str] = []
    with transaction.atomic():
        jd = JobDescription.objects.select_for_update().get(pk=jd.pk)
        jd.status = JDStatus.PUBLISHED
        jd.visibility = visibility
        jd.licence = licence if visibility == Visibility.MEMBERS else ""
        jd.sharing_consent_at = timezone.now() if visibility == Visibility.MEMBERS else None
        jd.published_at = jd.published_at or timezone.now()
        jd.save()
        audit_record(
            actor=author,
            action="jd.published",
            target=jd,
            organisation=jd.organisation,
            summary=f"{author.email} published {jd.title!r} to "
            f"{jd.get_visibility_display().lower()}",
        )
        if jd.pay_text and jd.role_level_id:
            try:
                salary_observation_from_pay_text(
                    organisation=jd.organisation,
                    role_level=jd.role_level,
                    pay_text=jd.pay_text,
                    observed_on=timezone.localdate(),
                    source=ObservationSource.JOB_DESCRIPTION,
                    source_ref=f"jd-{jd.pk}",
                    is_public=visibility == Visibility.MEMBERS,
                )
                notes.append("Its salary now counts in the London salary benchmarks.")
            except ValidationError as error:
                notes.append("Its salary is not in the benchmarks: " + " ".join(error.messages))
        elif not jd.pay_text:
            notes.append("It has no salary, so it cannot count in the salary benchmarks.")
    return notes


def jd_copy(*, source: JobDescription, organisation: Organisation, author: User) -> JobDescription:
    """Start a new draft for ``organisation`` from ``source``; its first version says so."""
    return jd_create(
        organisation=organisation,
        author=author,
        title=source.title,
        sections=[
            SectionInput(section.kind, section.heading, section.text)
            for section in source.sections.all()
        ],
        role_level=source.role_level,
        grade=source.grade,
        pay_text=source.pay_text,
        contract=source.contract,
        working_pattern=source.working_pattern,
        location=source.location,
        source_kind="copy",
        source_filename=f"jd-{source.pk}",
        summary=f"Copied from {source.title} ({source.organisation.short_name})",
    )


def jd_apply_suggestion(
    *, jd: JobDescription, author: User, rule: str, start: int, end: int
) -> JobDescription:
    """Apply one health check finding's swap to the section it falls in, as a new version."""
    checked = jd_checked_text(jd)
    span = next((s for s in checked.sections if s.start <= start and end <= s.end), None)
    if span is None:
        raise ValidationError(
            "That wording is in the title or the key facts, not in a section: change it on the "
            "edit page."
        )
    try:
        new_text = apply_suggestion(checked.text, rule, start, end)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    growth = len(new_text) - len(checked.text)
    sections = []
    for section in jd.sections.all():
        text = section.text
        if section.position == span.position:
            text = new_text[span.start : span.end + growth]
        sections.append(SectionInput(kind=section.kind, heading=section.heading, text=text))
    return jd_update(jd=jd, author=author, sections=sections)
