"""Realistic-looking text for generated data: council names, JD sections and pay. Pure Python
(no Django) and driven only by the ``random.Random`` it is given, so a seed fixes the output.

The vocabulary keeps the words the library benchmark searches for ("dashboards", "housing",
"residents"), so a search benchmark on generated data finds what it looks for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

VERBS = (
    "lead",
    "build",
    "analyse",
    "design",
    "improve",
    "run",
    "support",
    "plan",
    "test",
    "explain",
    "maintain",
    "champion",
)
THINGS = (
    "dashboards",
    "data pipelines",
    "user research",
    "service design",
    "cloud platforms",
    "accessibility audits",
    "performance reports",
    "housing data",
    "social care records",
    "digital services",
    "APIs",
    "content",
    "budgets",
    "procurement",
    "information governance",
    "council tax systems",
    "waste and recycling services",
    "planning applications",
    "customer contact channels",
    "cyber security controls",
)
PEOPLE = (
    "residents",
    "managers",
    "councillors",
    "partners",
    "colleagues",
    "suppliers",
    "service users",
    "schools",
)
QUALITIES = (
    "Experience of {thing} in a complex organisation.",
    "Able to explain {thing} clearly to {people}.",
    "A track record of delivering {thing} on time and within budget.",
    "Knowledge of data protection and information governance.",
    "Good written and spoken communication with {people}.",
    "Confident working in agile, multidisciplinary teams.",
    "Understands the needs of {people} and designs for accessibility.",
    "Experience with {thing} or a willingness to learn quickly.",
)
BENEFITS = (
    "27 days' annual leave rising to 32 with service, plus bank holidays.",
    "Membership of the Local Government Pension Scheme.",
    "Flexible and hybrid working, with a base at the civic centre.",
    "Season ticket loans, cycle to work and an employee assistance programme.",
    "Paid time for learning and professional membership fees.",
)
CONTRACTS = ("permanent", "permanent", "permanent", "fixed term", "secondment", "interim", "")
PATTERNS = ("Full time, 36 hours", "Full time, 35 hours", "Part time, 22.5 hours", "Job share")

PLACE_STARTS = (
    "Ash",
    "Brad",
    "Chel",
    "Dun",
    "East",
    "Fern",
    "Glen",
    "Hart",
    "Ister",
    "Kings",
    "Lang",
    "Mill",
    "North",
    "Oak",
    "Pen",
    "Queens",
    "Red",
    "Stan",
    "Thorn",
    "Upper",
    "Wes",
    "Whit",
    "Yarn",
    "Brook",
)
PLACE_ENDS = (
    "bridge",
    "bury",
    "by",
    "caster",
    "combe",
    "dale",
    "field",
    "ford",
    "ham",
    "hampton",
    "ley",
    "mouth",
    "stead",
    "ton",
    "wick",
    "worth",
    "wood",
)
# Kinds of authority outside London, with the GSS prefix used for each and the share of them.
AUTHORITY_KINDS = (
    ("District Council", "E07", 0.45),
    ("Borough Council", "E06", 0.15),
    ("Metropolitan Borough Council", "E08", 0.1),
    ("County Council", "E10", 0.06),
    ("Council", "S12", 0.08),
    ("County Borough Council", "W06", 0.06),
    ("City Council", "E06", 0.06),
    ("District Council", "N09", 0.04),
)


@dataclass(frozen=True)
class GeneratedCouncil:
    name: str
    short_name: str
    slug: str
    gss_code: str


def councils(rng: random.Random, count: int) -> list[GeneratedCouncil]:
    """``count`` fictional councils with unique names. Some made-up names exist somewhere, so
    every name says "(generated)", every slug starts ``generated-``, and GSS codes use the
    9xxxxx range of each prefix (real ones are far lower), so none clashes with a real
    authority."""
    places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    rng.shuffle(places)
    weights = [share for _, _, share in AUTHORITY_KINDS]
    result = []
    for number, place in enumerate(places[:count], start=1):
        suffix, prefix, _ = rng.choices(AUTHORITY_KINDS, weights=weights)[0]
        result.append(
            GeneratedCouncil(
                name=f"{place} {suffix} (generated)",
                short_name=place,
                slug=f"generated-{place.lower()}",
                gss_code=f"{prefix}{900000 + number:06d}",
            )
        )
    if len(result) < count:
        raise ValueError(f"Only {len(result)} distinct council names can be generated.")
    return result


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS).capitalize()} {rng.choice(THINGS)} with {rng.choice(PEOPLE)}."


def _quality(rng: random.Random) -> str:
    return rng.choice(QUALITIES).format(thing=rng.choice(THINGS), people=rng.choice(PEOPLE))


def bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


@dataclass(frozen=True)
class Pay:
    text: str
    grade: str
    annual_min_pence: int
    annual_max_pence: int


def pay(rng: random.Random, *, rank: int, london: bool) -> Pay:
    """A pay range that grows with the role level's rank, higher in London, in whole pounds."""
    base = (26_000 + rank * 6_500) * (1.12 if london else 1.0) * rng.uniform(0.9, 1.1)
    low = int(base // 100 * 100)
    high = low + rng.choice((2_000, 3_000, 4_000, 5_000, 6_000))
    grade = rng.choice(("SO1", "SO2", "PO1", "PO2", "PO3", "PO4", "PO5", "PO6", "Grade 8", ""))
    style = rng.randrange(4)
    if style == 0:
        text = f"£{low:,} - £{high:,} per annum"
    elif style == 1:
        text = f"£{low:,} to £{high:,} a year"
    elif style == 2:
        text = f"{grade or 'Grade 7'}: £{low:,} - £{high:,}"
    else:
        text = f"£{low // 1000}k - £{high // 1000}k"
        low, high = low // 1000 * 1000, high // 1000 * 1000
    return Pay(text=text, grade=grade, annual_min_pence=low * 100, annual_max_pence=high * 100)


def jd_sections(
    rng: random.Random, *, title: str, family: str, council: str
) -> list[tuple[str, str, str]]:
    """(kind, heading, text) for each section of a job description, in reading order."""
    team = f"{family} team" if family else "digital team"
    purpose = (
        f"As {title} in {council}'s {team}, you will "
        + " ".join(sentence(rng).lower() for _ in range(3))
        + f" You will help the council make better decisions for {rng.choice(PEOPLE)}."
    )
    sections = [
        ("purpose", "Purpose of the role", purpose),
        ("responsibilities", "Main responsibilities", bullets([sentence(rng) for _ in range(7)])),
        ("essential", "Essential criteria", bullets([_quality(rng) for _ in range(5)])),
        ("desirable", "Desirable criteria", bullets([_quality(rng) for _ in range(3)])),
        (
            "about_council",
            f"About {council}",
            f"{council} serves its residents with {rng.randint(1, 9)},{rng.randint(100, 999)} "
            "staff. " + " ".join(sentence(rng) for _ in range(2)),
        ),
        ("benefits", "What we offer", bullets(rng.sample(BENEFITS, 3))),
    ]
    if rng.random() < 0.6:
        sections.append(
            (
                "how_to_apply",
                "How to apply",
                "Apply online with a supporting statement that shows how you meet the essential "
                "criteria. We guarantee an interview to disabled applicants who meet them.",
            )
        )
    return sections
