"""The 33 London local authorities with their ONS GSS codes, and LOTI. Public facts.

Email domains are where each authority's staff addresses end; platform admins can change them
(and whether a council is a LOTI member) in the service, so this list is only the starting point.

Each authority's pay zone is Inner or Outer London by the statutory definition, the London
Government Act 1963: Inner London is the twelve boroughs that were the County of London (Camden,
Greenwich, Hackney, Hammersmith and Fulham, Islington, Kensington and Chelsea, Lambeth, Lewisham,
Southwark, Tower Hamlets, Wandsworth, Westminster) and the City of London, which is usually
counted with them; the other twenty boroughs are Outer London. It is the definition
docs/salaries.md documents and the one salary observations have always been recorded with. The
Office for National Statistics draws another line for statistics (Haringey and Newham inner,
Greenwich outer); it is not used here. An organisation reads its zone from this list through
``Organisation.pay_zone``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from civictalent.core.vocabularies import PayZone


class SeedOrganisation(NamedTuple):
    gss_code: str | None
    name: str
    short_name: str
    slug: str
    kind: str
    domains: tuple[str, ...]
    # Only for the London authorities: see the module's docstring.
    pay_zone: PayZone | None = None


LONDON_BOROUGH = "london_borough"

LONDON_AUTHORITIES: tuple[SeedOrganisation, ...] = (
    SeedOrganisation(
        "E09000001",
        "City of London Corporation",
        "City of London",
        "city-of-london",
        "city_of_london",
        ("cityoflondon.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000002",
        "London Borough of Barking and Dagenham",
        "Barking and Dagenham",
        "barking-and-dagenham",
        LONDON_BOROUGH,
        ("lbbd.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000003",
        "London Borough of Barnet",
        "Barnet",
        "barnet",
        LONDON_BOROUGH,
        ("barnet.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000004",
        "London Borough of Bexley",
        "Bexley",
        "bexley",
        LONDON_BOROUGH,
        ("bexley.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000005",
        "London Borough of Brent",
        "Brent",
        "brent",
        LONDON_BOROUGH,
        ("brent.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000006",
        "London Borough of Bromley",
        "Bromley",
        "bromley",
        LONDON_BOROUGH,
        ("bromley.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000007",
        "London Borough of Camden",
        "Camden",
        "camden",
        LONDON_BOROUGH,
        ("camden.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000008",
        "London Borough of Croydon",
        "Croydon",
        "croydon",
        LONDON_BOROUGH,
        ("croydon.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000009",
        "London Borough of Ealing",
        "Ealing",
        "ealing",
        LONDON_BOROUGH,
        ("ealing.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000010",
        "London Borough of Enfield",
        "Enfield",
        "enfield",
        LONDON_BOROUGH,
        ("enfield.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000011",
        "Royal Borough of Greenwich",
        "Greenwich",
        "greenwich",
        LONDON_BOROUGH,
        ("royalgreenwich.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000012",
        "London Borough of Hackney",
        "Hackney",
        "hackney",
        LONDON_BOROUGH,
        ("hackney.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000013",
        "London Borough of Hammersmith and Fulham",
        "Hammersmith and Fulham",
        "hammersmith-and-fulham",
        LONDON_BOROUGH,
        ("lbhf.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000014",
        "London Borough of Haringey",
        "Haringey",
        "haringey",
        LONDON_BOROUGH,
        ("haringey.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000015",
        "London Borough of Harrow",
        "Harrow",
        "harrow",
        LONDON_BOROUGH,
        ("harrow.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000016",
        "London Borough of Havering",
        "Havering",
        "havering",
        LONDON_BOROUGH,
        ("havering.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000017",
        "London Borough of Hillingdon",
        "Hillingdon",
        "hillingdon",
        LONDON_BOROUGH,
        ("hillingdon.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000018",
        "London Borough of Hounslow",
        "Hounslow",
        "hounslow",
        LONDON_BOROUGH,
        ("hounslow.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000019",
        "London Borough of Islington",
        "Islington",
        "islington",
        LONDON_BOROUGH,
        ("islington.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000020",
        "Royal Borough of Kensington and Chelsea",
        "Kensington and Chelsea",
        "kensington-and-chelsea",
        LONDON_BOROUGH,
        ("rbkc.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000021",
        "Royal Borough of Kingston upon Thames",
        "Kingston upon Thames",
        "kingston-upon-thames",
        LONDON_BOROUGH,
        ("kingston.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000022",
        "London Borough of Lambeth",
        "Lambeth",
        "lambeth",
        LONDON_BOROUGH,
        ("lambeth.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000023",
        "London Borough of Lewisham",
        "Lewisham",
        "lewisham",
        LONDON_BOROUGH,
        ("lewisham.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000024",
        "London Borough of Merton",
        "Merton",
        "merton",
        LONDON_BOROUGH,
        ("merton.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000025",
        "London Borough of Newham",
        "Newham",
        "newham",
        LONDON_BOROUGH,
        ("newham.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000026",
        "London Borough of Redbridge",
        "Redbridge",
        "redbridge",
        LONDON_BOROUGH,
        ("redbridge.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000027",
        "London Borough of Richmond upon Thames",
        "Richmond upon Thames",
        "richmond-upon-thames",
        LONDON_BOROUGH,
        ("richmond.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000028",
        "London Borough of Southwark",
        "Southwark",
        "southwark",
        LONDON_BOROUGH,
        ("southwark.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000029",
        "London Borough of Sutton",
        "Sutton",
        "sutton",
        LONDON_BOROUGH,
        ("sutton.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000030",
        "London Borough of Tower Hamlets",
        "Tower Hamlets",
        "tower-hamlets",
        LONDON_BOROUGH,
        ("towerhamlets.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000031",
        "London Borough of Waltham Forest",
        "Waltham Forest",
        "waltham-forest",
        LONDON_BOROUGH,
        ("walthamforest.gov.uk",),
        PayZone.OUTER_LONDON,
    ),
    SeedOrganisation(
        "E09000032",
        "London Borough of Wandsworth",
        "Wandsworth",
        "wandsworth",
        LONDON_BOROUGH,
        ("wandsworth.gov.uk",),
        PayZone.INNER_LONDON,
    ),
    SeedOrganisation(
        "E09000033",
        "City of Westminster",
        "Westminster",
        "westminster",
        LONDON_BOROUGH,
        ("westminster.gov.uk",),
        PayZone.INNER_LONDON,
    ),
)

# The authorities that are LOTI members, as far as the project knows from LOTI's public pages
# (docs/organisations.md says how sure we are). Only the starting point: platform admins keep
# membership up to date on each organisation's page ("LOTI membership and email domains").
LOTI_MEMBER_SLUGS: frozenset[str] = frozenset(
    {
        "barking-and-dagenham",
        "barnet",
        "brent",
        "camden",
        "city-of-london",
        "croydon",
        "ealing",
        "enfield",
        "greenwich",
        "hackney",
        "hammersmith-and-fulham",
        "haringey",
        "harrow",
        "hounslow",
        "islington",
        "kensington-and-chelsea",
        "kingston-upon-thames",
        "lambeth",
        "lewisham",
        "merton",
        "newham",
        "redbridge",
        "richmond-upon-thames",
        "southwark",
        "sutton",
        "tower-hamlets",
        "waltham-forest",
        "wandsworth",
        "westminster",
    }
)

LOTI = SeedOrganisation(
    None, "London Office of Technology and Innovation", "LOTI", "loti", "loti", ("loti.london",)
)


PAY_ZONE_BY_GSS_CODE: dict[str, PayZone] = {
    authority.gss_code: authority.pay_zone
    for authority in LONDON_AUTHORITIES
    if authority.gss_code is not None and authority.pay_zone is not None
}


def seed_organisations(organisation_model: Any, domain_model: Any) -> int:
    """Create any of the London authorities and LOTI that are missing. Returns how many.

    Takes the model classes so the data migration can pass its historical models.
    """
    created_count = 0
    for entry in (*LONDON_AUTHORITIES, LOTI):
        organisation, created = organisation_model.objects.get_or_create(
            slug=entry.slug,
            defaults={
                "name": entry.name,
                "short_name": entry.short_name,
                "kind": entry.kind,
                "gss_code": entry.gss_code,
                "is_loti_member": entry.slug in LOTI_MEMBER_SLUGS,
            },
        )
        created_count += int(created)
        for domain in entry.domains:
            domain_model.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
    return created_count


def loti_members_mark(organisation_model: Any) -> int:
    """Mark the known LOTI members, only where no organisation is marked yet: once a platform
    admin has set membership, it is theirs and this changes nothing. Returns how many it marked.
    """
    if organisation_model.objects.filter(is_loti_member=True).exists():
        return 0
    return int(
        organisation_model.objects.filter(slug__in=LOTI_MEMBER_SLUGS).update(is_loti_member=True)
    )
