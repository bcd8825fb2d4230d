"""The data generator: the same seed gives the same data, a second run continues the first."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from civictalent.accounts.models import User
from civictalent.core.generation.base import GENERATED_TAG
from civictalent.core.generation.runner import generate
from civictalent.core.generation.scales import SCALES
from civictalent.core.models import SearchDocument
from civictalent.jdlibrary.models import JobDescription
from civictalent.organisations.models import Membership, Organisation
from civictalent.salaries.models import SalaryObservation

AS_OF = datetime.date(2026, 6, 30)
SCALE = SCALES["test"]


def snapshot() -> dict[str, list[Any]]:
    """Everything generated, by natural keys (primary keys differ between runs)."""
    return {
        "councils": list(
            Organisation.objects.filter(slug__startswith="generated-")
            .order_by("slug")
            .values_list("slug", "name", "gss_code", "kind")
        ),
        "users": list(
            Membership.objects.filter(user__email__startswith=f"{GENERATED_TAG}.")
            .order_by("user__email")
            .values_list("user__email", "user__display_name", "organisation__slug", "role")
        ),
        "jds": [
            (
                jd.source_filename,
                jd.organisation.slug,
                jd.title,
                jd.pay_text,
                jd.annual_min_pence,
                jd.status,
                jd.visibility,
                jd.created_by.email if jd.created_by else None,
                [(s.kind, s.text) for s in jd.sections.all()],
            )
            for jd in JobDescription.objects.filter(source_kind=GENERATED_TAG)
            .select_related("organisation", "created_by")
            .prefetch_related("sections")
            .order_by("source_filename")
        ],
        "observations": list(
            SalaryObservation.objects.filter(source_ref__startswith=f"{GENERATED_TAG}-")
            .order_by("source_ref")
            .values_list(
                "source_ref",
                "organisation__slug",
                "role_level__slug",
                "annual_min_pence",
                "annual_max_pence",
                "observed_on",
            )
        ),
    }


def wipe() -> None:
    from civictalent.jobs.models import Vacancy

    vacancies = Vacancy.objects.filter(external_reference__startswith=f"{GENERATED_TAG}-")
    SearchDocument.objects.filter(
        kind="vacancy", object_id__in=list(vacancies.values_list("pk", flat=True))
    ).delete()
    vacancies.delete()
    ids = JobDescription.objects.filter(source_kind=GENERATED_TAG).values_list("pk", flat=True)
    SearchDocument.objects.filter(kind="jd", object_id__in=list(ids)).delete()
    JobDescription.objects.filter(source_kind=GENERATED_TAG).delete()
    SalaryObservation.objects.filter(source_ref__startswith=f"{GENERATED_TAG}-").delete()
    User.objects.filter(email__startswith=f"{GENERATED_TAG}.").delete()
    Organisation.objects.filter(slug__startswith="generated-").delete()


@pytest.mark.django_db
def test_the_test_scale_makes_what_it_promises() -> None:
    reports = {r.name: r for r in generate(scale=SCALE, seed=1, as_of=AS_OF)}

    data = snapshot()
    assert len(data["councils"]) == SCALE.extra_councils
    assert len(data["users"]) == SCALE.users
    assert len(data["jds"]) == SCALE.job_descriptions
    assert len(data["observations"]) == SCALE.salary_observations
    assert reports["job-descriptions"].added == SCALE.job_descriptions
    # Every JD has sections, a first version and a search document; shared ones have consent.
    jds = JobDescription.objects.filter(source_kind=GENERATED_TAG)
    assert all(len(jd[-1]) >= 6 for jd in data["jds"])
    assert SearchDocument.objects.filter(kind="jd", object_id__in=jds.values("pk")).count() == (
        SCALE.job_descriptions
    )
    assert not jds.filter(versions__isnull=True).exists()
    assert not jds.filter(visibility="members", sharing_consent_at__isnull=True).exists()
    assert all(jd[4] is not None and jd[4] > 0 for jd in data["jds"])
    assert all(code.startswith(("E", "W", "S", "N")) for _, _, code, _ in data["councils"])
    # Generated people cannot sign in with any password.
    assert not any(u.has_usable_password() for u in User.objects.filter(email__contains=".example"))


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_does_not() -> None:
    generate(scale=SCALE, seed=7, as_of=AS_OF)
    first = snapshot()
    wipe()
    generate(scale=SCALE, seed=7, as_of=AS_OF)
    assert snapshot() == first
    wipe()
    generate(scale=SCALE, seed=8, as_of=AS_OF)
    other = snapshot()
    assert other["jds"] != first["jds"]
    assert other["observations"] != first["observations"]


@pytest.mark.django_db
def test_an_interrupted_run_continues_to_the_same_data() -> None:
    generate(scale=SCALE, seed=3, as_of=AS_OF)
    whole = snapshot()
    wipe()

    # Stopped part-way through the JDs (and, in another run, the observations): earlier steps
    # finished, and the block of 1,000 items the JDs were in is only partly inserted.
    partial = replace(SCALE, job_descriptions=7, salary_observations=7)
    generate(scale=partial, seed=3, as_of=AS_OF)
    assert len(snapshot()["jds"]) == 7
    reports = {r.name: r for r in generate(scale=SCALE, seed=3, as_of=AS_OF)}

    assert reports["job-descriptions"].added == SCALE.job_descriptions - 7
    assert reports["salary-observations"].added == SCALE.salary_observations - 7
    assert snapshot() == whole


@pytest.mark.django_db
def test_the_command_runs_again_without_adding_anything() -> None:
    def run() -> dict[str, Any]:
        out = StringIO()
        call_command(
            "generate", "--scale", "test", "--seed", "2", "--as-of", "2026-06-30", "--json",
            stdout=out,
        )  # fmt: skip
        return json.loads(out.getvalue())

    first = run()
    second = run()

    added = {step["step"]: step["added"] for step in first["steps"]}
    assert added["users"] == SCALE.users
    assert all(step["added"] == 0 for step in second["steps"])
    assert added["vacancies"] == SCALE.planned["vacancies"]
    assert "vacancies" not in {step["step"] for step in first["planned"]}
