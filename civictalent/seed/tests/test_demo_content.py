"""A fresh demo shows what the platform is for: a full library, an active jobs board, salary
benchmarks with figures, a framework with skills, and LOTI's member councils marked."""

from __future__ import annotations

import pytest

from civictalent.framework.models import JobFamily, RoleLevel
from civictalent.jdlibrary.models import JDStatus, JDSuggestion, JobDescription
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import BenchmarkCell
from civictalent.salaries.selectors import council_against_london
from civictalent.seed.demo import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(london: None) -> None:
    demo_load()


def test_the_library_has_forty_jds_across_every_job_family(demo: None) -> None:
    published = JobDescription.objects.filter(status=JDStatus.PUBLISHED)
    assert published.count() >= 40
    families = set(published.values_list("role_level__role__family", flat=True))
    assert families == set(
        JobFamily.objects.filter(framework__is_default=True).values_list("pk", flat=True)
    )
    assert published.filter(is_exemplar=True).count() >= 4
    assert published.filter(version__gte=2).count() >= 3
    suggestions = list(JDSuggestion.objects.select_related("job_description", "author"))
    assert len(suggestions) >= 2
    for suggestion in suggestions:  # from people at another council
        assert suggestion.author is not None
        assert not suggestion.author.memberships.filter(
            organisation_id=suggestion.job_description.organisation_id
        ).exists()
    # Written through the services: each has a health score and a first version.
    assert not published.filter(health_score__isnull=True).exists()
    assert all(jd.versions.exists() for jd in published)


def test_the_board_has_25_open_vacancies_from_10_councils(demo: None) -> None:
    open_now = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED)
    assert open_now.count() >= 25
    assert open_now.values("organisation").distinct().count() >= 10


def test_benchmarks_show_figures_for_london_its_zones_and_a_council(demo: None) -> None:
    for geography in ("london", "inner_london", "outer_london"):
        shown = BenchmarkCell.objects.filter(
            subject__startswith="role_level:",
            geography=geography,
            period="last12",
            suppressed_reason="",
        )
        assert shown.count() >= 20, geography
        assert all(cell.stats["mid"]["p50"] > 0 for cell in shown)
    for family_cell in BenchmarkCell.objects.filter(
        subject__startswith="family:", geography="london", period="all"
    ):
        assert family_cell.suppressed_reason == ""
    rows = council_against_london(Organisation.objects.get(slug="hackney"))
    assert sum(1 for row in rows if not row["hidden_reason"]) >= 20


def test_every_role_level_has_skills_and_loti_members_are_marked(demo: None) -> None:
    assert not RoleLevel.objects.filter(
        framework__is_default=True, skill_needs__isnull=True
    ).exists()
    members = Organisation.objects.filter(is_loti_member=True)
    assert members.count() >= 20
    assert members.filter(slug="hackney").exists()
