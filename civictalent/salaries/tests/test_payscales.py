"""Pay scales: CSV parsing, all-or-nothing imports, grade resolution, and the pages."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.organisations.models import Organisation
from civictalent.salaries.models import GradeBand, GradeMap, PayScheme, PaySpine, SpinePoint
from civictalent.salaries.payscales import (
    DEMO_SCHEME_NAME,
    ILLUSTRATIVE_SOURCE,
    MAX_CSV_BYTES,
    PayScaleCSVError,
    current_pay_year,
    grade_map_import,
    normalise_grade,
    parse_grade_map_csv,
    parse_spine_csv,
    pay_spine_import,
    payscales_load_demo,
    resolve_grade,
    resolve_grade_explained,
    template_csv,
)

WARNING = "Illustrative figures: not real pay"

# Made-up figures: round numbers nobody could mistake for a real spine.
TEST_SPINE = b"point,annual_amount\n" + b"".join(
    f"{point},{10_000 + point * 1_000}.00\n".encode() for point in range(1, 21)
)
TEST_GRADES = b"grade,min_point,max_point\nSO1,5,8\nPrincipal Officer 4,10,13\nSc6,2,4\n"


def problems_of(error: PayScaleCSVError) -> list[str]:
    return [str(problem) for problem in error.problems]


def signed_in(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def import_test_spine(*, pay_year: str = "2025-26", data: bytes = TEST_SPINE) -> PaySpine:
    return pay_spine_import(
        scheme_code="test-spine",
        scheme_name="Test spine",
        pay_year=pay_year,
        zone="outer_london",
        data=data,
        is_illustrative=False,
        source="Made up for a test",
        imported_by=None,
    )


def import_test_grades(organisation: Organisation, *, valid_from: str = "2025-26") -> GradeMap:
    return grade_map_import(
        organisation=organisation,
        scheme_code="test-spine",
        valid_from=valid_from,
        zone="outer_london",
        data=TEST_GRADES,
        is_illustrative=False,
        imported_by=None,
    )


# --------------------------------------------------------------------------------------------
# Parsing (pure)


def test_a_spine_csv_allows_pounds_signs_and_thousands_commas() -> None:
    rows = parse_spine_csv('point,annual_amount\n12,"£27,269.00"\n3,20000\n'.encode())
    assert [(row.row, row.point, row.annual_pence) for row in rows] == [
        (3, 3, 2_000_000),
        (2, 12, 2_726_900),
    ]
    assert rows[1].annual_pounds == Decimal("27269.00")


def test_a_spine_csv_from_excel_with_a_byte_order_mark_and_blank_rows_is_read() -> None:
    data = "\ufeffPoint, Annual Amount\r\n1,100.50\r\n,\r\n\r\n2,200\r\n".encode()
    assert [row.point for row in parse_spine_csv(data)] == [1, 2]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"point,amount\n1,100\n", "Row 1: the column annual_amount is missing"),
        (b"grade,annual_amount\n1,100\n", "Row 1: the column point is missing"),
        (b"point,annual_amount\n1,100\n2.5,200\n", "Row 3: point '2.5' is not a whole number"),
        (b"point,annual_amount\n1,100\nten,200\n", "Row 3: point 'ten' is not a whole number"),
        (b"point,annual_amount\n1,lots\n", "Row 2: annual_amount 'lots' is not an amount of money"),
        (b"point,annual_amount\n1,1.234\n", "Row 2: annual_amount '1.234' is not an amount"),
        (b"point,annual_amount\n1,0\n", "Row 2: annual_amount must be more than"),
        (b"point,annual_amount\n1,100\n2,200\n1,300\n", "Row 4: point 1 is already on row 2"),
        (b"point,annual_amount\n", "The file has a header row but no figures"),
        (b"", "The file is empty"),
        (b"point,annual_amount\n1,\xa3100\n", "Row 2: the file is not UTF-8 text"),
    ],
)
def test_a_bad_spine_csv_says_which_row_and_what_is_wrong(data: bytes, expected: str) -> None:
    with pytest.raises(PayScaleCSVError) as caught:
        parse_spine_csv(data)
    assert any(expected in problem for problem in problems_of(caught.value)), problems_of(
        caught.value
    )


def test_every_problem_in_a_spine_csv_is_reported_at_once() -> None:
    with pytest.raises(PayScaleCSVError) as caught:
        parse_spine_csv(b"point,annual_amount\nx,100\n2,y\n3,300\n")
    assert problems_of(caught.value) == [
        "Row 2: point 'x' is not a whole number. Write it like 12.",
        "Row 3: annual_amount 'y' is not an amount of money. Write pounds and pence, like "
        "27269.00 or £27,269.00.",
    ]
    assert caught.value.row == 2
    assert isinstance(caught.value, ValidationError)


def test_a_csv_over_1_mb_or_2000_rows_is_refused() -> None:
    with pytest.raises(PayScaleCSVError, match="largest file we accept is 1 MB"):
        parse_spine_csv(b"point,annual_amount\n" + b" " * MAX_CSV_BYTES)
    many = b"point,annual_amount\n" + b"".join(f"{n % 900 + 1},1\n".encode() for n in range(2001))
    with pytest.raises(PayScaleCSVError) as caught:
        parse_spine_csv(many)
    assert problems_of(caught.value) == [
        "Row 2002: the file has more than 2,000 rows of figures, the most we accept. Split it "
        "or remove rows that are not figures."
    ]


def test_a_grade_map_csv_normalises_grades_like_the_salary_parser() -> None:
    bands = parse_grade_map_csv(
        b"grade,min_point,max_point\nPrincipal Officer 4,10,13\nSc6,2,4\nSO 1,5,8\n"
    )
    assert [(band.grade, band.min_point, band.max_point) for band in bands] == [
        ("Scale 6", 2, 4),
        ("SO1", 5, 8),
        ("PO4", 10, 13),
    ]
    assert bands[2].written_as == "Principal Officer 4" and bands[2].row == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"grade,min_point\nPO4,1\n", "Row 1: the column max_point is missing"),
        (b"grade,min_point,max_point\nPO4,9,3\n", "Row 2: min_point 9 is above max_point 3"),
        (b"grade,min_point,max_point\nPO4,1,2\npo 4,3,4\n", "Row 3: grade 'po 4' is PO4, which"),
        (b"grade,min_point,max_point\nPO4,1,2\nPO4,3,4\n", "Row 3: grade PO4 is already on row 2"),
        (b"grade,min_point,max_point\n,1,2\n", "Row 2: grade is empty"),
        (b"grade,min_point,max_point\nPO4,one,2\n", "Row 2: min_point 'one' is not a whole"),
    ],
)
def test_a_bad_grade_map_csv_says_which_row_and_what_is_wrong(data: bytes, expected: str) -> None:
    with pytest.raises(PayScaleCSVError) as caught:
        parse_grade_map_csv(data)
    assert any(expected in problem for problem in problems_of(caught.value)), problems_of(
        caught.value
    )


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("PO4", "PO4"),
        ("po4", "PO4"),
        ("Principal Officer 4", "PO4"),
        ("P.O. 4", "PO4"),
        ("Scale 6", "Scale 6"),
        ("Sc6", "Scale 6"),
        ("SC6", "Scale 6"),
        ("SO 1", "SO1"),
        ("PO4 - 6", "PO4-PO6"),
        ("SCP 29-32", "SCP 29-32"),
        ("Grade 7", "Grade 7"),
        ("lbg 12", "LBG12"),
        ("  ", ""),
    ],
)
def test_grades_are_normalised(written: str, normal: str) -> None:
    assert normalise_grade(written) == normal


def test_the_csv_templates_parse_and_are_clearly_made_up() -> None:
    spine = parse_spine_csv(template_csv("spine").encode())
    assert [row.annual_pence for row in spine] == [1_111_111, 2_222_222]
    bands = parse_grade_map_csv(template_csv("grade_map").encode())
    assert [band.grade for band in bands] == ["EXAMPLE1", "EXAMPLE2"]


# --------------------------------------------------------------------------------------------
# Imports


@pytest.mark.django_db
def test_a_spine_import_creates_the_scheme_stores_pence_and_is_audited(make_user) -> None:
    admin = make_user(platform_admin=True)
    spine = pay_spine_import(
        scheme_code="test-spine",
        scheme_name="Test spine",
        pay_year="2025-26",
        zone="inner_london",
        data='point,annual_amount\n1,"£10,000.50"\n2,11000\n'.encode(),
        is_illustrative=True,
        source="Made up for a test",
        imported_by=admin,
    )
    assert PayScheme.objects.get(code="test-spine").name == "Test spine"
    assert list(spine.points.values_list("point", "annual_pence")) == [
        (1, 1_000_050),
        (2, 1_100_000),
    ]
    assert spine.is_illustrative and spine.imported_by == admin
    event = AuditEvent.objects.get(action="pay_spine.imported")
    assert event.actor == admin and event.target_id == str(spine.pk)


@pytest.mark.django_db
def test_a_bad_row_leaves_the_previous_spine_untouched() -> None:
    spine = import_test_spine()
    before = list(spine.points.values_list("point", "annual_pence"))
    with pytest.raises(PayScaleCSVError, match="Row 3"):
        import_test_spine(data=b"point,annual_amount\n1,5\n2,oops\n")
    assert list(spine.points.values_list("point", "annual_pence")) == before
    assert AuditEvent.objects.filter(action="pay_spine.replaced").count() == 0


@pytest.mark.django_db
def test_a_new_import_replaces_the_points_of_that_spine_only() -> None:
    first = import_test_spine(pay_year="2024-25")
    second = import_test_spine()
    replaced = import_test_spine(data=b"point,annual_amount\n1,1\n2,2\n")
    assert replaced.pk == second.pk
    assert replaced.points.count() == 2
    assert first.points.count() == 20
    event = AuditEvent.objects.get(action="pay_spine.replaced")
    assert event.changes["points"] == [20, 2]


@pytest.mark.django_db
def test_an_import_checks_the_pay_year_zone_and_new_scheme_name() -> None:
    with pytest.raises(ValidationError, match="like 2025-26"):
        import_test_spine(pay_year="2025-27")
    with pytest.raises(ValidationError, match="not a pay zone"):
        pay_spine_import(
            scheme_code="test-spine",
            scheme_name="Test spine",
            pay_year="2025-26",
            zone="mars",
            data=TEST_SPINE,
            is_illustrative=False,
            source="",
            imported_by=None,
        )
    with pytest.raises(ValidationError, match="Give the new scheme a name"):
        pay_spine_import(
            scheme_code="nameless",
            scheme_name="",
            pay_year="2025-26",
            zone="outer_london",
            data=TEST_SPINE,
            is_illustrative=False,
            source="",
            imported_by=None,
        )
    assert not PayScheme.objects.exists()


@pytest.mark.django_db
def test_a_grade_map_import_is_all_or_nothing(council_b: Organisation) -> None:
    import_test_spine()
    grade_map = import_test_grades(council_b)
    assert sorted(grade_map.bands.values_list("grade", flat=True)) == ["PO4", "SO1", "Scale 6"]
    with pytest.raises(PayScaleCSVError, match="Row 3"):
        grade_map_import(
            organisation=council_b,
            scheme_code="test-spine",
            valid_from="2025-26",
            zone="outer_london",
            data=b"grade,min_point,max_point\nPO1,1,2\nPO2,5,4\n",
            is_illustrative=False,
            imported_by=None,
        )
    assert GradeBand.objects.filter(grade_map=grade_map).count() == 3
    assert AuditEvent.objects.get(action="grade_map.imported").organisation == council_b


@pytest.mark.django_db
def test_a_grade_map_needs_an_existing_scheme(council_b: Organisation) -> None:
    with pytest.raises(ValidationError, match="Import a spine for the scheme first"):
        import_test_grades(council_b)
    assert not GradeMap.objects.exists()


# --------------------------------------------------------------------------------------------
# Resolution


@pytest.mark.django_db
def test_po4_at_greenwich_resolves_to_a_pound_range(council_b: Organisation) -> None:
    import_test_spine()
    import_test_grades(council_b)
    result = resolve_grade(organisation=council_b, grade="PO4", pay_year="2025-26")
    assert result is not None
    assert (result.minimum, result.maximum) == (Decimal("20000.00"), Decimal("23000.00"))
    assert (result.min_point, result.max_point) == (10, 13)
    assert [point.point for point in result.points] == [10, 11, 12, 13]
    assert result.zone == "outer_london" and result.pay_year_used == "2025-26"
    assert not result.used_earlier_year and not result.is_illustrative
    assert result.range_display == "£20,000.00 to £23,000.00"
    same = resolve_grade(organisation=council_b, grade="Principal Officer 4", pay_year="2025-26")
    assert same == result


@pytest.mark.django_db
def test_a_missing_years_spine_falls_back_to_the_latest_earlier_year(
    council_b: Organisation,
) -> None:
    import_test_spine(pay_year="2024-25")
    import_test_spine(pay_year="2025-26", data=b"point,annual_amount\n10,1\n13,2\n")
    import_test_grades(council_b, valid_from="2024-25")
    result = resolve_grade(organisation=council_b, grade="PO4", pay_year="2026-27")
    assert result is not None
    assert result.pay_year_requested == "2026-27" and result.pay_year_used == "2025-26"
    assert result.used_earlier_year
    assert "There is no 2026-27 spine" in result.year_note
    older = resolve_grade(organisation=council_b, grade="PO4", pay_year="2024-25")
    assert older is not None and older.minimum == Decimal("20000.00")


@pytest.mark.django_db
def test_the_grade_map_valid_in_the_year_is_used(council_b: Organisation) -> None:
    import_test_spine()
    import_test_grades(council_b, valid_from="2024-25")
    grade_map_import(
        organisation=council_b,
        scheme_code="test-spine",
        valid_from="2026-27",
        zone="outer_london",
        data=b"grade,min_point,max_point\nPO4,1,2\n",
        is_illustrative=False,
        imported_by=None,
    )
    in_2025 = resolve_grade(organisation=council_b, grade="PO4", pay_year="2025-26")
    in_2026 = resolve_grade(organisation=council_b, grade="PO4", pay_year="2026-27")
    assert in_2025 is not None and in_2025.min_point == 10
    assert in_2026 is not None and in_2026.min_point == 1


@pytest.mark.django_db
def test_an_unknown_grade_or_council_without_a_map_resolves_to_none(
    council_a: Organisation, council_b: Organisation
) -> None:
    import_test_spine()
    import_test_grades(council_b)
    assert resolve_grade(organisation=council_b, grade="PO9", pay_year="2025-26") is None
    explained = resolve_grade_explained(organisation=council_b, grade="PO9", pay_year="2025-26")
    assert "has no grade PO9" in explained.reason and "PO4" in explained.reason
    assert resolve_grade(organisation=council_a, grade="PO4", pay_year="2025-26") is None
    assert (
        "Hackney has no grade map"
        in resolve_grade_explained(organisation=council_a, grade="PO4", pay_year="2025-26").reason
    )
    before_map = resolve_grade_explained(organisation=council_b, grade="PO4", pay_year="2023-24")
    assert before_map.result is None and "no grade map that applies in 2023-24" in before_map.reason


@pytest.mark.django_db
def test_a_band_beyond_the_spine_says_which_point_is_missing(council_b: Organisation) -> None:
    import_test_spine(data=b"point,annual_amount\n10,1\n11,2\n")
    import_test_grades(council_b)
    explained = resolve_grade_explained(organisation=council_b, grade="PO4", pay_year="2025-26")
    assert explained.result is None and "has no point 13" in explained.reason


# --------------------------------------------------------------------------------------------
# Illustrative demonstration data


@pytest.mark.django_db
def test_the_demo_is_illustrative_resolves_and_loads_once(
    council_a: Organisation, council_b: Organisation
) -> None:
    report = payscales_load_demo()
    assert (report.spines_loaded, report.grade_maps_loaded) == (2, 2)
    scheme = PayScheme.objects.get(name=DEMO_SCHEME_NAME)
    assert set(scheme.spines.values_list("zone", flat=True)) == {"inner_london", "outer_london"}
    assert all(spine.is_illustrative for spine in scheme.spines.all())
    assert all(spine.source == ILLUSTRATIVE_SOURCE for spine in scheme.spines.all())
    assert all(grade_map.is_illustrative for grade_map in GradeMap.objects.all())
    # Each demo map uses the spine of its council's own pay zone (both statutory Inner London).
    assert {(m.organisation.slug, m.zone) for m in GradeMap.objects.all()} == {
        (council_a.slug, council_a.pay_zone),
        (council_b.slug, council_b.pay_zone),
    }
    assert council_b.pay_zone == "inner_london"
    result = resolve_grade(organisation=council_b, grade="PO4", pay_year="2025-26")
    assert result is not None and result.is_illustrative
    assert result.minimum < result.maximum
    assert resolve_grade(organisation=council_a, grade="Scale 6", pay_year="2025-26") is not None

    counts = (SpinePoint.objects.count(), GradeBand.objects.count(), AuditEvent.objects.count())
    again = payscales_load_demo()
    assert (again.spines_loaded, again.grade_maps_loaded) == (0, 0)
    assert (
        SpinePoint.objects.count(),
        GradeBand.objects.count(),
        AuditEvent.objects.count(),
    ) == counts


def test_the_pay_year_runs_april_to_march() -> None:
    import datetime

    assert current_pay_year(datetime.date(2026, 3, 31)) == "2025-26"
    assert current_pay_year(datetime.date(2026, 4, 1)) == "2026-27"


# --------------------------------------------------------------------------------------------
# Pages


def csv_upload(data: bytes, name: str = "spine.csv", content_type: str = "text/csv"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def spine_form(**overrides: object) -> dict[str, object]:
    return {
        "scheme_code": "test-spine",
        "scheme_name": "Test spine",
        "pay_year": "2025-26",
        "zone": "outer_london",
        "source": "Made up for a test",
        "file": csv_upload(TEST_SPINE),
        **overrides,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["payscales_spine_import", "payscales_grade_map_import"], ids=["spine", "grade_map"]
)
def test_only_platform_admins_may_import(name: str, people: dict[str, User | None]) -> None:
    url = reverse(f"salaries:{name}")
    assert signed_in(people["anonymous"]).get(url).status_code == 302
    for role in ("member_a", "editor_a", "admin_a", "member_b"):
        assert signed_in(people[role]).get(url).status_code == 403, role
    assert signed_in(people["platform_admin"]).get(url).status_code == 200


@pytest.mark.django_db
def test_a_member_cannot_post_an_import(people: dict[str, User | None]) -> None:
    response = signed_in(people["admin_a"]).post(
        reverse("salaries:payscales_spine_import"), spine_form()
    )
    assert response.status_code == 403
    assert not PaySpine.objects.exists()


@pytest.mark.django_db
def test_a_platform_admin_imports_a_spine_and_a_grade_map_in_the_browser(
    people: dict[str, User | None], council_b: Organisation
) -> None:
    admin = signed_in(people["platform_admin"])
    response = admin.post(reverse("salaries:payscales_spine_import"), spine_form(), follow=True)
    page = response.content.decode()
    assert "Imported 20 spine points for Test spine 2025-26 (Outer London)" in page
    assert "£30,000.00" in page
    assert WARNING not in page

    response = admin.post(
        reverse("salaries:payscales_grade_map_import"),
        {
            "organisation": council_b.pk,
            "scheme": "test-spine",
            "valid_from": "2025-26",
            "zone": "outer_london",
            "is_illustrative": "on",
            "file": csv_upload(TEST_GRADES, "greenwich.csv", "application/vnd.ms-excel"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Imported 3 grades for Greenwich, from 2025-26" in page
    assert "PO4" in page and "£20,000.00" in page and "£23,000.00" in page
    assert WARNING in page


@pytest.mark.django_db
def test_a_bad_row_shows_in_the_error_summary_and_nothing_is_saved(
    people: dict[str, User | None],
) -> None:
    admin = signed_in(people["platform_admin"])
    response = admin.post(
        reverse("salaries:payscales_spine_import"),
        spine_form(file=csv_upload(b"point,annual_amount\n1,100\n1,200\n")),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Row 3: point 1 is already on row 2" in page
    assert not PayScheme.objects.exists() and not PaySpine.objects.exists()


@pytest.mark.django_db
def test_a_file_that_is_too_big_or_not_csv_is_refused_with_a_clear_message(
    people: dict[str, User | None],
) -> None:
    admin = signed_in(people["platform_admin"])
    url = reverse("salaries:payscales_spine_import")
    too_big = csv_upload(b"point,annual_amount\n" + b"1,100\n" * 200_000)
    page = admin.post(url, spine_form(file=too_big)).content.decode()
    assert "govuk-error-summary" in page
    assert "The file must be 1 MB or smaller" in page
    workbook = csv_upload(b"PK\x03\x04\x00\x00", "pay.xlsx", "application/vnd.ms-excel")
    page = admin.post(url, spine_form(file=workbook)).content.decode()
    assert "pay.xlsx is not a CSV file" in page
    disguised = csv_upload(b"PK\x03\x04\x00\x00", "pay.csv", "text/csv")
    page = admin.post(url, spine_form(file=disguised)).content.decode()
    assert "pay.csv is not a text file" in page
    assert not PaySpine.objects.exists()


@pytest.mark.django_db
def test_members_see_pay_scales_with_the_illustrative_warning(
    people: dict[str, User | None], council_b: Organisation
) -> None:
    payscales_load_demo()
    member = signed_in(people["member_a"])
    listing = member.get(reverse("salaries:payscales_list")).content.decode()
    assert WARNING in listing and DEMO_SCHEME_NAME in listing
    assert "Import a pay spine" not in listing
    spine = PaySpine.objects.get(zone="outer_london")
    assert (
        WARNING in member.get(reverse("salaries:payscales_spine", args=[spine.pk])).content.decode()
    )
    grade_map = GradeMap.objects.get(organisation=council_b)
    page = member.get(reverse("salaries:payscales_grade_map", args=[grade_map.pk])).content.decode()
    assert WARNING in page and "PO4" in page
    assert signed_in(None).get(reverse("salaries:payscales_list")).status_code == 302


@pytest.mark.django_db
def test_the_resolve_page_shows_a_range_or_a_reason(
    people: dict[str, User | None], council_b: Organisation
) -> None:
    payscales_load_demo()
    member = signed_in(people["member_b"])
    url = reverse("salaries:payscales_resolve")
    assert member.get(url).status_code == 200
    page = member.get(
        url, {"organisation": "greenwich", "grade": "po 4", "pay_year": "2026-27"}
    ).content.decode()
    result = resolve_grade(organisation=council_b, grade="PO4", pay_year="2026-27")
    assert result is not None
    assert result.range_display in page
    assert WARNING in page
    assert "There is no 2026-27 spine" in page
    page = member.get(
        url, {"organisation": "greenwich", "grade": "PO99", "pay_year": "2025-26"}
    ).content.decode()
    assert "We cannot work out this pay" in page and "has no grade PO99" in page
    page = member.get(
        url, {"organisation": "greenwich", "grade": "PO4", "pay_year": "2025"}
    ).content.decode()
    assert "govuk-error-summary" in page and "like 2025-26" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("payscales_spine_template", "point,annual_amount"),
        ("payscales_grade_map_template", "grade,min_point,max_point"),
    ],
)
def test_the_csv_templates_download(name: str, header: str, make_user: Callable[..., User]) -> None:
    response = signed_in(make_user()).get(reverse(f"salaries:{name}"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0] == header and len(lines) == 3
