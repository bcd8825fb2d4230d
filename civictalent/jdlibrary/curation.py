"""Curating the library: exemplars (marked by platform admins, with a reason), near duplicates
(so the library does not fill with copies), side-by-side comparison, and the exemplar JDs the
project wrote itself for emerging roles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.money import exact_pounds_text
from civictalent.core.vocabularies import Contract
from civictalent.framework.models import RoleLevel, RoleLevelSkill
from civictalent.jdlibrary import selectors, services
from civictalent.jdlibrary.extraction import SECTION_KINDS
from civictalent.jdlibrary.health import jd_health_check
from civictalent.jdlibrary.models import (
    SECTION_LABELS,
    JDSection,
    JDStatus,
    JDVersion,
    JobDescription,
    Licence,
    Visibility,
)
from civictalent.jdlibrary.services import SectionInput, snapshot
from civictalent.jdlibrary.similarity import fingerprint, near_duplicates
from civictalent.organisations.models import Organisation

MIN_REASON_CHARACTERS = 20
NEAR_DUPLICATE_THRESHOLD = 0.6
NEAR_DUPLICATE_LIMIT = 3
HEALTH_NOT_CHECKED = "Not checked yet"


# --- Exemplars -------------------------------------------------------------------------------


def _check_curator(by: User) -> None:
    # The views check the rule too; this stops a script or a future view forgetting to.
    if not (by.is_active and by.is_platform_admin):
        raise PermissionDenied("Only platform admins can choose exemplar job descriptions.")


def jd_mark_exemplar(*, jd: JobDescription, by: User, reason: str) -> JobDescription:
    """Mark a JD shared with every council as an exemplar, saying why it is a good example.

    Marking one that is already an exemplar replaces its reason.
    """
    _check_curator(by)
    reason = " ".join(reason.split())
    if len(reason) < MIN_REASON_CHARACTERS:
        raise ValidationError(
            f"Say why this is a good example, in at least {MIN_REASON_CHARACTERS} characters, "
            "so councils know what to copy from it."
        )
    with transaction.atomic():
        locked = JobDescription.objects.select_for_update().get(pk=jd.pk)
        if not (locked.status == JDStatus.PUBLISHED and locked.visibility == Visibility.MEMBERS):
            raise ValidationError(
                "Only a job description published to every council can be an exemplar. Ask "
                f"{locked.organisation.short_name} to share it with everyone first."
            )
        before = {"is_exemplar": locked.is_exemplar, "exemplar_reason": locked.exemplar_reason}
        locked.is_exemplar = True
        locked.exemplar_reason = reason
        locked.save(update_fields=["is_exemplar", "exemplar_reason", "updated_at"])
        audit_record(
            actor=by,
            action="jd.exemplar_marked",
            target=locked,
            organisation=locked.organisation,
            summary=f"{by.email} marked {locked.title!r} ({locked.organisation.short_name}) "
            "as an exemplar",
            changes={
                name: [value, getattr(locked, name)]
                for name, value in before.items()
                if value != getattr(locked, name)
            },
        )
    return locked


def jd_unmark_exemplar(*, jd: JobDescription, by: User) -> JobDescription:
    """Stop showing a JD as an exemplar. Its old reason stays in the audit log."""
    _check_curator(by)
    with transaction.atomic():
        locked = JobDescription.objects.select_for_update().get(pk=jd.pk)
        if not locked.is_exemplar:
            return locked
        old_reason = locked.exemplar_reason
        locked.is_exemplar = False
        locked.exemplar_reason = ""
        locked.save(update_fields=["is_exemplar", "exemplar_reason", "updated_at"])
        audit_record(
            actor=by,
            action="jd.exemplar_unmarked",
            target=locked,
            organisation=locked.organisation,
            summary=f"{by.email} stopped showing {locked.title!r} "
            f"({locked.organisation.short_name}) as an exemplar",
            changes={"is_exemplar": [True, False], "exemplar_reason": [old_reason, ""]},
        )
    return locked


# --- Near duplicates -------------------------------------------------------------------------


@dataclass(frozen=True)
class NearDuplicate:
    jd: JobDescription
    percent: int

    @property
    def year(self) -> int:
        when = self.jd.published_at or self.jd.created_at
        return timezone.localtime(when).year

    @property
    def message(self) -> str:
        """For example: This looks like 'Data Analyst' from Hackney, 2024 (92% similar)."""
        return (
            f"This looks like '{self.jd.title}' from {self.jd.organisation.short_name}, "
            f"{self.year} ({self.percent}% similar)."
        )


def similarity_text(texts: Iterable[str]) -> str:
    """The text the library compares: section texts only, so headings and titles worded
    differently do not hide a copy."""
    return "\n\n".join(text for text in texts if text.strip())


def near_duplicates_of(
    *, text: str, user: User, exclude_pk: int | None = None
) -> list[NearDuplicate]:
    """The (at most three) JDs this person may see that are at least 60% like ``text``.

    Pass the text of the new JD's sections (``similarity_text``), as the library's own JDs are
    fingerprinted from their sections. The whole document works too (shingles ignore layout),
    scoring a few points lower because of its title and headings.

    Scale limit: every visible JD's fingerprint is computed from its sections on each call: one
    query, then about half a millisecond per JD of 700 words, so about 1.5 seconds at 3,000 JDs.
    Beyond a few thousand, store each JD's fingerprint (or a MinHash signature) when its
    sections are saved and read it here; ``similarity.near_duplicates`` stays as it is.
    """
    candidate = fingerprint(text)
    if not candidate:
        return []
    visible = selectors.visible_job_descriptions(user)
    if exclude_pk is not None:
        visible = visible.exclude(pk=exclude_pk)
    rows = (
        JDSection.objects.filter(job_description__in=visible.values("pk"))
        .order_by("job_description_id", "position")
        .values_list("job_description_id", "text")
    )
    texts: dict[int, list[str]] = {}
    for jd_id, section_text in rows.iterator(chunk_size=2000):
        texts.setdefault(jd_id, []).append(section_text)
    matches = near_duplicates(
        candidate,
        ((jd_id, fingerprint(similarity_text(parts))) for jd_id, parts in texts.items()),
        threshold=NEAR_DUPLICATE_THRESHOLD,
        limit=NEAR_DUPLICATE_LIMIT,
    )
    found = JobDescription.objects.select_related("organisation").in_bulk(
        [jd_id for jd_id, _ in matches]
    )
    return [
        NearDuplicate(jd=found[jd_id], percent=int(score * 100))
        for jd_id, score in matches
        if jd_id in found
    ]


def near_duplicates_of_jd(*, jd: JobDescription, user: User) -> list[NearDuplicate]:
    """Near duplicates of a saved JD (for example the draft just made from an upload)."""
    return near_duplicates_of(
        text=similarity_text(jd.sections.values_list("text", flat=True)),
        user=user,
        exclude_pk=jd.pk,
    )


# --- Comparison ------------------------------------------------------------------------------

MIN_COMPARED = 2
MAX_COMPARED = 3
# The order a reader meets the sections in; "other" last.
COMPARED_KINDS = SECTION_KINDS


@dataclass(frozen=True)
class ComparedRow:
    label: str
    values: list[str]


@dataclass(frozen=True)
class Comparison:
    jds: list[JobDescription]
    summary: list[ComparedRow]
    sections: list[ComparedRow]
    skills: list[ComparedRow]
    levels_without_skills: bool


def _salary(jd: JobDescription) -> str:
    """As advertised, with the annual range we read from it when the advert words it otherwise."""
    if jd.annual_min_pence is None:
        return jd.pay_text or "Not stated"
    low, high = jd.annual_min_pence, jd.annual_max_pence or jd.annual_min_pence
    band = (
        exact_pounds_text(low)
        if low == high
        else f"{exact_pounds_text(low)} to {exact_pounds_text(high)}"
    )
    if not jd.pay_text:
        return f"{band} a year"
    return jd.pay_text if band in jd.pay_text else f"{jd.pay_text} ({band} a year)"


def health_score_label(jd: JobDescription) -> str:
    if jd.health_score is None:
        return HEALTH_NOT_CHECKED
    return f"{jd.health_score} out of 100"


def jd_comparison(jds: Sequence[JobDescription]) -> Comparison:
    """Two or three JDs side by side: facts, each kind of section, and the skills their role
    levels need."""
    jds = list(jds)
    summary = [
        ComparedRow("Council", [jd.organisation.short_name for jd in jds]),
        ComparedRow(
            "Role level",
            [jd.role_level.name if jd.role_level else "Not mapped" for jd in jds],
        ),
        ComparedRow("Grade", [jd.grade or "Not stated" for jd in jds]),
        ComparedRow("Salary", [_salary(jd) for jd in jds]),
        ComparedRow("Contract", [jd.get_contract_display() or "Not stated" for jd in jds]),
        ComparedRow("Working pattern", [jd.working_pattern or "Not stated" for jd in jds]),
        ComparedRow("Length", [f"{jd.word_count:,} words" for jd in jds]),
        ComparedRow(
            "Exemplar",
            [jd.exemplar_reason if jd.is_exemplar else "No" for jd in jds],
        ),
        ComparedRow("Health score", [health_score_label(jd) for jd in jds]),
    ]

    by_kind: list[dict[str, list[str]]] = []
    for jd in jds:
        grouped: dict[str, list[str]] = {}
        for section in jd.sections.all():
            grouped.setdefault(section.kind, []).append(section.text)
        by_kind.append(grouped)
    sections = [
        ComparedRow(
            SECTION_LABELS[kind],
            ["\n\n".join(grouped.get(kind, [])) for grouped in by_kind],
        )
        for kind in COMPARED_KINDS
        if any(kind in grouped for grouped in by_kind)
    ]

    level_ids = [jd.role_level_id for jd in jds]
    needs: dict[tuple[int, str], str] = {}
    skill_names: list[str] = []
    for need in (
        RoleLevelSkill.objects.filter(role_level_id__in=[pk for pk in level_ids if pk])
        .select_related("skill")
        .order_by("skill__name")
    ):
        needs[(need.role_level_id, need.skill.name)] = (
            need.get_level_display() if need.level else "Needed (no level given)"
        )
        if need.skill.name not in skill_names:
            skill_names.append(need.skill.name)
    skills = [
        ComparedRow(
            name,
            [
                needs.get((level_id, name), "Not needed") if level_id else "Role level not mapped"
                for level_id in level_ids
            ],
        )
        for name in skill_names
    ]
    return Comparison(
        jds=jds,
        summary=summary,
        sections=sections,
        skills=skills,
        levels_without_skills=any(level_ids) and not skills,
    )


# --- The project's own exemplars -------------------------------------------------------------


def _default_role_level(name: str) -> RoleLevel | None:
    return RoleLevel.objects.filter(framework__is_default=True, name=name).first()


def _exemplar_create(organisation: Organisation, text: ExemplarText) -> JobDescription:
    # Not through services.jd_create, which needs a person as author (and audits them by email):
    # these have none, so created_by stays None. Nor through jd_publish: their salaries are
    # illustrative, so they must not count as salary observations in the London benchmarks.
    now = timezone.now()
    jd = JobDescription(
        organisation=organisation,
        title=text.title,
        role_level=_default_role_level(text.role_level),
        pay_text=text.pay_text,
        annual_min_pence=text.annual_min_pence,
        annual_max_pence=text.annual_max_pence,
        contract=Contract.PERMANENT,
        working_pattern=text.working_pattern,
        location=text.location,
        status=JDStatus.PUBLISHED,
        visibility=Visibility.MEMBERS,
        licence=Licence.OGL,
        sharing_consent_at=now,
        published_at=now,
        is_exemplar=True,
        exemplar_reason=text.exemplar_reason,
        source_kind="pasted",
        created_by=None,
    )
    jd.full_clean(exclude=["role_level", "created_by"])
    jd.save()
    sections = [
        SectionInput(kind, SECTION_LABELS[kind], section_text)
        for kind, section_text in text.sections
    ]
    # The library's own helpers, so sections, word count and the search index are written
    # exactly as for any other JD.
    services._write_sections(jd, sections)
    jd.save(update_fields=["word_count"])
    services._reindex(jd, sections)
    jd_health_check(jd=jd)
    JDVersion.objects.create(
        job_description=jd, number=1, author=None, summary="Created", snapshot=snapshot(jd)
    )
    audit_record(
        actor=None,
        action="jd.exemplar_loaded",
        target=jd,
        organisation=organisation,
        summary=f"Civic Talent added its own exemplar job description {jd.title!r}",
    )
    return jd


def exemplars_load() -> list[JobDescription]:
    """Add the exemplar JDs the project wrote for emerging roles, owned by LOTI. Idempotent:
    an exemplar LOTI already has (by title) is left alone. Returns the ones created."""
    organisation = Organisation.objects.filter(slug="loti").first()
    if organisation is None:
        raise ValidationError(
            "LOTI is not in the organisations list, so the exemplars have no owner. Load the "
            "London organisations first (they are added by the database migrations)."
        )
    created: list[JobDescription] = []
    with transaction.atomic():
        existing = set(
            JobDescription.objects.filter(organisation=organisation).values_list("title", flat=True)
        )
        for text in EMERGING_ROLE_EXEMPLARS:
            if text.title not in existing:
                created.append(_exemplar_create(organisation, text))
    return created


@dataclass(frozen=True)
class ExemplarText:
    title: str
    role_level: str
    pay_text: str
    annual_min_pence: int
    annual_max_pence: int
    working_pattern: str
    location: str
    exemplar_reason: str
    sections: tuple[tuple[str, str], ...]


_ILLUSTRATIVE_ABOUT = (
    "This is an exemplar written by LOTI for London councils to adapt. Replace this section with "
    "a few honest sentences about your council: who you serve, what the team is working on and "
    "why it matters to residents.\n\n"
    "For example: we are a London borough of around 280,000 residents. Our data team of twelve "
    "works with every service, from housing repairs to adult social care, to make decisions "
    "with better evidence and to explain those decisions openly."
)

_SHARED_BENEFITS = (
    "- 27 days' annual leave plus bank holidays, rising to 32 days with service\n"
    "- Membership of the Local Government Pension Scheme, with a generous employer contribution\n"
    "- Hybrid working, flexible hours, part-time work and job shares are all welcome\n"
    "- A personal learning budget and protected time to learn, including conferences and "
    "communities of practice across London\n"
    "- Staff networks, an employee assistance programme and support for carers and parents\n\n"
    "The figures here are illustrative: replace them with your council's own offer."
)

_SALARY_NOTE = "(illustrative: set yours from your council's pay scale)"

EMERGING_ROLE_EXEMPLARS: tuple[ExemplarText, ...] = (
    ExemplarText(
        title="Data Ethicist",
        role_level="Data ethics lead",
        pay_text=f"£52,000 to £60,000 a year including London weighting {_SALARY_NOTE}",
        annual_min_pence=5_200_000,
        annual_max_pence=6_000_000,
        working_pattern="Full time, 36 hours a week; part time or a job share considered",
        location="London, hybrid: about two days a month in the office",
        exemplar_reason=(
            "Written by LOTI as a model for an emerging role: plain English, outcomes rather "
            "than lists of tasks, a short set of essential criteria with no degree required, a "
            "clear salary and an accessible way to apply."
        ),
        sections=(
            (
                "purpose",
                "Help the council use data and artificial intelligence (AI) in ways that are "
                "fair, lawful and that residents would accept if we asked them.\n\n"
                "When the council uses data to make or support decisions about people, you make "
                "sure we have thought about who could be harmed, listened to the people "
                "affected, and can explain clearly what we did and why.",
            ),
            (
                "responsibilities",
                "In your first year, we want you to make these things true:\n\n"
                "- Teams planning a new use of data or AI get practical advice early, so ethical "
                "risks are found before money is spent rather than after launch.\n"
                "- The council has a working data ethics review: projects know when and how to "
                "ask for one, and its conclusions are published in plain English.\n"
                "- Every tool that helps make decisions about residents has a record of who it "
                "could affect, how it was tested for unfair outcomes, and who is accountable "
                "for it.\n"
                "- Ethics reviews, data protection impact assessments and equality impact "
                "assessments support each other instead of repeating each other, because you "
                "work closely with information governance, legal and equalities colleagues.\n"
                "- Residents, including those who are seldom heard, have a real say in how "
                "their data is used, through panels, workshops or other methods you help "
                "choose.\n"
                "- Staff across the council understand the basics of using data responsibly, "
                "through short training and guidance you write and keep up to date.\n"
                "- What works is shared with other London boroughs through LOTI, so each "
                "council does not solve the same problem on its own.",
            ),
            (
                "essential",
                "- Experience of helping an organisation think through the ethical, social or "
                "equality effects of a technology, policy or service, and of turning that "
                "thinking into practical changes\n"
                "- Enough understanding of how data and AI systems are built and used to ask "
                "good questions of data scientists and suppliers (you do not need to write "
                "code)\n"
                "- Knowledge of the law that shapes how the public sector uses data, such as "
                "UK GDPR and the Equality Act 2010, or the ability to learn it quickly\n"
                "- Able to explain complicated ideas in plain English to residents, councillors "
                "and technical teams, in writing and in person\n"
                "- Able to challenge constructively and to build agreement between people who "
                "disagree",
            ),
            (
                "desirable",
                "- Experience of running deliberative or participatory engagement, such as a "
                "citizens' panel or a people's jury\n"
                "- Familiarity with public sector guidance on data and algorithms, such as the "
                "Data Ethics Framework or the Algorithmic Transparency Recording Standard\n"
                "- Experience of working in local government or another public service\n\n"
                "We do not ask for a degree. If you meet most of the essential criteria and this "
                "role excites you, we would like to hear from you.",
            ),
            ("about_council", _ILLUSTRATIVE_ABOUT),
            ("benefits", _SHARED_BENEFITS),
            (
                "how_to_apply",
                "Send us your CV and a supporting statement of no more than 1,000 words. Use "
                "examples to show how you meet each essential criterion; they can come from paid "
                "work, volunteering or your own projects.\n\n"
                "Shortlisted candidates will be invited to a 45-minute interview with three "
                "people, including someone from outside the data team. We will send you the "
                "questions and a short scenario to discuss two days before.\n\n"
                "If you need any adjustment to apply or to take part in the interview, or "
                "would like this pack in another format, tell us and we will arrange it. We "
                "are a Disability Confident employer: if you are disabled and meet the "
                "essential criteria, we will offer you an interview.",
            ),
        ),
    ),
    ExemplarText(
        title="Machine Learning Engineer",
        role_level="Senior machine learning engineer",
        pay_text=f"£58,000 to £68,000 a year including London weighting {_SALARY_NOTE}",
        annual_min_pence=5_800_000,
        annual_max_pence=6_800_000,
        working_pattern="Full time, 36 hours a week; part time or a job share considered",
        location="London, hybrid: about two days a month in the office",
        exemplar_reason=(
            "Written by LOTI as a model for an emerging role: it says what the engineer will "
            "achieve for residents, keeps essential criteria to skills the job truly needs, "
            "states the salary and avoids jargon and long lists of tools."
        ),
        sections=(
            (
                "purpose",
                "Take machine learning models from a promising experiment to a dependable "
                "service that council staff and residents can rely on.\n\n"
                "You make sure the models we use are tested, monitored, explainable and easy to "
                "switch off, so they help people make better decisions without creating new "
                "risks.",
            ),
            (
                "responsibilities",
                "In your first year, we want you to make these things true:\n\n"
                "- Models that prove their worth in an experiment reach live use through a "
                "repeatable, automated route, not by hand.\n"
                "- Every model in live use is monitored for accuracy, drift and unfair outcomes, "
                "and the right people are told quickly when something changes.\n"
                "- Each model has a plain English description of what it does, the data it "
                "learned from, its known limits and who is accountable for it.\n"
                "- Personal data used to train and run models is handled lawfully and securely, "
                "working with information governance and cyber security colleagues.\n"
                "- Data scientists and analysts can build on shared tools and templates, so new "
                "work starts from good practice rather than a blank page.\n"
                "- Decisions about buying AI products are better informed, because you help "
                "colleagues test suppliers' claims before the council signs a contract.\n"
                "- What the team learns is shared openly with other London councils through "
                "LOTI.",
            ),
            (
                "essential",
                "- Experience of putting machine learning models into live use and keeping them "
                "working well, including testing, deployment and monitoring\n"
                "- Good working knowledge of Python and of at least one common machine learning "
                "library\n"
                "- Experience of building automated pipelines, using version control, code "
                "review and continuous integration\n"
                "- An understanding of how models can fail or treat groups of people unfairly, "
                "and of practical ways to check for this\n"
                "- Able to explain technical choices and their risks to people who are not "
                "specialists",
            ),
            (
                "desirable",
                "- Experience of a cloud platform's machine learning services\n"
                "- Experience of working with language models, including evaluating their "
                "output\n"
                "- Experience of working with sensitive personal data in the public sector or "
                "another regulated setting\n\n"
                "We do not ask for a degree or for a list of years of experience. If you can "
                "show the essential skills through your work, study or own projects, please "
                "apply.",
            ),
            ("about_council", _ILLUSTRATIVE_ABOUT),
            ("benefits", _SHARED_BENEFITS),
            (
                "how_to_apply",
                "Send us your CV and a supporting statement of no more than 1,000 words. Use "
                "examples to show how you meet each essential criterion.\n\n"
                "Shortlisted candidates will be invited to a 60-minute interview that includes a "
                "conversation about a model you have built or looked after. There is no unpaid "
                "take-home test. We will send you the questions two days before.\n\n"
                "If you need any adjustment to apply or to take part in the interview, or "
                "would like this pack in another format, tell us and we will arrange it. We "
                "are a Disability Confident employer: if you are disabled and meet the "
                "essential criteria, we will offer you an interview.",
            ),
        ),
    ),
)
