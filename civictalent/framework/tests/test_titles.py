"""The job title mapper and the career order of role levels (pure modules: no database)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest

from civictalent.framework.seniority import SENIORITY_WORDS, level_rank, sort_levels
from civictalent.framework.starter import STARTER_FRAMEWORK
from civictalent.framework.titles import (
    CONFIDENCE_THRESHOLD,
    LOW_CONFIDENCE,
    CatalogueRole,
    TitleMapper,
    catalogue_from_starter,
    evaluate,
)
from conftest import SHARED_DATASETS, require

LABELLED = Path(__file__).parent / "data" / "job_titles.csv"
ROLES_CSV = SHARED_DATASETS / "ddat" / "roles.csv"
LEVELS = {
    role.name: [level.name for level in role.levels] for f in STARTER_FRAMEWORK for role in f.roles
}


@pytest.fixture(scope="module")
def mapper() -> TitleMapper:
    return TitleMapper(catalogue_from_starter())


def labelled_rows() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- seniority ----------------------------------------------------------------------------


def test_the_seniority_ladder_climbs() -> None:
    ladder = [
        "Apprentice developer",
        "Trainee developer",
        "Junior developer",
        "Associate developer",
        "Developer",
        "Senior developer",
        "Lead developer",
        "Principal developer",
        "Head of development",
        "Chief developer",
    ]
    ranks = [level_rank(name, "Software developer") for name in ladder]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)
    assert {"apprentice", "trainee", "junior", "associate", "senior", "lead"} <= set(
        SENIORITY_WORDS
    )


@pytest.mark.parametrize(
    ("role", "names"),
    [
        (
            "Software developer",
            ["Lead developer", "Lead developer - management", "Principal developer"],
        ),
        ("Incident manager", ["Incident manager", "Major incident manager"]),
        ("Data ethicist", ["Data ethics lead", "Head of data ethics"]),
        (
            "Change and release manager",
            ["Change and release analyst", "Configuration analyst", "Change and release manager"],
        ),
        (
            "Service desk manager",
            [
                "Service desk analyst",
                "Senior service desk analyst",
                "Service desk manager",
                "Head of service desk",
            ],
        ),
        ("Problem manager", ["Problem analyst", "Problem manager"]),
        (
            "Digital portfolio manager",
            [
                "Digital portfolio analyst",
                "Digital portfolio manager",
                "Senior digital portfolio manager",
                "Head of portfolio",
            ],
        ),
        (
            "Command and control centre manager",
            [
                "Operations analyst",
                "Senior operations analyst",
                "Operational control manager",
                "Head of command and control",
            ],
        ),
        (
            "Service transition manager",
            [
                "Service acceptance analyst",
                "Service readiness analyst",
                "Service transition manager",
                "Lead service transition manager",
            ],
        ),
    ],
)
def test_special_levels_sort_in_career_order(role: str, names: list[str]) -> None:
    assert sort_levels(role, list(reversed(names))) == names


def test_sorting_the_official_levels_gives_career_order() -> None:
    require(ROLES_CSV.exists(), f"the shared DDaT download is not at {ROLES_CSV}")
    levels: dict[str, list[str]] = {}
    with ROLES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            names = levels.setdefault(row["Role"].strip(), [])
            if row["Role Level"] not in names:
                names.append(row["Role Level"])
    ordered = {
        role: [n.strip() for n in sort_levels(role, names)] for role, names in levels.items()
    }
    expected = {
        "Data analyst": [
            "Associate data analyst",
            "Data analyst",
            "Senior data analyst",
            "Principal data analyst",
        ],
        "Business architect": [
            "Trainee business architect",
            "Associate business architect",
            "Business architect",
            "Lead business architect",
        ],
        "Data architect": ["Data architect", "Senior data architect", "Chief data architect"],
        "Data scientist": [
            "Trainee data scientist",
            "Associate data scientist",
            "Data scientist",
            "Lead data scientist",
            "Principal data scientist",
            "Head of data science",
        ],
        "Business analyst": [
            "Trainee business analyst",
            "Junior business analyst",
            "Business analyst",
            "Senior business analyst",
            "Lead business analyst",
            "Head of business analysis",
        ],
        "Delivery manager": [
            "Associate delivery manager",
            "Delivery manager",
            "Senior delivery manager",
            "Head of (Agile) delivery management",
        ],
        "Software developer": [
            "Apprentice developer",
            "Junior developer",
            "Developer",
            "Senior developer",
            "Senior developer - management",
            "Lead developer",
            "Lead developer - management",
            "Principal developer",
            "Principal developer - management",
        ],
        "IT service manager": [
            "IT service analyst",
            "IT service manager",
            "Senior IT service manager",
            "Head of IT service management",
        ],
        "End user computing engineer": [
            "Associate end user computing engineer",
            "End user computing engineer",
            "Senior end user computing engineer",
            "Lead end user computing engineer",
            "Principal end user computing engineer",
        ],
        "Content designer": [
            "Junior content designer",
            "Associate content designer",
            "Content designer",
            "Senior content designer",
            "Lead content designer",
            "Head of content design",
        ],
        "Service desk manager": [
            "Service desk analyst",
            "Senior service desk analyst",
            "Service desk manager",
            "Head of service desk",
        ],
        "Command and control centre manager": [
            "Operations analyst",
            "Senior operations analyst",
            "Operational control manager",
            "Head of command and control",
        ],
        "Test manager": ["Test manager", "Head of test"],
    }
    for role, names in expected.items():
        assert ordered[role] == names, role
    # And the whole official file agrees with the starter framework's order.
    for role, names in ordered.items():
        if role in LEVELS and names != ["NOT IN USE"]:
            assert names == LEVELS[role], role


# --- the mapper ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "role", "level"),
    [
        ("Senior BI Analyst (PO4)", "Data analyst", "Senior data analyst"),
        ("Junior Data Analyst", "Data analyst", "Associate data analyst"),
        ("Assistant Data Analyst", "Data analyst", "Associate data analyst"),
        # No "lead" level for data analysts: the nearest is principal.
        ("Lead Data Analyst", "Data analyst", "Principal data analyst"),
        ("Insight Manager", "Data analyst", "Principal data analyst"),
        ("Apprentice Software Developer", "Software developer", "Apprentice developer"),
        ("Graduate Developer", "Software developer", "Junior developer"),
        ("Trainee Data Scientist", "Data scientist", "Trainee data scientist"),
        ("Principal Software Engineer", "Software developer", "Principal developer"),
        ("Lead Developer - Management", "Software developer", "Lead developer - management"),
        ("Head of Data Science", "Data scientist", "Head of data science"),
        ("Head of Product", "Product manager", "Head of product"),
        ("Major Incident Manager", "Incident manager", "Major incident manager"),
        ("Service Desk Agent", "Service desk manager", "Service desk analyst"),
        ("Configuration Analyst", "Change and release manager", "Configuration analyst"),
        ("Chief Technology Officer", "Chief technology officer", "Chief technology officer"),
        ("Head of ICT", "Chief technology officer", "Chief technology officer"),
        ("Director of Digital", "Chief digital and information officer", None),
    ],
)
def test_seniority_words_pick_the_role_level(
    mapper: TitleMapper, title: str, role: str, level: str | None
) -> None:
    match = mapper.map(title)
    assert match.role == role, match
    assert match.role_level == (level or role)
    assert match.family is not None
    assert match.confidence >= CONFIDENCE_THRESHOLD


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Business Intelligence Officer", "Data analyst"),
        ("Information Analyst", "Data analyst"),
        ("GIS Officer", "Data analyst"),
        ("GIS Analyst", "Data analyst"),
        ("Performance Analyst", "Performance analyst"),
        ("Digital Project Manager", "Delivery manager"),
        ("ICT Support Analyst", "End user computing engineer"),
        ("Web Content Officer", "Content designer"),
        ("Scrum Master", "Delivery manager"),
        ("Systems Administrator", "Infrastructure engineer"),
        ("Database Administrator", "Data engineer"),
        ("Cyber Security Analyst", "Security architect"),
        ("Solutions Architect", "Solution architect"),
        ("UX Designer", "Interaction designer"),
        ("UI Designer", "Interaction designer"),
        ("Software Engineer", "Software developer"),
        ("Full Stack Developer", "Software developer"),
        ("Platform Engineer", "Development operations (DevOps) engineer"),
        ("Site Reliability Engineer", "Development operations (DevOps) engineer"),
        ("Data Ethicist", "Data ethicist"),
        ("AI Engineer", "AI engineer"),
    ],
)
def test_council_and_market_titles(mapper: TitleMapper, title: str, role: str) -> None:
    assert mapper.map(title).role == role


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("BI Analyst", "Data analyst"),
        ("MI Analyst", "Data analyst"),
        ("Senior GIS Analyst", "Data analyst"),
        ("DBA", "Data engineer"),
        ("Senior UX Designer", "Interaction designer"),
        ("UR Lead", "User researcher"),
        ("SRE", "Development operations (DevOps) engineer"),
        ("QA Analyst", "Quality assurance test analyst"),
        ("ML Engineer", "Machine learning engineer"),
        ("AI Engineer", "AI engineer"),
        ("ICT Service Desk Analyst", "Service desk manager"),
        ("IT Service Manager", "IT service manager"),
        ("CDO", "Chief digital and information officer"),
        ("CTO", "Chief technology officer"),
        ("CIO", "Chief digital and information officer"),
        ("CISO", "Chief information security officer"),
    ],
)
def test_abbreviations(mapper: TitleMapper, title: str, role: str) -> None:
    assert mapper.map(title).role == role


def test_an_abbreviation_inside_a_name_is_not_expanded(mapper: TitleMapper) -> None:
    # "MI6" is an organisation, not management information.
    assert mapper.map("AI Security Architect - MI6").role == "Security architect"


@pytest.mark.parametrize(
    ("title", "role", "level"),
    [
        ("Analyst, Data", "Data analyst", "Data analyst"),
        ("Analyst, Business Intelligence", "Data analyst", "Data analyst"),
        ("Engineer, Data", "Data engineer", "Data engineer"),
        ("Designer, Service (Senior)", "Service designer", "Senior service designer"),
    ],
)
def test_word_order(mapper: TitleMapper, title: str, role: str, level: str) -> None:
    match = mapper.map(title)
    assert (match.role, match.role_level) == (role, level)


@pytest.mark.parametrize(
    "title",
    [
        "Data Analyst (Grade 7)",
        "Data Analyst G7",
        "Data Analyst SO1",
        "Data Analyst PO4",
        "Data Analyst Scale 6",
        "Data Analyst - HEO",
        "Data Analyst, Band 5",
        "Data Analyst (Fixed Term)",
        "Data Analyst (12 months)",
        "Data Analyst - Hybrid",
        "Data Analyst - London",
        "Data Analyst x2",
        "Data Analyst £35,000 - £40,000",
        "Data Analyst (Ref 12345)",
        "Data Analyst (42848 - 57400)",
        "Data Analyst - 2 Year FTA",
        "Data Analyst \u2013 Fixed Term Contract",
    ],
)
def test_noise_is_ignored(mapper: TitleMapper, title: str) -> None:
    match = mapper.map(title)
    assert (match.role, match.role_level) == ("Data analyst", "Data analyst"), match
    assert match.confidence >= 0.9


def test_a_close_misspelling_is_forgiven(mapper: TitleMapper) -> None:
    match = mapper.map("Lead User Reseacher")
    assert (match.role, match.role_level) == ("User researcher", "Lead user researcher")


@pytest.mark.parametrize(
    "title",
    [
        "Social Worker",
        "Refuse Collector",
        "Housing Officer",
        "Finance Business Partner",
        "Teaching Assistant",
        "Planning Officer",
        "Customer Services Advisor",
        "Learning Designer",
        "Digital Finance Lead",
        "Senior Policy Advisor - Developer Contributions",
        "Development Control Engineer",
        "Head of Security Policy",
    ],
)
def test_titles_from_other_professions_have_low_confidence(mapper: TitleMapper, title: str) -> None:
    match = mapper.map(title)
    assert match.confidence < LOW_CONFIDENCE, match
    assert match.role is None and match.family is None and match.role_level is None
    assert match.reason


def test_an_empty_title(mapper: TitleMapper) -> None:
    match = mapper.map("   ")
    assert match.role is None and match.confidence == 0.0 and match.alternatives == ()


def test_as_dict_shape(mapper: TitleMapper) -> None:
    result = mapper.map("Senior BI Analyst (PO4)").as_dict()
    assert set(result) == {"family", "role", "role_level", "confidence", "alternatives"}
    assert result["family"] == "Data" and result["role"] == "Data analyst"
    assert result["role_level"] == "Senior data analyst"
    assert 0.0 <= result["confidence"] <= 1.0
    assert isinstance(result["alternatives"], list)
    for alternative in result["alternatives"]:
        assert set(alternative) == {"family", "role", "role_level", "confidence"}
    low = mapper.map("Social Worker").as_dict()
    assert low["role"] is None and low["family"] is None and low["role_level"] is None


def test_alternatives_are_the_next_distinct_roles(mapper: TitleMapper) -> None:
    match = mapper.map("Senior BI Analyst")
    roles = [alternative.role for alternative in match.alternatives]
    assert len(roles) <= 3 and len(set(roles)) == len(roles)
    assert match.role not in roles
    assert "Business analyst" in roles
    assert all(a.confidence <= match.confidence for a in match.alternatives)


def test_the_job_description_only_breaks_ties(mapper: TitleMapper) -> None:
    title = "Data Scientist / Data Engineer"
    engineering = "You will build ETL pipelines in Spark and look after the data warehouse."
    science = "You will build machine learning and regression models in Python."
    assert mapper.map(title, engineering).role == "Data engineer"
    assert mapper.map(title, science).role == "Data scientist"
    # Text never overturns a clear title.
    assert mapper.map("Data Analyst", engineering).role == "Data analyst"


def test_a_catalogue_in_the_download_format_works() -> None:
    mapper = TitleMapper(
        [
            CatalogueRole("Data", "Data analyst", ("Associate data analyst", "Data analyst ")),
            CatalogueRole("Chief digital and data", "Chief data officer", ("NOT IN USE",)),
        ]
    )
    assert mapper.map("Junior Data Analyst").role_level == "Associate data analyst"
    chief = mapper.map("Chief Data Officer")
    assert (chief.role, chief.role_level) == ("Chief data officer", "Chief data officer")


def test_mapping_many_titles(mapper: TitleMapper) -> None:
    """Maps 2,000 titles and prints the time; speed is measured in docs/accuracy.md."""
    titles = [row["title"] for row in labelled_rows()]
    batch = (titles * (2000 // len(titles) + 1))[:2000]
    started = time.perf_counter()
    results = [mapper.map(title) for title in batch]
    elapsed = time.perf_counter() - started
    print(f"\n2,000 titles in {elapsed * 1000:.0f} ms ({elapsed / 2:.3f} ms a title)")
    assert len(results) == 2000


# --- the labelled set ---------------------------------------------------------------------


def test_the_labelled_set_is_big_enough_and_cited() -> None:
    rows = labelled_rows()
    assert list(rows[0]) == [
        "title",
        "expected_family",
        "expected_role",
        "expected_role_level",
        "source",
    ]
    digital = [row for row in rows if row["expected_role"]]
    other = [row for row in rows if not row["expected_role"]]
    assert len(digital) >= 220
    assert len(other) >= 20
    assert all(row["source"].strip() for row in rows)
    titles = [" ".join(row["title"].lower().split()) for row in rows]
    assert len(titles) == len(set(titles))
    families = {role.name: family.name for family in STARTER_FRAMEWORK for role in family.roles}
    for row in digital:
        assert row["expected_family"] == families[row["expected_role"]], row
        assert row["expected_role_level"] in LEVELS[row["expected_role"]], row
    for row in other:
        assert not row["expected_family"] and not row["expected_role_level"], row


def test_accuracy_on_the_labelled_set(mapper: TitleMapper) -> None:
    result = evaluate(mapper, labelled_rows())
    print(
        f"\n{result['digital_titles']} digital titles: top-1 role "
        f"{result['top1_role_accuracy']:.1%}, role level {result['role_level_accuracy']:.1%}; "
        f"{result['non_digital_titles']} other titles: low confidence "
        f"{result['low_confidence_accuracy']:.1%}"
    )
    for miss in result["misses"]:
        print(
            f"  miss: {miss['title']!r}: {miss['kind']}, got {miss['role']} / {miss['role_level']}"
        )
    assert result["top1_role_accuracy"] >= 0.90
    assert result["role_level_accuracy"] >= 0.80
    assert result["low_confidence_accuracy"] == 1.0, [
        miss for miss in result["misses"] if miss["expected_role"] is None
    ]
