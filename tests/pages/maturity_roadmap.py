"""Pages of the maturity app's roadmap part for the permission walker and the query budgets (see
__init__.py): a council's roadmap and investment case (its members and platform admins), its
profile, coverage and actions (its editors and admins), and the public team structures."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import PUBLIC, matrix

COUNCIL_A_READERS = matrix("ok", anonymous="login", member_b="deny")
COUNCIL_A_PLANNERS = matrix("deny", anonymous="login", editor_a="ok", admin_a="ok")

EXPECTED: dict[str, dict[str, str]] = {
    "maturity:roadmap": COUNCIL_A_READERS,
    "maturity:investment_case": COUNCIL_A_READERS,
    "maturity:profile": COUNCIL_A_PLANNERS,
    "maturity:coverage": COUNCIL_A_PLANNERS,
    "maturity:action_add": COUNCIL_A_PLANNERS,
    "maturity:action_edit": COUNCIL_A_PLANNERS,
    "maturity:team_structures": PUBLIC,
}
# Measured with build_page_data's rows, plus one: the roadmap reads its assessment,
# profile, coverage, capabilities and their roles, benchmarks, exemplars and actions in a query
# each, however many there are.
BUDGETS: dict[str, int] = {
    "maturity:roadmap": 14,
    "maturity:investment_case": 16,
    "maturity:profile": 7,
    "maturity:coverage": 8,
    "maturity:action_add": 7,
    "maturity:action_edit": 8,
    "maturity:team_structures": 8,
}


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    if name == "maturity:team_structures":
        return {}
    if name == "maturity:action_edit":
        from civictalent.maturity.models import RoadmapAction
        from civictalent.organisations.models import Organisation

        action = RoadmapAction.objects.create(
            organisation=Organisation.objects.get(slug="hackney"),
            title="Recruit a data governance lead",
            owner="Chief data officer",
        )
        return {"slug": "hackney", "pk": action.pk}
    return {"slug": "hackney"}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """A dozen capabilities with roles, benchmarks (shown and hidden), exemplars, assessments,
    coverage, profiles and actions, so a query per row would show."""
    from civictalent.maturity.models import (
        CapabilityCoverage,
        CouncilProfile,
        Coverage,
        RoadmapAction,
        TeamStructure,
    )
    from civictalent.maturity.tests.factories_roadmap import (
        make_benchmark,
        make_capability,
        make_exemplar,
        make_maturity_model,
        make_submitted_assessment,
        role_levels,
    )
    from civictalent.organisations.models import Organisation

    hackney = Organisation.objects.get(slug="hackney")
    levels = role_levels(8)
    capabilities = [
        make_capability(
            f"Capability {number}",
            stage=1 + number % 3,
            roles=[
                (levels[number % 8], "0.5", "1", "2"),
                (levels[(number + 3) % 8], "1", "1", "1"),
            ],
            emerging=number % 5 == 0,
        )
        for number in range(12)
    ]
    for number, level in enumerate(levels):
        make_benchmark(level, None if number % 4 == 0 else 3_500_000 + number * 250_000)
        make_exemplar(hackney, level, title=f"Exemplar {number}")
    CapabilityCoverage.objects.bulk_create(
        CapabilityCoverage(organisation=hackney, capability=capability, status=Coverage.PARTLY)
        for capability in capabilities[::3]
    )
    model = make_maturity_model()
    councils = [
        hackney,
        *Organisation.objects.filter(kind="london_borough")
        .exclude(pk=hackney.pk)
        .order_by("pk")[:9],
    ]
    structures = list(TeamStructure)
    for number, council in enumerate(councils):
        make_submitted_assessment(
            council, level=1 + number % 4, model=model, topic_scores=["1.5", "2.5", "3.0"]
        )
        CouncilProfile.objects.get_or_create(
            organisation=council, defaults={"structure": structures[number % 3]}
        )
    RoadmapAction.objects.bulk_create(
        RoadmapAction(
            organisation=hackney,
            capability=capabilities[number],
            title=f"Action {number}",
            owner="Head of data",
        )
        for number in range(6)
    )
