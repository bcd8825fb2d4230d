"""Running the health check on job descriptions and files, and remembering the scores.

The scoring itself is the pure engine in ``healthcheck.engine``; this module only assembles the
text a JD is checked as, stores the result and applies one-click suggestions back to the JD.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from civictalent.documents import DocumentRejected, read_document
from civictalent.healthcheck.engine import (
    CheckTooSlow,
    DocumentFacts,
    Report,
    apply_suggestion,
    check,
)
from civictalent.healthcheck.engine.rules import RULES_DIRECTORY
from civictalent.healthcheck.models import HealthRecord, RescoreRun

if TYPE_CHECKING:
    from civictalent.accounts.models import User
    from civictalent.jdlibrary.models import JobDescription

logger = logging.getLogger(__name__)

# Bump when the engine's Python checks change in a way that changes scores; rule files are
# hashed, so editing a YAML rule is noticed without this.
ENGINE_REVISION = "1"
Progress = Callable[[int, int, str], None]
RESCORE_CHUNK = 200


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A short fingerprint of the rules in force: records made under other rules are stale."""
    digest = hashlib.sha256(ENGINE_REVISION.encode())
    for path in sorted(RULES_DIRECTORY.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class SectionSpan:
    """Where one section's text sits in the text a JD is checked as."""

    position: int
    start: int
    end: int


@dataclass(frozen=True)
class CheckedText:
    text: str
    facts: DocumentFacts
    sections: tuple[SectionSpan, ...] = ()


def jd_checked_text(jd: JobDescription) -> CheckedText:
    """The JD as a reader meets it: title, the key facts, then each section under its heading."""
    lines = [jd.title, ""]
    facts = [
        ("Salary", jd.pay_text or (f"Grade {jd.grade}" if jd.grade else "")),
        ("Contract", jd.get_contract_display() if jd.contract else ""),
        ("Working pattern", jd.working_pattern),
        ("Location", jd.location),
    ]
    lines += [f"{label}: {value}" for label, value in facts if value]
    text = "\n".join(lines) + "\n\n"
    spans: list[SectionSpan] = []
    headings: list[str] = []
    for section in jd.sections.all():
        text += section.heading + "\n"
        headings.append(section.heading)
        spans.append(SectionSpan(section.position, len(text), len(text) + len(section.text)))
        text += section.text + "\n\n"
    return CheckedText(
        text=text.rstrip() + "\n",
        facts=DocumentFacts(
            has_layout_tables=jd.source_has_layout_tables,
            image_count=jd.source_image_count,
            headings=tuple(headings),
        ),
        sections=tuple(spans),
    )


def jd_report(jd: JobDescription) -> tuple[Report, CheckedText]:
    checked = jd_checked_text(jd)
    return check(checked.text, checked.facts), checked


def health_check_jd(jd: JobDescription) -> HealthRecord | None:
    """Check the JD's current version, record the score and keep the latest on the JD.

    A check that runs out of time records nothing (the JD keeps its last score): saving the JD
    must not fail because its health check could not finish."""
    try:
        report, _ = jd_report(jd)
    except CheckTooSlow:
        logger.warning("Health check of JD %s ran out of time; its score is unchanged", jd.pk)
        return None
    with transaction.atomic():
        record, _ = HealthRecord.objects.update_or_create(
            job_description=jd,
            jd_version=jd.version,
            rules_version=rules_version(),
            defaults={
                "organisation_id": jd.organisation_id,
                "score": report.score,
                "category_scores": {key: c.score for key, c in report.categories.items()},
                "finding_count": len(report.findings),
            },
        )
        if jd.health_score != report.score:
            jd.health_score = report.score
            type(jd).objects.filter(pk=jd.pk).update(health_score=report.score)
    return record


def jd_apply_suggestion(
    *, jd: JobDescription, author: User, rule: str, start: int, end: int
) -> JobDescription:
    """Apply one finding's swap to the section it falls in, as a new version of the JD."""
    from civictalent.jdlibrary.services import SectionInput, jd_update

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


@dataclass(frozen=True)
class ReadForCheck:
    text: str
    facts: DocumentFacts
    kind: str


def read_for_check(data: bytes, filename: str) -> ReadForCheck:
    """Read an uploaded advert for checking. A PDF without a text layer is not an error here:
    it is the finding. Other refusals raise DocumentRejected with the reader's message."""
    try:
        document = read_document(data, filename)
    except DocumentRejected as rejection:
        if rejection.no_text_layer:
            return ReadForCheck("", DocumentFacts(has_text_layer=False), "pdf")
        raise
    return ReadForCheck(
        text=document.text,
        facts=DocumentFacts(
            has_layout_tables=document.has_layout_tables,
            image_count=document.image_count,
            headings=tuple(document.headings),
        ),
        kind=document.kind,
    )


def stale_job_descriptions() -> QuerySet[JobDescription]:
    """JDs with no record of their current version under the rules in force."""
    from civictalent.jdlibrary.models import JobDescription

    current = HealthRecord.objects.filter(
        job_description=OuterRef("pk"),
        jd_version=OuterRef("version"),
        rules_version=rules_version(),
    )
    return JobDescription.objects.filter(~Exists(current))


def rescore_start(*, requested_by: User | None) -> RescoreRun:
    """Record a re-score and hand it to the background worker."""
    from civictalent.healthcheck.tasks import rescore_library_task

    run = RescoreRun.objects.create(requested_by=requested_by, rules_version=rules_version())
    transaction.on_commit(lambda: rescore_library_task.enqueue(run.pk))
    return run


def rescore_library(
    run: RescoreRun | None = None, *, progress: Progress | None = None
) -> RescoreRun:
    """Re-check every JD whose latest record is from older rules or an older version. Safe to
    run twice: a JD already checked under these rules is skipped."""
    from civictalent.jdlibrary.models import JobDescription

    run = run or RescoreRun.objects.create(rules_version=rules_version())
    ids = list(stale_job_descriptions().order_by("pk").values_list("pk", flat=True))
    run.total = len(ids)
    run.save(update_fields=["total"])
    for chunk_start in range(0, len(ids), RESCORE_CHUNK):
        chunk = ids[chunk_start : chunk_start + RESCORE_CHUNK]
        for jd in JobDescription.objects.filter(pk__in=chunk).prefetch_related("sections"):
            before = jd.health_score
            health_check_jd(jd)
            run.changed += int(before != jd.health_score)
        run.done = chunk_start + len(chunk)
        run.save(update_fields=["done", "changed"])
        if progress:
            progress(run.done, run.total, "")
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at", "done"])
    if progress:
        progress(run.total, run.total, "done")
    return run
