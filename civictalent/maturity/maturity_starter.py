"""The platform's own starter maturity model for digital, data and innovation, in its own words, so
a fresh install and the demo have one: pure Python (no Django).

Nine topics across digital, data and innovation, four themes running through them, three
questions a topic, and a statement for each of five levels.
"""

from __future__ import annotations

from typing import Final

from civictalent.maturity.maturity_format import (
    ParsedModel,
    ParsedQuestion,
    ParsedStatement,
    ParsedTopic,
)

STARTER_SLUG: Final = "digital-data-and-innovation-maturity"
TITLE: Final = "Digital, data and innovation maturity"
DESCRIPTION: Final = (
    "Civic Talent's starter model for a council to take stock of how it designs services, runs "
    "its technology, looks after and uses its data, and tries new ideas. Each question describes "
    "five stages, from starting out to leading London. Answer for the council as it is today, "
    "not as it plans to be."
)
PUBLISHER: Final = "Civic Talent"
LEVELS: Final = ("Starting out", "Building", "Established", "Advanced", "Leading")

PEOPLE: Final = "People and skills"
PROCESS: Final = "Process"
TECHNOLOGY: Final = "Technology"
LEADERSHIP: Final = "Leadership"

Statements = tuple[str, str, str, str, str]
QuestionText = tuple[str, str, str, Statements]  # theme, question, context, statements

TOPICS: Final[tuple[tuple[str, tuple[QuestionText, ...]], ...]] = (
    (
        "Digital services",
        (
            (
                PROCESS,
                "How services are designed around the people who use them.",
                "Think of the services residents use most: paying, reporting, applying.",
                (
                    "Services are built around how departments work; residents are rarely asked.",
                    "Some teams talk to residents, usually after a service is already built.",
                    "New services start with research into what residents need, and are tested "
                    "with them.",
                    "Research with residents shapes every service, old and new, and is shared "
                    "across teams.",
                    "The council is known for services residents find easy, and others learn "
                    "from how it works.",
                ),
            ),
            (
                PEOPLE,
                "Who designs and improves digital services.",
                "",
                (
                    "Suppliers or a single web team make changes when asked.",
                    "A few people have design or research skills, spread thinly.",
                    "Multidisciplinary teams own services from start to finish.",
                    "Teams include designers, researchers and developers, and keep improving "
                    "services after launch.",
                    "The council grows these skills itself and lends them to partners.",
                ),
            ),
            (
                TECHNOLOGY,
                "How the council knows whether a service works well.",
                "",
                (
                    "Nobody measures it; complaints are the main signal.",
                    "Some figures are collected, such as call volumes, but rarely acted on.",
                    "Each main service has measures of success that its team reviews.",
                    "Measures are published and used to decide what to improve next.",
                    "Performance is open, compared with other councils and improving year on year.",
                ),
            ),
        ),
    ),
    (
        "Technology and architecture",
        (
            (
                TECHNOLOGY,
                "How systems fit together.",
                "",
                (
                    "Each department runs its own systems, which do not connect.",
                    "Some systems are linked by hand or by one-off transfers.",
                    "There is an agreed plan for how systems connect, followed for new buying.",
                    "Most systems share data through documented, reusable interfaces.",
                    "The council's architecture is modular and open, and suppliers are chosen "
                    "to fit it.",
                ),
            ),
            (
                PROCESS,
                "How technology is bought and replaced.",
                "",
                (
                    "Contracts are renewed as they end, whatever their fit.",
                    "Some purchases are checked against needs before buying.",
                    "Buying follows agreed standards on openness, data and cost.",
                    "Contracts are shorter and designed so the council can change supplier.",
                    "The council shapes the market, and shares what it buys with others.",
                ),
            ),
            (
                LEADERSHIP,
                "How old systems and technical debt are managed.",
                "",
                (
                    "Nobody keeps a list of what is out of date or at risk.",
                    "Risks are known to a few people and fixed when they fail.",
                    "There is a register of ageing systems with a plan for each.",
                    "Replacing old systems is funded and progressing to plan.",
                    "Little technical debt builds up, because keeping systems current is part "
                    "of everyday work.",
                ),
            ),
        ),
    ),
    (
        "Data governance",
        (
            (
                LEADERSHIP,
                "Who is accountable for the council's data.",
                "",
                (
                    "Nobody in particular; data belongs to whichever system holds it.",
                    "Some data sets have a named owner, mostly informally.",
                    "Senior owners are named for the main data sets, with their duties written "
                    "down.",
                    "Owners and stewards meet regularly and resolve problems across departments.",
                    "Accountability for data is part of every manager's role and is reviewed.",
                ),
            ),
            (
                PROCESS,
                "How data is shared inside and outside the council.",
                "",
                (
                    "Each request is handled from scratch, often slowly.",
                    "There are some sharing agreements, written case by case.",
                    "There are standard agreements and a clear route to approve sharing.",
                    "Sharing is quick and safe, and the agreements are published.",
                    "The council leads data sharing across London and with its partners.",
                ),
            ),
            (
                PEOPLE,
                "How staff understand their duties with personal data.",
                "",
                (
                    "Staff complete the mandatory training and little more.",
                    "Some teams have guidance written for their own work.",
                    "Clear guidance is easy to find and staff know whom to ask.",
                    "Data protection advice is given early in every new project.",
                    "Staff treat responsible data use as part of good public service.",
                ),
            ),
        ),
    ),
    (
        "Data quality and management",
        (
            (
                PROCESS,
                "How the quality of important data is checked.",
                "",
                (
                    "Problems are found when a report looks wrong.",
                    "Some teams check and clean their data before using it.",
                    "The main data sets have quality rules that are checked regularly.",
                    "Quality is measured, reported and fixed at the source.",
                    "Data is trusted across the council because its quality is visible.",
                ),
            ),
            (
                TECHNOLOGY,
                "How the council knows what data it holds.",
                "",
                (
                    "Nobody could list the council's data sets.",
                    "Some departments keep their own lists of data.",
                    "There is a catalogue of the main data sets, with owners.",
                    "The catalogue is complete, kept current and searchable by staff.",
                    "Data that can be open is published, described and reused by others.",
                ),
            ),
            (
                PEOPLE,
                "How records about people and places are matched.",
                "For example, the same resident or property in several systems.",
                (
                    "Each system has its own version; nobody links them.",
                    "Records are matched by hand for particular projects.",
                    "Shared reference data, such as addresses, is used in the main systems.",
                    "Records are matched routinely, with checks on accuracy.",
                    "A single trusted view supports services across the council.",
                ),
            ),
        ),
    ),
    (
        "Data analysis and use",
        (
            (
                LEADERSHIP,
                "How evidence informs decisions.",
                "",
                (
                    "Decisions rest on experience; data arrives after the fact.",
                    "Reports are produced, but rarely change what happens.",
                    "Leaders ask for evidence before major decisions.",
                    "Analysts work alongside services to shape decisions as they are made.",
                    "Evidence is expected at every level and its use is reviewed.",
                ),
            ),
            (
                TECHNOLOGY,
                "What tools analysts have.",
                "",
                (
                    "Spreadsheets, copied from system exports.",
                    "Some reporting tools, used by a few specialists.",
                    "Shared tools for reporting and analysis, with supported data sources.",
                    "Modern tools for analysis, including code, with reusable pipelines.",
                    "Tools and methods are shared openly and adopted by other councils.",
                ),
            ),
            (
                PROCESS,
                "How analysis looks ahead as well as back.",
                "",
                (
                    "Reports describe what happened last month or year.",
                    "Some trends are tracked to spot changes.",
                    "Forecasts support planning in a few services.",
                    "Models of demand and risk are used to target early help.",
                    "Forward-looking analysis is routine and its accuracy is checked.",
                ),
            ),
        ),
    ),
    (
        "Data skills and culture",
        (
            (
                PEOPLE,
                "How confident staff are with data.",
                "",
                (
                    "Most staff avoid data unless they must use it.",
                    "Some staff build their skills on their own initiative.",
                    "There is training for different roles and levels of skill.",
                    "Staff use data confidently in their work and help colleagues.",
                    "Data skills are part of every role's expectations and career path.",
                ),
            ),
            (
                PEOPLE,
                "How the council recruits and keeps data specialists.",
                "",
                (
                    "Roles are hard to fill and people leave quickly.",
                    "Some specialist roles exist, without a clear career path.",
                    "Roles follow a recognised framework, with fair pay and progression.",
                    "The council is a place specialists choose to grow their careers.",
                    "It brings on new talent through apprenticeships and partnerships.",
                ),
            ),
            (
                LEADERSHIP,
                "How leaders talk about data.",
                "",
                (
                    "Data is seen as a technical matter for IT.",
                    "Some leaders champion data in their own areas.",
                    "The leadership team agrees data is an asset and says so.",
                    "Leaders use data visibly in their own decisions.",
                    "Leaders at every level model curiosity and openness with data.",
                ),
            ),
        ),
    ),
    (
        "Innovation and experimentation",
        (
            (
                PROCESS,
                "How new ideas are tried out.",
                "",
                (
                    "New ideas rarely get past the first conversation.",
                    "Occasional pilots happen when someone pushes hard.",
                    "There is a way to test ideas small and quickly.",
                    "Experiments are planned, measured and scaled or stopped on evidence.",
                    "Trying new things is normal, and what is learnt is shared widely.",
                ),
            ),
            (
                LEADERSHIP,
                "How failure is treated.",
                "",
                (
                    "Failure is avoided and rarely discussed.",
                    "Some teams talk openly about what went wrong.",
                    "Lessons from projects are gathered and reviewed.",
                    "Stopping something that does not work is seen as a success.",
                    "The council shares its failures so others do not repeat them.",
                ),
            ),
            (
                TECHNOLOGY,
                "How emerging technology is assessed.",
                "For example, automation or artificial intelligence.",
                (
                    "It is not considered, or bought on a supplier's promise.",
                    "A few people follow new technology informally.",
                    "New technology is assessed for value, risk and fairness before use.",
                    "The council has tested several and scaled what works.",
                    "It helps set standards for safe use across local government.",
                ),
            ),
        ),
    ),
    (
        "Partnerships",
        (
            (
                PROCESS,
                "How the council works with other councils.",
                "",
                (
                    "Each council solves the same problems alone.",
                    "Staff share ideas informally at events.",
                    "The council joins shared projects on common problems.",
                    "It reuses others' work and offers its own for reuse.",
                    "It leads joint work that changes how London's councils operate.",
                ),
            ),
            (
                PEOPLE,
                "How residents and communities take part.",
                "",
                (
                    "Residents are told about changes once they are decided.",
                    "They are consulted on some plans.",
                    "They help shape services through regular research.",
                    "Community groups co-design services with the council.",
                    "Residents share in decisions and in the data about their area.",
                ),
            ),
            (
                LEADERSHIP,
                "How suppliers and the wider sector are engaged.",
                "",
                (
                    "Suppliers are met only at contract time.",
                    "Key suppliers have regular reviews.",
                    "The council tells the market what it needs ahead of buying.",
                    "It works with small firms, universities and charities on shared goals.",
                    "It builds lasting partnerships that bring in skills and funding.",
                ),
            ),
        ),
    ),
    (
        "Leadership and investment",
        (
            (
                LEADERSHIP,
                "How digital, data and innovation appear in the council's strategy.",
                "",
                (
                    "They are not mentioned, or only as IT.",
                    "There is a strategy for them, separate from the council's plans.",
                    "The council's plans set out what they must achieve.",
                    "Progress is reported to leaders and members regularly.",
                    "They shape the council's priorities, not just support them.",
                ),
            ),
            (
                PROCESS,
                "How investment is decided.",
                "",
                (
                    "Money follows whoever asks loudest or the oldest contract.",
                    "Business cases are written for large projects.",
                    "Investment is prioritised against the strategy, with benefits tracked.",
                    "Funding follows teams and outcomes, not one-off projects.",
                    "Investment is planned for years ahead and benefits are published.",
                ),
            ),
            (
                PEOPLE,
                "How the council plans the skills it needs.",
                "",
                (
                    "Skills gaps are found when someone leaves.",
                    "Some teams plan their own training and hiring.",
                    "There is a plan for the skills the council needs in the next few years.",
                    "The plan is funded and reviewed against the council's maturity.",
                    "Skills planning is shared with partners to grow London's talent.",
                ),
            ),
        ),
    ),
)


def starter_model() -> ParsedModel:
    return ParsedModel(
        title=TITLE,
        description=DESCRIPTION,
        publisher=PUBLISHER,
        levels=LEVELS,
        topics=tuple(
            ParsedTopic(
                name=name,
                questions=tuple(
                    ParsedQuestion(
                        text=text,
                        context=context,
                        theme=theme,
                        statements=tuple(
                            ParsedStatement(level=level, text=statement)
                            for level, statement in enumerate(statements, start=1)
                        ),
                    )
                    for theme, text, context, statements in questions
                ),
            )
            for name, questions in TOPICS
        ),
    )
