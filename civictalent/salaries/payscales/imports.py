"""Imports of spines and grade maps: all or nothing, a spine's or a grade map's rows are
replaced in one transaction, and each import is recorded in the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from civictalent.core.audit import audit_record
from civictalent.salaries.models import GradeBand, GradeMap, PayScheme, PaySpine, SpinePoint

from .csv_files import parse_grade_map_csv, parse_spine_csv
from .years import check_pay_year, check_zone

if TYPE_CHECKING:
    from civictalent.accounts.models import User
    from civictalent.organisations.models import Organisation


@transaction.atomic
def pay_spine_import(
    *,
    scheme_code: str,
    scheme_name: str,
    pay_year: str,
    zone: str,
    data: bytes,
    is_illustrative: bool,
    source: str,
    imported_by: User | None,
) -> PaySpine:
    """Create or replace the spine of one scheme, pay year and zone. All or nothing.

    A new scheme needs a name; an existing scheme keeps its name.
    """
    scheme_code = scheme_code.strip().lower()
    try:
        validate_slug(scheme_code)
    except ValidationError:
        raise ValidationError(
            f"The scheme code {scheme_code or 'nothing'!r} must be letters, numbers and hyphens, "
            "like njc or greater-london."
        ) from None
    pay_year = check_pay_year(pay_year)
    zone = check_zone(zone)
    source = source.strip()
    if len(source) > 300:
        raise ValidationError("Describe the source in 300 characters or fewer.")
    rows = parse_spine_csv(data)

    scheme = PayScheme.objects.select_for_update().filter(code=scheme_code).first()
    scheme_created = scheme is None
    if scheme is None:
        if not scheme_name.strip():
            raise ValidationError(
                f"There is no scheme with the code {scheme_code}. Give the new scheme a name, "
                "like 'NJC pay spine'."
            )
        scheme = PayScheme(code=scheme_code, name=scheme_name.strip()[:150])
        scheme.full_clean()
        scheme.save()

    spine = (
        PaySpine.objects.select_for_update()
        .filter(scheme=scheme, pay_year=pay_year, zone=zone)
        .first()
    )
    created = spine is None
    old_points: dict[int, int] = {}
    old_state: dict[str, object] = {}
    if spine is None:
        spine = PaySpine(scheme=scheme, pay_year=pay_year, zone=zone)
    else:
        old_points = dict(spine.points.values_list("point", "annual_pence"))
        old_state = {"is_illustrative": spine.is_illustrative, "source": spine.source}
    spine.is_illustrative = is_illustrative
    spine.source = source
    spine.imported_by = imported_by
    spine.full_clean()
    spine.save()
    spine.points.all().delete()
    SpinePoint.objects.bulk_create(
        SpinePoint(spine=spine, point=row.point, annual_pence=row.annual_pence) for row in rows
    )

    new_points = {row.point: row.annual_pence for row in rows}
    changed = sorted(
        point
        for point in set(old_points) | set(new_points)
        if old_points.get(point) != new_points.get(point)
    )
    changes: dict[str, object] = {
        "points": [len(old_points), len(new_points)],
        "points_changed": changed[:100],
    }
    for name, old in old_state.items():
        new = getattr(spine, name)
        if old != new:
            changes[name] = [old, new]
    label = "illustrative " if is_illustrative else ""
    audit_record(
        actor=imported_by,
        action="pay_spine.imported" if created else "pay_spine.replaced",
        target=spine,
        summary=f"{imported_by.email if imported_by else 'The system'} imported the "
        f"{label}{scheme.name} spine for {pay_year} ({spine.get_zone_display()}): "
        f"{len(rows)} points{', new scheme' if scheme_created else ''}",
        changes=changes,
    )
    return spine


@transaction.atomic
def grade_map_import(
    *,
    organisation: Organisation,
    scheme_code: str,
    valid_from: str,
    zone: str,
    data: bytes,
    is_illustrative: bool,
    imported_by: User | None,
) -> GradeMap:
    """Create or replace a council's grade map for one scheme from one pay year. All or nothing."""
    valid_from = check_pay_year(valid_from, what="The first pay year")
    zone = check_zone(zone)
    scheme = PayScheme.objects.filter(code=scheme_code.strip().lower()).first()
    if scheme is None:
        raise ValidationError(
            f"There is no pay scheme with the code {scheme_code!r}. Import a spine for the "
            "scheme first."
        )
    bands = parse_grade_map_csv(data)

    grade_map = (
        GradeMap.objects.select_for_update()
        .filter(organisation=organisation, scheme=scheme, valid_from=valid_from)
        .first()
    )
    created = grade_map is None
    old_bands: dict[str, list[int]] = {}
    old_state: dict[str, object] = {}
    if grade_map is None:
        grade_map = GradeMap(organisation=organisation, scheme=scheme, valid_from=valid_from)
    else:
        old_bands = {
            grade: [low, high]
            for grade, low, high in grade_map.bands.values_list("grade", "min_point", "max_point")
        }
        old_state = {"zone": grade_map.zone, "is_illustrative": grade_map.is_illustrative}
    grade_map.zone = zone
    grade_map.is_illustrative = is_illustrative
    grade_map.full_clean()
    grade_map.save()
    grade_map.bands.all().delete()
    GradeBand.objects.bulk_create(
        GradeBand(
            grade_map=grade_map,
            grade=band.grade,
            min_point=band.min_point,
            max_point=band.max_point,
        )
        for band in bands
    )

    new_bands = {band.grade: [band.min_point, band.max_point] for band in bands}
    changes: dict[str, object] = {
        "bands": [len(old_bands), len(new_bands)],
        "grades_changed": sorted(
            grade
            for grade in set(old_bands) | set(new_bands)
            if old_bands.get(grade) != new_bands.get(grade)
        )[:100],
    }
    for name, old in old_state.items():
        new = getattr(grade_map, name)
        if old != new:
            changes[name] = [old, new]
    label = "illustrative " if is_illustrative else ""
    audit_record(
        actor=imported_by,
        action="grade_map.imported" if created else "grade_map.replaced",
        target=grade_map,
        organisation=organisation,
        summary=f"{imported_by.email if imported_by else 'The system'} imported the {label}"
        f"{organisation.short_name} grade map ({scheme.name}) from {valid_from}: "
        f"{len(bands)} grades",
        changes=changes,
    )
    return grade_map
