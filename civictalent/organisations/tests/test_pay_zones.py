"""Each London authority carries its pay zone; everyone reads it from the organisation."""

from __future__ import annotations

import pytest

from civictalent.core.vocabularies import PayZone
from civictalent.organisations.london import LONDON_AUTHORITIES, LOTI, PAY_ZONE_BY_GSS_CODE
from civictalent.organisations.models import Organisation

# The London Government Act 1963's Inner London (the old County of London) and the City.
STATUTORY_INNER_LONDON = {
    "city-of-london",
    "camden",
    "greenwich",
    "hackney",
    "hammersmith-and-fulham",
    "islington",
    "kensington-and-chelsea",
    "lambeth",
    "lewisham",
    "southwark",
    "tower-hamlets",
    "wandsworth",
    "westminster",
}


def test_every_london_authority_carries_its_statutory_pay_zone() -> None:
    zones = {authority.slug: authority.pay_zone for authority in LONDON_AUTHORITIES}
    assert len(zones) == 33
    assert {slug for slug, zone in zones.items() if zone == PayZone.INNER_LONDON} == (
        STATUTORY_INNER_LONDON
    )
    assert {zone for slug, zone in zones.items() if slug not in STATUTORY_INNER_LONDON} == {
        PayZone.OUTER_LONDON
    }
    # Where the statistical definition differs, the statutory one is kept.
    assert (zones["greenwich"], zones["haringey"], zones["newham"]) == (
        PayZone.INNER_LONDON,
        PayZone.OUTER_LONDON,
        PayZone.OUTER_LONDON,
    )
    assert LOTI.pay_zone is None
    assert len(PAY_ZONE_BY_GSS_CODE) == 33


@pytest.mark.django_db
def test_an_organisation_reads_its_pay_zone_from_the_authorities_data() -> None:
    for authority in LONDON_AUTHORITIES:
        assert Organisation.objects.get(gss_code=authority.gss_code).pay_zone == (
            authority.pay_zone
        )
    assert Organisation.objects.get(slug="loti").pay_zone == PayZone.NATIONAL
    partner = Organisation(name="A partner", slug="a-partner", kind=Organisation.Kind.PARTNER)
    assert partner.pay_zone == PayZone.NATIONAL
    # A London borough the data does not know (no GSS code) is not one of the inner thirteen.
    unknown = Organisation(name="New", slug="new", kind=Organisation.Kind.LONDON_BOROUGH)
    assert unknown.pay_zone == PayZone.OUTER_LONDON
