"""The 33 London local authorities with their ONS GSS codes, and LOTI. Public facts.

Email domains are where each authority's staff addresses end; platform admins can change them
(and whether a council is a LOTI member) in the service, so this list is only the starting point.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class SeedOrganisation(NamedTuple):
    gss_code: str | None
    name: str
    short_name: str
    slug: str
    kind: str
    domains: tuple[str, ...]


LONDON_BOROUGH = "london_borough"

LONDON_AUTHORITIES: tuple[SeedOrganisation, ...] = (
    SeedOrganisation(
        "E09000001",
        "City of London Corporation",
        "City of London",
        "city-of-london",
        "city_of_london",
        ("cityoflondon.gov.uk",),
    ),
    SeedOrganisation(
        "E09000002",
        "London Borough of Barking and Dagenham",
        "Barking and Dagenham",
        "barking-and-dagenham",
        LONDON_BOROUGH,
        ("lbbd.gov.uk",),
    ),
    SeedOrganisation(
        "E09000003",
        "London Borough of Barnet",
        "Barnet",
        "barnet",
        LONDON_BOROUGH,
        ("barnet.gov.uk",),
    ),
    SeedOrganisation(
        "E09000004",
        "London Borough of Bexley",
        "Bexley",
        "bexley",
        LONDON_BOROUGH,
        ("bexley.gov.uk",),
    ),
    SeedOrganisation(
        "E09000005", "London Borough of Brent", "Brent", "brent", LONDON_BOROUGH, ("brent.gov.uk",)
    ),
    SeedOrganisation(
        "E09000006",
        "London Borough of Bromley",
        "Bromley",
        "bromley",
        LONDON_BOROUGH,
        ("bromley.gov.uk",),
    ),
    SeedOrganisation(
        "E09000007",
        "London Borough of Camden",
        "Camden",
        "camden",
        LONDON_BOROUGH,
        ("camden.gov.uk",),
    ),
    SeedOrganisation(
        "E09000008",
        "London Borough of Croydon",
        "Croydon",
        "croydon",
        LONDON_BOROUGH,
        ("croydon.gov.uk",),
    ),
    SeedOrganisation(
        "E09000009",
        "London Borough of Ealing",
        "Ealing",
        "ealing",
        LONDON_BOROUGH,
        ("ealing.gov.uk",),
    ),
    SeedOrganisation(
        "E09000010",
        "London Borough of Enfield",
        "Enfield",
        "enfield",
        LONDON_BOROUGH,
        ("enfield.gov.uk",),
    ),
    SeedOrganisation(
        "E09000011",
        "Royal Borough of Greenwich",
        "Greenwich",
        "greenwich",
        LONDON_BOROUGH,
        ("royalgreenwich.gov.uk",),
    ),
    SeedOrganisation(
        "E09000012",
        "London Borough of Hackney",
        "Hackney",
        "hackney",
        LONDON_BOROUGH,
        ("hackney.gov.uk",),
    ),
    SeedOrganisation(
        "E09000013",
        "London Borough of Hammersmith and Fulham",
        "Hammersmith and Fulham",
        "hammersmith-and-fulham",
        LONDON_BOROUGH,
        ("lbhf.gov.uk",),
    ),
    SeedOrganisation(
        "E09000014",
        "London Borough of Haringey",
        "Haringey",
        "haringey",
        LONDON_BOROUGH,
        ("haringey.gov.uk",),
    ),
    SeedOrganisation(
        "E09000015",
        "London Borough of Harrow",
        "Harrow",
        "harrow",
        LONDON_BOROUGH,
        ("harrow.gov.uk",),
    ),
    SeedOrganisation(
        "E09000016",
        "London Borough of Havering",
        "Havering",
        "havering",
        LONDON_BOROUGH,
        ("havering.gov.uk",),
    ),
    SeedOrganisation(
        "E09000017",
        "London Borough of Hillingdon",
        "Hillingdon",
        "hillingdon",
        LONDON_BOROUGH,
        ("hillingdon.gov.uk",),
    ),
    SeedOrganisation(
        "E09000018",
        "London Borough of Hounslow",
        "Hounslow",
        "hounslow",
        LONDON_BOROUGH,
        ("hounslow.gov.uk",),
    ),
    SeedOrganisation(
        "E09000019",
        "London Borough of Islington",
        "Islington",
        "islington",
        LONDON_BOROUGH,
        ("islington.gov.uk",),
    ),
    SeedOrganisation(
        "E09000020",
        "Royal Borough of Kensington and Chelsea",
        "Kensington and Chelsea",
        "kensington-and-chelsea",
        LONDON_BOROUGH,
        ("rbkc.gov.uk",),
    ),
    SeedOrganisation(
        "E09000021",
        "Royal Borough of Kingston upon Thames",
        "Kingston upon Thames",
        "kingston-upon-thames",
        LONDON_BOROUGH,
        ("kingston.gov.uk",),
    ),
    SeedOrganisation(
        "E09000022",
        "London Borough of Lambeth",
        "Lambeth",
        "lambeth",
        LONDON_BOROUGH,
        ("lambeth.gov.uk",),
    ),
    SeedOrganisation(
        "E09000023",
        "London Borough of Lewisham",
        "Lewisham",
        "lewisham",
        LONDON_BOROUGH,
        ("lewisham.gov.uk",),
    ),
    SeedOrganisation(
        "E09000024",
        "London Borough of Merton",
        "Merton",
        "merton",
        LONDON_BOROUGH,
        ("merton.gov.uk",),
    ),
    SeedOrganisation(
        "E09000025",
        "London Borough of Newham",
        "Newham",
        "newham",
        LONDON_BOROUGH,
        ("newham.gov.uk",),
    ),
    SeedOrganisation(
        "E09000026",
        "London Borough of Redbridge",
        "Redbridge",
        "redbridge",
        LONDON_BOROUGH,
        ("redbridge.gov.uk",),
    ),
    SeedOrganisation(
        "E09000027",
        "London Borough of Richmond upon Thames",
        "Richmond upon Thames",
        "richmond-upon-thames",
        LONDON_BOROUGH,
        ("richmond.gov.uk",),
    ),
    SeedOrganisation(
        "E09000028",
        "London Borough of Southwark",
        "Southwark",
        "southwark",
        LONDON_BOROUGH,
        ("southwark.gov.uk",),
    ),
    SeedOrganisation(
        "E09000029",
        "London Borough of Sutton",
        "Sutton",
        "sutton",
        LONDON_BOROUGH,
        ("sutton.gov.uk",),
    ),
    SeedOrganisation(
        "E09000030",
        "London Borough of Tower Hamlets",
        "Tower Hamlets",
        "tower-hamlets",
        LONDON_BOROUGH,
        ("towerhamlets.gov.uk",),
    ),
    SeedOrganisation(
        "E09000031",
        "London Borough of Waltham Forest",
        "Waltham Forest",
        "waltham-forest",
        LONDON_BOROUGH,
        ("walthamforest.gov.uk",),
    ),
    SeedOrganisation(
        "E09000032",
        "London Borough of Wandsworth",
        "Wandsworth",
        "wandsworth",
        LONDON_BOROUGH,
        ("wandsworth.gov.uk",),
    ),
    SeedOrganisation(
        "E09000033",
        "City of Westminster",
        "Westminster",
        "westminster",
        LONDON_BOROUGH,
        ("westminster.gov.uk",),
    ),
)

LOTI = SeedOrganisation(
    None, "London Office of Technology and Innovation", "LOTI", "loti", "loti", ("loti.london",)
)


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
            },
        )
        created_count += int(created)
        for domain in entry.domains:
            domain_model.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
    return created_count
