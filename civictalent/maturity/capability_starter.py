"""The project's own starter capability model, so a fresh install and the demo have one.

Three domains (Digital, Data, Innovation), each with the capabilities a council needs, written by
the Civic Talent project in its own words. Each capability names the role levels of the starter
framework (framework/starter.py) that deliver it, by their slugs, with indicative full-time
equivalents for a smaller, medium and larger council. Those numbers are illustrative: examples
to start a conversation, not measured from councils. Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StarterDomain:
    slug: str
    name: str
    summary: str


@dataclass(frozen=True)
class StarterRole:
    """A role level (its slug in the starter framework) and its FTE by council size, as text so
    it becomes a Decimal exactly."""

    role_level: str
    fte_small: str
    fte_medium: str
    fte_large: str


@dataclass(frozen=True)
class StarterCapability:
    domain: str  # the domain's slug
    slug: str
    name: str
    description: str
    benefits: str
    responsibilities: tuple[str, ...]
    must_have_stage: int
    roles: tuple[StarterRole, ...]
    is_emerging: bool = False


def _roles(*rows: tuple[str, str, str, str]) -> tuple[StarterRole, ...]:
    return tuple(StarterRole(*row) for row in rows)


STARTER_DOMAINS: tuple[StarterDomain, ...] = (
    StarterDomain(
        "digital",
        "Digital",
        "Designing, building and running the services residents and staff use, so they work "
        "first time for the people who need them.",
    ),
    StarterDomain(
        "data",
        "Data",
        "Looking after the council's information and turning it into evidence that shapes "
        "decisions, services and spending.",
    ),
    StarterDomain(
        "innovation",
        "Innovation",
        "Trying new ideas safely, learning from what works and working with others to go "
        "further than one council could alone.",
    ),
)

_DIGITAL = (
    StarterCapability(
        "digital",
        "product-management",
        "Product management",
        "Deciding what a service should do next and why, by weighing what residents need, what "
        "the council wants to achieve and what the team can build. A product manager keeps a "
        "service improving after launch instead of letting it stand still.",
        "Money goes on the changes that matter most, and services keep getting better rather "
        "than being rebuilt every few years.",
        (
            "Set the vision and goals for a service",
            "Keep and order a backlog of work",
            "Measure whether changes meet their goals",
            "Explain priorities to leaders and staff",
        ),
        2,
        _roles(
            ("product-manager", "0.5", "1.0", "2.0"),
            ("senior-product-manager", "0.0", "0.5", "1.0"),
            ("delivery-manager", "0.5", "1.0", "2.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "user-research",
        "User research",
        "Finding out how residents and staff really experience a service, by watching and "
        "talking to them rather than guessing. Researchers make sure people who struggle most, "
        "including disabled and digitally excluded residents, are heard.",
        "Services are designed around real needs, so fewer people phone, complain or give up "
        "part way through.",
        (
            "Plan and run research with residents and staff",
            "Recruit participants fairly and ethically",
            "Share findings so teams act on them",
            "Keep a library of what the council already knows",
        ),
        2,
        _roles(
            ("user-researcher", "0.5", "1.0", "2.0"),
            ("senior-user-researcher", "0.0", "0.5", "1.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "service-design",
        "Service design",
        "Shaping a whole service from the first thing a resident hears about it to the last "
        "step, across websites, phones, letters and counters. Service designers join up the "
        "teams and systems behind the scenes so the journey makes sense from the outside.",
        "Fewer hand-offs and failure points, and services that cost less to run because they "
        "work end to end.",
        (
            "Map journeys across channels and teams",
            "Design and test new ways of delivering a service",
            "Bring teams together around one service",
            "Champion consistent patterns across the council",
        ),
        3,
        _roles(
            ("service-designer", "0.5", "1.0", "2.0"),
            ("lead-service-designer", "0.0", "0.5", "1.0"),
            ("interaction-designer", "0.0", "0.5", "1.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "content-design",
        "Content design",
        "Writing and structuring what the council publishes so people can find it, understand "
        "it and act on it first time. Content designers work from evidence of what people "
        "search for and where they get stuck.",
        "Clearer pages and letters mean fewer calls and emails, and a website residents trust.",
        (
            "Write and maintain content in plain English",
            "Look after the structure of the website",
            "Set the council's style and publishing standards",
            "Check content is accessible",
        ),
        2,
        _roles(
            ("content-designer", "1.0", "1.5", "3.0"),
            ("senior-content-designer", "0.0", "0.5", "1.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "software-development",
        "Software development",
        "Building and changing the council's own digital services and the links between its "
        "systems. An in-house team can fix problems quickly and avoid being locked in to one "
        "supplier.",
        "Faster change at lower long-term cost, and the council understands and owns the code "
        "it depends on.",
        (
            "Build, test and release software safely",
            "Integrate systems and suppliers' products",
            "Keep code secure and up to date",
            "Share reusable components with other councils",
        ),
        3,
        _roles(
            ("developer", "1.0", "2.0", "4.0"),
            ("senior-developer", "0.5", "1.0", "2.0"),
            ("frontend-developer", "0.0", "1.0", "1.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "technical-architecture",
        "Technical architecture",
        "Deciding how the council's systems fit together, which to keep, replace or share, and "
        "the standards new technology must meet. Good architecture keeps the estate simple "
        "enough to change.",
        "Fewer duplicated systems, lower licence costs and technology choices that still make "
        "sense in five years.",
        (
            "Keep a picture of the systems the council runs",
            "Review new purchases and designs against standards",
            "Plan the move away from ageing systems",
            "Advise leaders on technology risks and choices",
        ),
        2,
        _roles(
            ("technical-architect", "0.5", "1.0", "1.0"),
            ("solution-architect", "0.0", "0.5", "1.0"),
            ("enterprise-architect", "0.0", "0.0", "1.0"),
        ),
    ),
    StarterCapability(
        "digital",
        "cyber-security",
        "Cyber security",
        "Protecting the council's systems and the information in them from attack, and being "
        "ready to recover when something goes wrong. It covers people and suppliers as well as "
        "technology.",
        "Services stay available and residents' data stays safe, avoiding the long and costly "
        "recovery that follows a serious attack.",
        (
            "Assess and manage cyber risks",
            "Build security into new systems and contracts",
            "Plan, rehearse and lead the response to incidents",
            "Raise staff awareness of threats",
            "Meet public-sector security standards",
        ),
        1,
        _roles(
            ("security-architect", "0.5", "1.0", "1.0"),
            ("lead-security-architect", "0.0", "0.5", "1.0"),
            ("chief-information-security-officer", "0.0", "0.0", "0.5"),
        ),
    ),
)

_DATA = (
    StarterCapability(
        "data",
        "data-governance",
        "Data governance",
        "Making sure every important set of data has an owner, a description and agreed quality "
        "standards. Governance is what lets people trust data enough to use and share it.",
        "Decisions rest on data people trust, and sharing with partners becomes quicker and safer.",
        (
            "Name owners and stewards for key data",
            "Keep a catalogue of the council's data",
            "Set and check data quality standards",
            "Agree rules for sharing data",
        ),
        1,
        _roles(
            ("data-governance-manager", "0.5", "1.0", "1.0"),
            ("head-of-data-governance", "0.0", "0.0", "1.0"),
        ),
    ),
    StarterCapability(
        "data",
        "information-governance",
        "Data protection and information governance",
        "Handling personal and sensitive information lawfully, from privacy notices and impact "
        "assessments to requests from residents for their own records. It keeps the council on "
        "the right side of the law and of residents' trust.",
        "Residents' privacy is respected, legal risk falls, and projects that use personal "
        "data get clear answers early.",
        (
            "Carry out data protection impact assessments",
            "Answer subject access and freedom of information requests",
            "Keep records of processing and data sharing agreements",
            "Advise teams on lawful use of personal data",
        ),
        1,
        _roles(
            ("lead-data-governance-manager", "0.5", "1.0", "1.0"),
            ("data-ethics-lead", "0.0", "0.0", "0.5"),
        ),
    ),
    StarterCapability(
        "data",
        "business-intelligence",
        "Business intelligence",
        "Bringing together figures from across the council into reports and dashboards that "
        "managers use to run services. Good reporting answers the same questions the same way "
        "every time.",
        "Managers spot problems early and spend less time assembling figures by hand.",
        (
            "Build and maintain dashboards and regular reports",
            "Agree shared definitions of key measures",
            "Answer questions from services with data",
            "Train staff to use reports well",
        ),
        1,
        _roles(
            ("data-analyst", "1.0", "2.0", "3.0"),
            ("senior-data-analyst", "0.5", "1.0", "1.0"),
            ("performance-analyst", "0.0", "1.0", "1.0"),
        ),
    ),
    StarterCapability(
        "data",
        "data-engineering",
        "Data engineering",
        "Building the pipelines and platforms that collect data from the council's systems, "
        "clean it and keep it up to date in one place. Without it analysts spend most of their "
        "time copying and fixing spreadsheets.",
        "Analysis becomes faster and more reliable, and data can be reused for many purposes "
        "instead of extracted again each time.",
        (
            "Build and run data pipelines",
            "Look after the council's data platform",
            "Join records about the same people and places",
            "Automate checks on data quality",
        ),
        3,
        _roles(
            ("data-engineer", "0.5", "1.0", "2.0"),
            ("senior-data-engineer", "0.0", "0.5", "1.0"),
            ("analytics-engineer", "0.0", "0.5", "1.0"),
        ),
    ),
    StarterCapability(
        "data",
        "data-architecture",
        "Data architecture",
        "Designing how data is structured, named and stored across systems so it can be "
        "joined and compared. It turns many disconnected databases into a picture of the "
        "council that adds up.",
        "Less duplicated data, easier integration between systems and cheaper data projects.",
        (
            "Design data models for key services",
            "Set standards for naming and structuring data",
            "Plan how new systems will share data",
        ),
        3,
        _roles(
            ("data-architect", "0.0", "0.5", "1.0"),
            ("senior-data-architect", "0.0", "0.0", "0.5"),
        ),
    ),
    StarterCapability(
        "data",
        "data-science",
        "Data science",
        "Using statistics and modelling to predict need, target help earlier and test what "
        "works. It builds on good data foundations and careful ethical review.",
        "Help reaches residents before problems become crises, and resources go where they "
        "make the biggest difference.",
        (
            "Build and test predictive and statistical models",
            "Check models for bias and explain their limits",
            "Work with services to act on the results",
            "Evaluate the effect of interventions",
        ),
        4,
        _roles(
            ("data-scientist", "0.0", "1.0", "2.0"),
            ("lead-data-scientist", "0.0", "0.0", "1.0"),
        ),
    ),
)

_INNOVATION = (
    StarterCapability(
        "innovation",
        "experimentation",
        "Experimentation",
        "Testing new ideas on a small scale, with a clear measure of success, before "
        "committing to them. Experiments let a council learn quickly and stop what does not "
        "work without blame.",
        "Less money spent on ideas that do not work, and more confidence in those that do.",
        (
            "Design small, measurable trials",
            "Evaluate results honestly and share them",
            "Scale up what works and stop what does not",
        ),
        4,
        _roles(
            ("digital-evaluator", "0.0", "0.5", "1.0"),
            ("senior-performance-analyst", "0.0", "0.5", "1.0"),
        ),
        is_emerging=True,
    ),
    StarterCapability(
        "innovation",
        "partnerships",
        "Partnerships",
        "Working with other councils, the NHS, universities, businesses and community groups "
        "to share services, data and skills. Many problems are bigger than one council and "
        "cheaper to solve together.",
        "Shared costs, access to skills the council could not hire alone, and services that "
        "join up across organisations.",
        (
            "Find and build partnerships with other organisations",
            "Agree joint projects and how they are run",
            "Manage relationships with key suppliers",
            "Share the council's work openly",
        ),
        3,
        _roles(
            ("business-relationship-manager", "0.5", "1.0", "1.0"),
            ("digital-portfolio-manager", "0.0", "0.5", "1.0"),
        ),
    ),
    StarterCapability(
        "innovation",
        "applied-ai",
        "Applied artificial intelligence",
        "Using AI tools, such as language models, where they genuinely help staff or residents, "
        "with safeguards for fairness, privacy and accuracy. It needs people who can judge "
        "when AI is the wrong answer as well as build it.",
        "Staff time freed from routine work, with risks understood and controlled before "
        "anything reaches residents.",
        (
            "Assess where AI could help and where it should not be used",
            "Build and test AI-backed tools safely",
            "Monitor AI tools for errors and bias",
            "Explain to residents how AI is used",
        ),
        5,
        # Not the starter framework's AI engineer: the official framework has no such role, so
        # a council that imports it would be left with a capability role that cannot move.
        _roles(
            ("senior-machine-learning-engineer", "0.0", "0.5", "1.0"),
            ("head-of-data-ethics", "0.0", "0.0", "0.5"),
        ),
        is_emerging=True,
    ),
)

STARTER_CAPABILITIES: tuple[StarterCapability, ...] = _DIGITAL + _DATA + _INNOVATION
