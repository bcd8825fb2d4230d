"""A council's costed resourcing roadmap: pure Python (no Django).

From where the council stands (its maturity stage, its size, its on-costs and which capabilities
it already has) and the capability model, the plan lists what to build next, in order:

1. **Must have now**: capabilities a council at its stage should already have
   (``must_have_stage <= stage``) that it lacks: not covered first, then partly covered.
2. **Next stage**: capabilities that become a must-have at the next stage, not yet covered.
3. **Later** (optional): emerging capabilities not covered and not already in the plan.

Each capability lists the role levels that deliver it with their indicative full-time
equivalents (FTE) for the council's size, London's median advertised pay for each role level
and an annual cost: median pay x FTE x (1 + on-costs), in whole pence, computed exactly with
``Decimal`` and rounded half up (the project's one money rule, see core/money.py). A role level
whose London benchmark is hidden (too few salaries to show) has an unknown cost, never zero:
totals then say "at least" and how many roles are not costed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from civictalent.core.money import pounds_text

LOWEST_STAGE: Final = 1
HIGHEST_STAGE: Final = 5
NONE: Final = "none"
PARTLY: Final = "partly"
COVERED: Final = "covered"
COVERAGE_ORDER: Final = {NONE: 0, PARTLY: 1}
SIZES: Final = ("small", "medium", "large")
NOW: Final = "now"
NEXT: Final = "next"
LATER: Final = "later"
GROUP_TITLES: Final = {NOW: "Must have now", NEXT: "Next stage", LATER: "Later: emerging"}
NO_ASSESSMENT_NOTE: Final = (
    "Your council has no submitted assessment yet, so the plan starts from stage 1. Submit an "
    "assessment to plan from where you really are."
)


@dataclass(frozen=True)
class RoleInput:
    """A role level that delivers a capability, with its indicative FTE for each council size."""

    role_level_id: int
    name: str
    slug: str
    fte_by_size: Mapping[str, Decimal]

    def fte_for(self, size: str) -> Decimal:
        if size not in SIZES:
            raise ValueError(f"A council's size is small, medium or large, not {size!r}.")
        return self.fte_by_size.get(size, Decimal(0))


@dataclass(frozen=True)
class CapabilityInput:
    capability_id: int
    name: str
    slug: str
    domain: str
    must_have_stage: int
    is_emerging: bool = False
    staffing_is_illustrative: bool = True
    responsibilities: tuple[str, ...] = ()
    roles: tuple[RoleInput, ...] = ()


@dataclass(frozen=True)
class Total:
    """A sum of annual costs: what is known, and how many roles could not be costed."""

    known_pence: int = 0
    uncosted_roles: int = 0
    fte: Decimal = Decimal(0)

    @property
    def is_complete(self) -> bool:
        return self.uncosted_roles == 0

    @property
    def at_least(self) -> bool:
        """True when some roles have no cost: the total is a floor, not the whole cost."""
        return self.uncosted_roles > 0

    @property
    def text(self) -> str:
        """The total in words: "£84,500", or "at least £84,500 (2 roles not costed)"."""
        if self.is_complete:
            return pounds_text(self.known_pence)
        roles = "1 role" if self.uncosted_roles == 1 else f"{self.uncosted_roles} roles"
        if self.known_pence == 0:
            # "At least £0" says nothing: say why there is no figure instead.
            return f"not costed (London pay hidden for {roles})"
        return f"at least {pounds_text(self.known_pence)} ({roles} not costed)"

    @property
    def fte_text(self) -> str:
        return fte_text(self.fte)

    def __add__(self, other: Total) -> Total:
        return Total(
            known_pence=self.known_pence + other.known_pence,
            uncosted_roles=self.uncosted_roles + other.uncosted_roles,
            fte=self.fte + other.fte,
        )


def fte_text(fte: Decimal) -> str:
    """An FTE as people write it: 1, 0.5, 2.5 (no trailing zeros)."""
    text = f"{Decimal(fte).normalize():f}"
    return text


@dataclass(frozen=True)
class RolePlan:
    role: RoleInput
    fte: Decimal
    median_pence: int | None  # London's median advertised pay; None when hidden or missing
    annual_cost_pence: int | None  # None when the median is hidden: unknown, not zero

    @property
    def pay_hidden(self) -> bool:
        return self.median_pence is None

    @property
    def fte_text(self) -> str:
        return fte_text(self.fte)

    @property
    def cost_text(self) -> str:
        if self.annual_cost_pence is None:
            return "Not costed: London pay hidden"
        return pounds_text(self.annual_cost_pence)

    @property
    def total(self) -> Total:
        if self.annual_cost_pence is None:
            return Total(uncosted_roles=1, fte=self.fte)
        return Total(known_pence=self.annual_cost_pence, fte=self.fte)


@dataclass(frozen=True)
class CapabilityPlan:
    capability: CapabilityInput
    coverage: str  # "none" or "partly"
    roles: tuple[RolePlan, ...]

    @property
    def total(self) -> Total:
        return sum((role.total for role in self.roles), Total())


@dataclass(frozen=True)
class PlanGroup:
    key: str
    title: str
    items: tuple[CapabilityPlan, ...]

    @property
    def total(self) -> Total:
        return sum((item.total for item in self.items), Total())


@dataclass(frozen=True)
class Plan:
    stage: int
    stage_assessed: bool  # False when no submitted assessment: stage 1 is assumed
    size: str
    on_costs_percent: Decimal
    groups: tuple[PlanGroup, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def total(self) -> Total:
        return sum((group.total for group in self.groups), Total())

    @property
    def items(self) -> tuple[CapabilityPlan, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def is_empty(self) -> bool:
        return not self.items


def annual_cost_pence(median_pence: int, fte: Decimal, on_costs_percent: Decimal) -> int:
    """median pay x FTE x (1 + on-costs / 100), to the nearest penny, an exact half up.

    Exact: ``Decimal`` arithmetic at the precision the inputs need (a median in pence, an FTE
    and a percentage to one decimal place give at most a few dozen digits)."""
    if isinstance(median_pence, bool) or not isinstance(median_pence, int):
        raise TypeError(f"pay is whole pence (an int), not {median_pence!r}")
    if median_pence < 0 or fte < 0 or on_costs_percent < 0:
        raise ValueError("Pay, FTE and on-costs cannot be negative.")
    exact = (
        Decimal(median_pence) * Decimal(fte) * (Decimal(100) + Decimal(on_costs_percent))
    ) / Decimal(100)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def stage_from(overall_level: int | None) -> tuple[int, bool]:
    """The stage to plan from, and whether it was assessed (stage 1 when nothing was)."""
    if overall_level is None:
        return LOWEST_STAGE, False
    if not LOWEST_STAGE <= overall_level <= HIGHEST_STAGE:
        raise ValueError(f"A maturity stage is from 1 to 5, not {overall_level}.")
    return overall_level, True


def _role_plans(
    capability: CapabilityInput,
    *,
    size: str,
    on_costs_percent: Decimal,
    medians: Mapping[int, int | None],
) -> tuple[RolePlan, ...]:
    plans = []
    for role in capability.roles:
        fte = role.fte_for(size)
        if fte == 0:
            continue  # not a role a council of this size needs for the capability
        median = medians.get(role.role_level_id)
        cost = None if median is None else annual_cost_pence(median, fte, on_costs_percent)
        plans.append(RolePlan(role=role, fte=fte, median_pence=median, annual_cost_pence=cost))
    return tuple(plans)


def build_plan(
    *,
    overall_level: int | None,
    size: str,
    on_costs_percent: Decimal,
    coverage: Mapping[int, str],
    capabilities: Sequence[CapabilityInput],
    london_median_pence: Mapping[int, int | None],
    include_later: bool = True,
) -> Plan:
    """The prioritised plan (see the module's docstring). ``coverage`` maps a capability id to
    "none", "partly" or "covered" (a capability not in it is not covered);
    ``london_median_pence`` maps a role level id to its London median (None, or absent, when
    hidden). Capabilities keep their given order within a priority."""
    stage, assessed = stage_from(overall_level)
    if not Decimal(0) <= on_costs_percent <= Decimal(100):
        raise ValueError("On-costs are a percentage from 0 to 100.")
    if size not in SIZES:
        raise ValueError(f"A council's size is small, medium or large, not {size!r}.")

    def status_of(capability: CapabilityInput) -> str:
        status = coverage.get(capability.capability_id, NONE)
        return status if status in (NONE, PARTLY, COVERED) else NONE

    lacking = [
        (position, capability)
        for position, capability in enumerate(capabilities)
        if status_of(capability) != COVERED
    ]

    def plans(
        chosen: list[tuple[int, CapabilityInput]], by_stage: bool
    ) -> tuple[CapabilityPlan, ...]:
        ordered = sorted(
            chosen,
            key=lambda pair: (
                COVERAGE_ORDER[status_of(pair[1])],
                pair[1].must_have_stage if by_stage else 0,
                pair[0],
            ),
        )
        return tuple(
            CapabilityPlan(
                capability=capability,
                coverage=status_of(capability),
                roles=_role_plans(
                    capability,
                    size=size,
                    on_costs_percent=on_costs_percent,
                    medians=london_median_pence,
                ),
            )
            for _, capability in ordered
        )

    now = [pair for pair in lacking if pair[1].must_have_stage <= stage]
    following = [pair for pair in lacking if pair[1].must_have_stage == stage + 1]
    groups = [
        PlanGroup(NOW, GROUP_TITLES[NOW], plans(now, by_stage=True)),
        PlanGroup(NEXT, GROUP_TITLES[NEXT], plans(following, by_stage=False)),
    ]
    if include_later:
        planned = {capability.capability_id for _, capability in now + following}
        later = [
            pair for pair in lacking if pair[1].is_emerging and pair[1].capability_id not in planned
        ]
        groups.append(PlanGroup(LATER, GROUP_TITLES[LATER], plans(later, by_stage=True)))
    notes = () if assessed else (NO_ASSESSMENT_NOTE,)
    return Plan(
        stage=stage,
        stage_assessed=assessed,
        size=size,
        on_costs_percent=on_costs_percent,
        groups=tuple(groups),
        notes=notes,
    )
