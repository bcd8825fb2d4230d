"""The pure roadmap: which capabilities come first, and what they cost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civictalent.maturity.roadmap import (
    NO_ASSESSMENT_NOTE,
    CapabilityInput,
    RoleInput,
    Total,
    annual_cost_pence,
    build_plan,
    fte_text,
)


def role(pk: int, small: str = "0.5", medium: str = "1", large: str = "2") -> RoleInput:
    return RoleInput(
        role_level_id=pk,
        name=f"Level {pk}",
        slug=f"level-{pk}",
        fte_by_size={"small": Decimal(small), "medium": Decimal(medium), "large": Decimal(large)},
    )


def capability(pk: int, stage: int, *roles: RoleInput, emerging: bool = False) -> CapabilityInput:
    return CapabilityInput(
        capability_id=pk,
        name=f"Capability {pk}",
        slug=f"capability-{pk}",
        domain="Data",
        must_have_stage=stage,
        is_emerging=emerging,
        roles=roles,
    )


def plan_for(capabilities: list[CapabilityInput], **overrides: object) -> object:
    arguments: dict[str, object] = {
        "overall_level": 2,
        "size": "medium",
        "on_costs_percent": Decimal(30),
        "coverage": {},
        "capabilities": capabilities,
        "london_median_pence": {},
    }
    arguments.update(overrides)
    return build_plan(**arguments)  # type: ignore[arg-type]


# --- Worked examples --------------------------------------------------------------------------


def test_a_worked_example_of_one_role() -> None:
    # £48,500 median, 1.5 FTE, 30% on-costs: 48,500 x 1.5 x 1.3 = £94,575.
    assert annual_cost_pence(4_850_000, Decimal("1.5"), Decimal(30)) == 9_457_500


def test_costs_round_half_up_to_the_penny() -> None:
    # 1p x 0.5 FTE x 1.0 = 0.5p: half rounds up to 1p (Python's round() would give 0).
    assert annual_cost_pence(1, Decimal("0.5"), Decimal(0)) == 1
    # 3p x 0.5 x 1.0 = 1.5p -> 2p; 5p x 0.5 x 1.0 = 2.5p -> 3p (not banker's 2p).
    assert annual_cost_pence(3, Decimal("0.5"), Decimal(0)) == 2
    assert annual_cost_pence(5, Decimal("0.5"), Decimal(0)) == 3
    # 1p x 0.1 x 1.3 = 0.13p -> 0p.
    assert annual_cost_pence(1, Decimal("0.1"), Decimal(30)) == 0


def test_negative_or_float_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        annual_cost_pence(100, Decimal("-1"), Decimal(30))
    with pytest.raises(TypeError):
        annual_cost_pence(100.0, Decimal(1), Decimal(30))  # type: ignore[arg-type]


def test_must_have_now_lists_not_covered_before_partly_covered_and_skips_covered() -> None:
    capabilities = [
        capability(1, 1, role(10)),
        capability(2, 2, role(11)),
        capability(3, 1, role(12)),
        capability(4, 3, role(13)),
        capability(5, 4, role(14)),
        capability(6, 5, role(15), emerging=True),
    ]
    plan = plan_for(capabilities, coverage={1: "partly", 2: "none", 3: "covered"})
    now, following, later = plan.groups  # type: ignore[attr-defined]
    assert [item.capability.capability_id for item in now.items] == [2, 1]
    assert [item.coverage for item in now.items] == ["none", "partly"]
    assert [item.capability.capability_id for item in following.items] == [4]
    assert [item.capability.capability_id for item in later.items] == [6]
    assert plan.stage == 2 and plan.stage_assessed and not plan.notes  # type: ignore[attr-defined]


def test_the_costs_of_a_small_plan_add_up() -> None:
    capabilities = [capability(1, 1, role(10), role(11, medium="0.5")), capability(2, 3, role(12))]
    medians = {10: 5_000_000, 11: 4_000_000, 12: 6_000_000}
    plan = plan_for(capabilities, london_median_pence=medians, on_costs_percent=Decimal("25"))
    now, following, _ = plan.groups  # type: ignore[attr-defined]
    # £50,000 x 1 x 1.25 = £62,500; £40,000 x 0.5 x 1.25 = £25,000.
    assert [r.annual_cost_pence for r in now.items[0].roles] == [6_250_000, 2_500_000]
    assert now.total == Total(known_pence=8_750_000, uncosted_roles=0, fte=Decimal("1.5"))
    assert following.total.known_pence == 7_500_000
    assert plan.total.text == "£162,500"  # type: ignore[attr-defined]


def test_a_hidden_benchmark_leaves_the_cost_unknown_and_the_total_a_floor() -> None:
    capabilities = [capability(1, 1, role(10), role(11))]
    plan = plan_for(capabilities, london_median_pence={10: 5_000_000, 11: None})
    item = plan.groups[0].items[0]  # type: ignore[attr-defined]
    assert item.roles[1].pay_hidden and item.roles[1].annual_cost_pence is None
    assert item.roles[1].cost_text.startswith("Not costed")
    assert plan.total.at_least and plan.total.uncosted_roles == 1  # type: ignore[attr-defined]
    assert plan.total.text == "at least £65,000 (1 role not costed)"  # type: ignore[attr-defined]


def test_no_assessment_plans_from_stage_one_with_a_note() -> None:
    plan = plan_for([capability(1, 1, role(10)), capability(2, 2, role(11))], overall_level=None)
    assert plan.stage == 1 and not plan.stage_assessed  # type: ignore[attr-defined]
    assert plan.notes == (NO_ASSESSMENT_NOTE,)  # type: ignore[attr-defined]
    assert [g.items[0].capability.capability_id for g in plan.groups[:2]] == [1, 2]  # type: ignore[attr-defined]


def test_the_council_size_chooses_the_fte() -> None:
    capabilities = [capability(1, 1, role(10, small="0.5", medium="1", large="2"))]
    for size, fte in (("small", "0.5"), ("medium", "1"), ("large", "2")):
        plan = plan_for(capabilities, size=size, london_median_pence={10: 100_000})
        assert plan.groups[0].items[0].roles[0].fte == Decimal(fte)  # type: ignore[attr-defined]


def test_stage_five_has_no_next_stage_and_bad_inputs_are_refused() -> None:
    plan = plan_for([capability(1, 5, role(10))], overall_level=5)
    assert [len(group.items) for group in plan.groups] == [1, 0, 0]  # type: ignore[attr-defined]
    with pytest.raises(ValueError):
        plan_for([], overall_level=6)
    with pytest.raises(ValueError):
        plan_for([], size="huge")
    with pytest.raises(ValueError):
        plan_for([], on_costs_percent=Decimal(101))


def test_fte_reads_as_people_write_it() -> None:
    assert [fte_text(Decimal(v)) for v in ("1.0", "0.5", "10", "2.50")] == ["1", "0.5", "10", "2.5"]


# --- Properties -------------------------------------------------------------------------------

pence = st.integers(min_value=0, max_value=50_000_000)
ftes = st.decimals(min_value=0, max_value=50, places=1)
on_costs = st.decimals(min_value=0, max_value=100, places=1)


@given(pence, ftes, on_costs)
def test_cost_is_the_exact_product_rounded_half_up(median: int, fte: Decimal, pct: Decimal) -> None:
    cost = annual_cost_pence(median, fte, pct)
    exact = Decimal(median) * fte * (100 + pct) / 100
    assert abs(Decimal(cost) - exact) <= Decimal("0.5")
    if exact - int(exact) == Decimal("0.5"):
        assert cost == int(exact) + 1


@given(pence, ftes, on_costs, on_costs)
def test_cost_never_falls_as_on_costs_rise(
    median: int, fte: Decimal, a: Decimal, b: Decimal
) -> None:
    low, high = sorted((a, b))
    assert annual_cost_pence(median, fte, low) <= annual_cost_pence(median, fte, high)


stages = st.integers(min_value=1, max_value=5)
statuses = st.sampled_from(["none", "partly", "covered"])


@st.composite
def models(draw: st.DrawFn) -> tuple[list[CapabilityInput], dict[int, str], dict[int, int | None]]:
    count = draw(st.integers(min_value=0, max_value=12))
    capabilities = []
    coverage = {}
    medians: dict[int, int | None] = {}
    for pk in range(1, count + 1):
        roles = tuple(role(pk * 10 + n) for n in range(draw(st.integers(0, 3))))
        for each in roles:
            medians[each.role_level_id] = draw(st.none() | pence)
        capabilities.append(capability(pk, draw(stages), *roles, emerging=draw(st.booleans())))
        coverage[pk] = draw(statuses)
    return capabilities, coverage, medians


@given(models(), st.none() | stages, on_costs, st.sampled_from(["small", "medium", "large"]))
def test_plan_properties(
    model: tuple[list[CapabilityInput], dict[int, str], dict[int, int | None]],
    level: int | None,
    pct: Decimal,
    size: str,
) -> None:
    capabilities, coverage, medians = model
    plan = build_plan(
        overall_level=level,
        size=size,
        on_costs_percent=pct,
        coverage=coverage,
        capabilities=capabilities,
        london_median_pence=medians,
    )
    stage = level or 1
    now, following, later = plan.groups
    ids = [item.capability.capability_id for item in plan.items]
    # Nothing covered is planned, nothing twice.
    assert len(ids) == len(set(ids))
    assert all(coverage[pk] != "covered" for pk in ids)
    # Every lacking must-have is in group 1; group 2 is exactly the next stage's.
    lacking = {c.capability_id for c in capabilities if coverage[c.capability_id] != "covered"}
    assert {i.capability.capability_id for i in now.items} == {
        c.capability_id
        for c in capabilities
        if c.capability_id in lacking and c.must_have_stage <= stage
    }
    assert all(i.capability.must_have_stage == stage + 1 for i in following.items)
    assert all(i.capability.is_emerging for i in later.items)
    # Not covered before partly covered within group 1.
    order = [0 if i.coverage == "none" else 1 for i in now.items]
    assert order == sorted(order)
    # Totals add up; unknown costs are counted, never zero.
    total = plan.total
    roles = [r for item in plan.items for r in item.roles]
    assert total.known_pence == sum(r.annual_cost_pence or 0 for r in roles)
    assert total.uncosted_roles == sum(1 for r in roles if r.annual_cost_pence is None)
    assert all(r.annual_cost_pence is not None or r.median_pence is None for r in roles)
    assert total.known_pence == sum(g.total.known_pence for g in plan.groups)


def test_a_role_a_council_of_its_size_does_not_need_is_left_out() -> None:
    # Seen in the roadmap's screenshot: a chief information security officer at 0 FTE for a
    # medium council was listed, costing £0.
    needed, not_at_this_size = role(1), role(2, medium="0")
    plan: object = plan_for(
        [capability(1, 1, needed, not_at_this_size)], london_median_pence={1: 4_000_000}
    )
    (item,) = plan.items  # type: ignore[attr-defined]
    assert [found.role.role_level_id for found in item.roles] == [1]


def test_a_total_with_no_known_cost_says_why_rather_than_at_least_nothing() -> None:
    # Seen in the screenshot too: "at least £0 (2 roles not costed)".
    assert Total(uncosted_roles=2, fte=Decimal(2)).text == (
        "not costed (London pay hidden for 2 roles)"
    )
    assert (
        Total(known_pence=100_000, uncosted_roles=1).text == "at least £1,000 (1 role not costed)"
    )
