"""Illustrative spines and grade maps for the demonstration: made-up, round figures that every
page showing them labels as not real pay."""

from __future__ import annotations

from dataclasses import dataclass, field

from civictalent.core.vocabularies import PayZone
from civictalent.salaries.models import GradeMap, PayScheme, PaySpine

from .csv_files import parse_spine_csv
from .imports import grade_map_import, pay_spine_import

ILLUSTRATIVE_SOURCE = "Illustrative figures for the demonstration only: not real pay"
DEMO_SCHEME_CODE = "illustrative-demo"
DEMO_SCHEME_NAME = "Illustrative council spine (demo)"
DEMO_PAY_YEAR = "2025-26"


def _demo_spine_csv(zone: str) -> bytes:
    """Deliberately artificial round numbers so nobody can mistake them for real pay."""
    extra = 2_000 if zone == PayZone.INNER_LONDON else 0
    lines = ["point,annual_amount"]
    lines += [f"{point},{20_000 + 1_000 * (point - 1) + extra}.00" for point in range(1, 51)]
    return ("\n".join(lines) + "\n").encode()


def _demo_bands(shift: int) -> list[tuple[str, int, int]]:
    bands = [(f"Scale {n}", 2 * n - 1 + shift, 2 * n + 1 + shift) for n in range(1, 7)]
    bands += [("SO1", 14 + shift, 17 + shift), ("SO2", 17 + shift, 20 + shift)]
    bands += [(f"PO{n}", 20 + 3 * (n - 1) + shift, 23 + 3 * (n - 1) + shift) for n in range(1, 9)]
    return bands


# organisation slug -> shift of every band, in spine points. Each council's map uses the spine
# of its own pay zone (Organisation.pay_zone).
_DEMO_COUNCILS = {"hackney": 0, "greenwich": 1}


@dataclass
class DemoPayScalesReport:
    spines_loaded: int = 0
    grade_maps_loaded: int = 0
    skipped: list[str] = field(default_factory=list)


def payscales_load_demo() -> DemoPayScalesReport:
    """Illustrative spines and grade maps for Hackney and Greenwich. Idempotent.

    Every figure is made up and marked ``is_illustrative`` so pages warn that it is not real pay.
    """
    from civictalent.organisations.models import Organisation

    report = DemoPayScalesReport()
    for zone in (PayZone.OUTER_LONDON, PayZone.INNER_LONDON):
        data = _demo_spine_csv(zone)
        wanted = {row.point: row.annual_pence for row in parse_spine_csv(data)}
        existing = PaySpine.objects.filter(
            scheme__code=DEMO_SCHEME_CODE, pay_year=DEMO_PAY_YEAR, zone=zone
        ).first()
        if (
            existing is not None
            and existing.is_illustrative
            and existing.source == ILLUSTRATIVE_SOURCE
            and dict(existing.points.values_list("point", "annual_pence")) == wanted
        ):
            continue
        pay_spine_import(
            scheme_code=DEMO_SCHEME_CODE,
            scheme_name=DEMO_SCHEME_NAME,
            pay_year=DEMO_PAY_YEAR,
            zone=zone,
            data=data,
            is_illustrative=True,
            source=ILLUSTRATIVE_SOURCE,
            imported_by=None,
        )
        report.spines_loaded += 1
    PayScheme.objects.filter(code=DEMO_SCHEME_CODE, description="").update(
        description="Made-up figures to show how pay scales work. Not real pay."
    )

    for slug, shift in _DEMO_COUNCILS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            report.skipped.append(f"No organisation {slug!r}: its demo grade map was skipped.")
            continue
        zone = organisation.pay_zone
        bands = _demo_bands(shift)
        existing_map = GradeMap.objects.filter(
            organisation=organisation, scheme__code=DEMO_SCHEME_CODE, valid_from=DEMO_PAY_YEAR
        ).first()
        if (
            existing_map is not None
            and existing_map.is_illustrative
            and existing_map.zone == zone
            and sorted(existing_map.bands.values_list("grade", "min_point", "max_point"))
            == sorted(bands)
        ):
            continue
        csv_text = "grade,min_point,max_point\n" + "".join(
            f"{grade},{low},{high}\n" for grade, low, high in bands
        )
        grade_map_import(
            organisation=organisation,
            scheme_code=DEMO_SCHEME_CODE,
            valid_from=DEMO_PAY_YEAR,
            zone=zone,
            data=csv_text.encode(),
            is_illustrative=True,
            imported_by=None,
        )
        report.grade_maps_loaded += 1
    return report
