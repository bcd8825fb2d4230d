"""The library's part of the demo data and the generator (see core/generation/base.py)."""

from __future__ import annotations

from civictalent.core.generation import words
from civictalent.core.generation.base import GENERATED_TAG, BatchStep, Context, DemoStep
from civictalent.core.generation.scales import Scale
from civictalent.core.models import SearchDocument
from civictalent.framework.seeding import levels
from civictalent.jdlibrary.curation import exemplars_load
from civictalent.jdlibrary.demo import demo_library_load
from civictalent.jdlibrary.models import JDSection, JDVersion, JobDescription
from civictalent.organisations.seeding import councils, members_by_council


def demo_exemplars_load() -> list[str]:
    exemplars = exemplars_load()
    return [f"{len(exemplars)} exemplar job descriptions"] if exemplars else []


class JobDescriptionsStep(BatchStep):
    name = "job-descriptions"
    description = "JDs with sections, a first version and a search document (92% published)"
    batch_size = 1_000
    after = ("framework", "users")

    def target(self, scale: Scale) -> int:
        return scale.job_descriptions

    def existing(self, context: Context) -> int:
        return JobDescription.objects.filter(source_kind=GENERATED_TAG).count()

    def make(self, context: Context, start: int, stop: int) -> int:
        roles, places, members = levels(context), councils(context), members_by_council(context)
        if not roles:
            raise RuntimeError("No role levels: the framework step must run first.")
        jds, contents = [], []
        for index, rng in context.items(self.name, start, stop):
            council = places[rng.randrange(len(places))]
            level = roles[rng.randrange(len(roles))]
            pay = words.pay(rng, rank=level.rank, london=council.london)
            sections = words.jd_sections(
                rng, title=level.name, family=level.family, council=council.short_name
            )
            published = rng.random() < 0.92
            shared = published and rng.random() < 0.85
            exemplar = shared and rng.random() < 0.01
            when = context.moment(rng, days_back=1095)
            contract = rng.choice(words.CONTRACTS)
            pattern = rng.choice(words.PATTERNS)
            authors = members.get(council.pk, [])
            author = authors[rng.randrange(len(authors))] if authors else None
            if index < 0:
                continue
            jds.append(
                JobDescription(
                    organisation_id=council.pk,
                    title=level.name,
                    role_level_id=level.pk,
                    grade=pay.grade,
                    pay_text=pay.text,
                    annual_min_pence=pay.annual_min_pence,
                    annual_max_pence=pay.annual_max_pence,
                    contract=contract,
                    working_pattern=pattern,
                    location=council.short_name,
                    status="published" if published else "draft",
                    visibility="members" if shared else "council",
                    licence="ogl-3.0" if shared else "",
                    sharing_consent_at=when if shared else None,
                    is_exemplar=exemplar,
                    exemplar_reason="Clear, inclusive and specific." if exemplar else "",
                    source_kind=GENERATED_TAG,
                    source_filename=f"{GENERATED_TAG}-{index}",
                    word_count=sum(len(text.split()) for _, _, text in sections),
                    created_by_id=author,
                    published_at=when if published else None,
                )
            )
            contents.append(sections)
        created = JobDescription.objects.bulk_create(jds)
        section_rows, versions, documents = [], [], []
        for jd, sections in zip(created, contents, strict=True):
            section_rows += [
                JDSection(job_description_id=jd.pk, position=n, kind=k, heading=h, text=t)
                for n, (k, h, t) in enumerate(sections, start=1)
            ]
            versions.append(
                JDVersion(
                    job_description_id=jd.pk,
                    number=1,
                    author_id=jd.created_by_id,
                    summary="Created",
                    snapshot={
                        "title": jd.title,
                        "grade": jd.grade,
                        "pay_text": jd.pay_text,
                        "contract": jd.contract,
                        "sections": [{"kind": k, "heading": h, "text": t} for k, h, t in sections],
                    },
                )
            )
            body = "\n".join(
                [jd.title, jd.grade, jd.pay_text, *(h + "\n" + t for _, h, t in sections)]
            )
            documents.append(SearchDocument(kind="jd", object_id=jd.pk, body=body))
        JDSection.objects.bulk_create(section_rows)
        JDVersion.objects.bulk_create(versions)
        SearchDocument.objects.bulk_create(documents)
        return len(created)


def demo_library() -> list[str]:
    made = demo_library_load()
    return [f"{made} demonstration job descriptions"] if made else []


DEMO_STEPS = (
    DemoStep("exemplars", demo_exemplars_load),
    DemoStep("library", demo_library, after=("people", "exemplars")),
)
GENERATION_STEPS = (JobDescriptionsStep(),)
