"""What a council grade pays in a pay year: its grade map's points on its scheme's spine, as a
pound range, or the reason there is none in words a person can act on."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from civictalent.core.money import pence_from_pounds, pounds_and_pence_text, pounds_from_pence
from civictalent.salaries.models import GradeBand, GradeMap, PaySpine

from .grades import normalise_grade
from .years import check_pay_year

if TYPE_CHECKING:
    from civictalent.organisations.models import Organisation


@dataclass(frozen=True)
class ResolvedPoint:
    point: int
    amount: Decimal

    @property
    def amount_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.amount))


@dataclass(frozen=True)
class ResolvedGrade:
    """A council grade as a pound range in one pay year."""

    organisation_name: str
    grade: str
    scheme_code: str
    scheme_name: str
    zone: str
    zone_label: str
    pay_year_requested: str
    pay_year_used: str
    grade_map_id: int
    grade_map_valid_from: str
    spine_id: int
    min_point: int
    max_point: int
    minimum: Decimal
    maximum: Decimal
    points: tuple[ResolvedPoint, ...]
    is_illustrative: bool
    source: str

    @property
    def used_earlier_year(self) -> bool:
        return self.pay_year_used != self.pay_year_requested

    @property
    def year_note(self) -> str:
        if not self.used_earlier_year:
            return ""
        return (
            f"There is no {self.pay_year_requested} spine for {self.scheme_name} "
            f"({self.zone_label}) yet, so these are the {self.pay_year_used} figures."
        )

    @property
    def minimum_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.minimum))

    @property
    def maximum_display(self) -> str:
        return pounds_and_pence_text(pence_from_pounds(self.maximum))

    @property
    def range_display(self) -> str:
        return f"{self.minimum_display} to {self.maximum_display}"


@dataclass(frozen=True)
class GradeResolution:
    """The result, or the reason there is none, in words a person can act on."""

    result: ResolvedGrade | None
    reason: str = ""
    grades_known: tuple[str, ...] = field(default_factory=tuple)


def _latest_maps(
    organisation: Organisation, pay_year: str, scheme_code: str | None
) -> list[GradeMap]:
    """For each scheme, the council's map valid in ``pay_year``: real maps before illustrative."""
    maps = GradeMap.objects.filter(organisation=organisation, valid_from__lte=pay_year)
    if scheme_code:
        maps = maps.filter(scheme__code=scheme_code)
    latest: dict[int, GradeMap] = {}
    for grade_map in maps.select_related("scheme", "organisation").order_by("-valid_from"):
        latest.setdefault(grade_map.scheme_id, grade_map)
    return sorted(latest.values(), key=lambda m: (m.is_illustrative, m.scheme.name))


def _spine_for(grade_map: GradeMap, pay_year: str) -> PaySpine | None:
    return (
        PaySpine.objects.filter(
            scheme_id=grade_map.scheme_id, zone=grade_map.zone, pay_year__lte=pay_year
        )
        .select_related("scheme")
        .order_by("-pay_year")
        .first()
    )


def _resolve_band(
    *,
    band: GradeBand,
    grade_map: GradeMap,
    spine: PaySpine,
    amounts: dict[int, int],
    pay_year: str,
) -> GradeResolution:
    missing = [point for point in (band.min_point, band.max_point) if point not in amounts]
    if missing:
        absent = " and ".join(str(point) for point in missing)
        noun = "point" if len(missing) == 1 else "points"
        return GradeResolution(
            None,
            f"{band.grade} at {grade_map.organisation.short_name} is spine points "
            f"{band.min_point} to {band.max_point}, but the {spine} has no {noun} {absent}. "
            "Import a complete spine.",
        )
    points = tuple(
        ResolvedPoint(point, pounds_from_pence(pence))
        for point, pence in sorted(amounts.items())
        if band.min_point <= point <= band.max_point
    )
    return GradeResolution(
        ResolvedGrade(
            organisation_name=grade_map.organisation.short_name,
            grade=band.grade,
            scheme_code=spine.scheme.code,
            scheme_name=spine.scheme.name,
            zone=spine.zone,
            zone_label=spine.get_zone_display(),
            pay_year_requested=pay_year,
            pay_year_used=spine.pay_year,
            grade_map_id=grade_map.pk,
            grade_map_valid_from=grade_map.valid_from,
            spine_id=spine.pk,
            min_point=band.min_point,
            max_point=band.max_point,
            minimum=pounds_from_pence(amounts[band.min_point]),
            maximum=pounds_from_pence(amounts[band.max_point]),
            points=points,
            is_illustrative=spine.is_illustrative or grade_map.is_illustrative,
            source=spine.source,
        )
    )


def resolve_grade_explained(
    *, organisation: Organisation, grade: str, pay_year: str, scheme_code: str | None = None
) -> GradeResolution:
    """Like :func:`resolve_grade`, with the reason when there is no answer."""
    wanted = normalise_grade(grade)
    if not wanted:
        return GradeResolution(None, "Enter a grade, like PO4.")
    try:
        pay_year = check_pay_year(pay_year)
    except ValidationError as error:
        return GradeResolution(None, " ".join(error.messages))
    name = organisation.short_name
    maps = _latest_maps(organisation, pay_year, scheme_code)
    if not maps:
        return GradeResolution(
            None,
            f"{name} has no grade map that applies in {pay_year}. A platform admin can import "
            "one from the council's pay policy.",
        )
    known: list[str] = []
    for grade_map in maps:
        bands = list(grade_map.bands.all())
        band = next((b for b in bands if b.grade.upper() == wanted.upper()), None)
        if band is None:
            known.extend(b.grade for b in bands if b.grade not in known)
            continue
        spine = _spine_for(grade_map, pay_year)
        if spine is None:
            return GradeResolution(
                None,
                f"{band.grade} at {name} is spine points {band.min_point} to {band.max_point} "
                f"of {grade_map.scheme.name}, but there is no {grade_map.get_zone_display()} "
                f"spine of that scheme for {pay_year} or an earlier year.",
            )
        amounts = dict(
            spine.points.filter(point__gte=band.min_point, point__lte=band.max_point).values_list(
                "point", "annual_pence"
            )
        )
        return _resolve_band(
            band=band, grade_map=grade_map, spine=spine, amounts=amounts, pay_year=pay_year
        )
    listed = ", ".join(known[:40]) or "none"
    return GradeResolution(
        None,
        f"{name}'s grade map for {pay_year} has no grade {wanted}. Its grades are: {listed}.",
        tuple(known),
    )


def resolve_grade(
    *, organisation: Organisation, grade: str, pay_year: str, scheme_code: str | None = None
) -> ResolvedGrade | None:
    """The pound range of a council grade in a pay year, or None if it cannot be worked out.

    Uses the council's grade map valid in that year (the latest ``valid_from`` not after it;
    a real map before an illustrative one) and the spine of the map's scheme and zone for that
    year. If that year's spine is not imported yet, the latest earlier year's is used and the
    result says so (``used_earlier_year``).
    """
    return resolve_grade_explained(
        organisation=organisation, grade=grade, pay_year=pay_year, scheme_code=scheme_code
    ).result


@dataclass(frozen=True)
class BandRow:
    band: GradeBand
    resolution: GradeResolution


def grade_map_bands_resolved(*, grade_map: GradeMap, pay_year: str | None = None) -> list[BandRow]:
    """Every band of a map with its pound range (in ``pay_year``, by default the map's first)."""
    pay_year = pay_year or grade_map.valid_from
    spine = _spine_for(grade_map, pay_year)
    bands = list(grade_map.bands.all())
    if spine is None:
        reason = (
            f"No {grade_map.get_zone_display()} spine of {grade_map.scheme.name} for {pay_year} "
            "or an earlier year."
        )
        return [BandRow(band, GradeResolution(None, reason)) for band in bands]
    amounts = dict(spine.points.values_list("point", "annual_pence"))
    return [
        BandRow(
            band,
            _resolve_band(
                band=band, grade_map=grade_map, spine=spine, amounts=amounts, pay_year=pay_year
            ),
        )
        for band in bands
    ]
