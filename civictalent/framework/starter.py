"""The project's own starter framework, so a fresh install works without the official files.

Family, role and role level names are those of the Government Digital and Data Profession
Capability Framework (facts, reused under the Open Government Licence). Every description
here is written by the Civic Talent project in its own words: the official descriptions are
never copied into the repository. Levels are listed in career order. "AI engineer" is not in
the official framework; it is added as an emerging role councils are starting to hire for.
Pure Python: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass

STARTER_FRAMEWORK_NAME = "Civic Talent starter framework (based on the DDaT role names)"
STARTER_FRAMEWORK_VERSION = "1.0"
STARTER_FRAMEWORK_SOURCE = (
    "Family, role and role level names from the Government Digital and Data Profession "
    "Capability Framework (Central Digital and Data Office); descriptions written by the "
    "Civic Talent project; AI engineer added by the project as an emerging role."
)
STARTER_FRAMEWORK_LICENCE = (
    "Names: Crown copyright, Open Government Licence v3.0 (attribution: Central Digital and "
    "Data Office). Descriptions: MIT, like the rest of Civic Talent."
)


@dataclass(frozen=True)
class StarterLevel:
    name: str
    description: str


@dataclass(frozen=True)
class StarterRole:
    name: str
    description: str
    levels: tuple[StarterLevel, ...]
    emerging: bool = False
    senior_civil_service: bool = False


@dataclass(frozen=True)
class StarterFamily:
    name: str
    description: str
    roles: tuple[StarterRole, ...]


def _role(
    name: str,
    description: str,
    *levels: tuple[str, str],
    emerging: bool = False,
    senior_civil_service: bool = False,
) -> StarterRole:
    return StarterRole(
        name=name,
        description=description,
        levels=tuple(StarterLevel(level, about) for level, about in levels),
        emerging=emerging,
        senior_civil_service=senior_civil_service,
    )


def _chief(name: str, description: str, level_description: str) -> StarterRole:
    # The official file has no levels for these Senior Civil Service roles ("NOT IN USE"):
    # each is one level, named like the role.
    return _role(name, description, (name, level_description), senior_civil_service=True)


ARCHITECTURE = StarterFamily(
    "Architecture",
    "People who decide how systems, data, networks and business processes fit together so "
    "the organisation can change safely.",
    (
        _role(
            "Business architect",
            "Maps how the organisation works today and how it must change to meet its goals.",
            (
                "Trainee business architect",
                "Learns architecture methods by helping on small pieces of analysis with close "
                "guidance.",
            ),
            (
                "Associate business architect",
                "Models parts of the business and explains problems simply, with support from "
                "seniors.",
            ),
            (
                "Business architect",
                "Owns the business view for a programme and keeps designs in line with strategy.",
            ),
            (
                "Lead business architect",
                "Shapes the target operating model across the organisation and coaches other "
                "architects.",
            ),
        ),
        _role(
            "Data architect",
            "Designs how data is structured, stored and shared so it stays consistent and usable.",
            (
                "Data architect",
                "Designs data models and flows for a service and checks they follow agreed "
                "standards.",
            ),
            (
                "Senior data architect",
                "Sets data design patterns across several services and resolves conflicts "
                "between them.",
            ),
            (
                "Chief data architect",
                "Owns the organisation-wide data blueprint and the standards every team builds to.",
            ),
        ),
        _role(
            "Enterprise architect",
            "Looks across the whole organisation to align technology, data and processes with "
            "its plans.",
            (
                "Enterprise architect",
                "Keeps a programme's technology choices in step with the organisation's wider "
                "plans.",
            ),
            (
                "Senior enterprise architect",
                "Guides several programmes towards shared platforms and fewer duplicated systems.",
            ),
            (
                "Lead enterprise architect",
                "Runs architecture governance and decides the roadmap for a large business area.",
            ),
            (
                "Principal enterprise architect",
                "Sets the long-term technology direction for the whole organisation and its "
                "partners.",
            ),
        ),
        _role(
            "Network architect",
            "Designs the networks that connect offices, data centres, cloud services and people.",
            (
                "Associate network architect",
                "Draws up network designs for simple sites under the eye of an experienced "
                "architect.",
            ),
            (
                "Network architect",
                "Designs resilient, secure networks for services and sites and sees them built.",
            ),
            (
                "Lead network architect",
                "Sets network standards and strategy and leads the other network architects.",
            ),
        ),
        _role(
            "Security architect",
            "Builds protection into systems from the start so risks are understood and kept in "
            "check.",
            (
                "Security architect",
                "Designs security controls for a service and explains the remaining risk to its "
                "owners.",
            ),
            (
                "Lead security architect",
                "Sets the security patterns many teams reuse and reviews their designs.",
            ),
            (
                "Principal security architect",
                "Owns security architecture for the organisation and advises leaders on major "
                "risks.",
            ),
        ),
        _role(
            "Solution architect",
            "Turns a business need into a workable technical solution that fits the wider estate.",
            (
                "Associate solution architect",
                "Helps design parts of a solution and documents the options, with guidance.",
            ),
            (
                "Solution architect",
                "Designs the end-to-end solution for a project and guides the team that builds it.",
            ),
            (
                "Senior solution architect",
                "Designs complex solutions that span several systems, suppliers or teams.",
            ),
            (
                "Lead solution architect",
                "Oversees solution design across a portfolio and mentors other solution "
                "architects.",
            ),
            (
                "Principal solution architect",
                "Sets solution design practice for the organisation and takes the hardest cases.",
            ),
        ),
        _role(
            "Technical architect",
            "Decides how the parts of a system are built and joined so it is reliable, secure "
            "and affordable.",
            (
                "Associate technical architect",
                "Contributes to technical designs and learns to weigh trade-offs under "
                "supervision.",
            ),
            (
                "Technical architect",
                "Owns the technical design of a service and makes the key build decisions with "
                "the team.",
            ),
            (
                "Senior technical architect",
                "Leads technical design for large or risky services and reviews others' work.",
            ),
            (
                "Lead technical architect",
                "Sets technical standards across a group of services and grows the architect "
                "community.",
            ),
            (
                "Principal technical architect",
                "Shapes technology choices for the whole organisation and advises its leaders.",
            ),
        ),
    ),
)

CHIEF_DIGITAL_AND_DATA = StarterFamily(
    "Chief digital and data",
    "The most senior leaders of digital, data, technology and security, answerable to the "
    "organisation's board.",
    (
        _chief(
            "Chief data officer",
            "Leads the organisation's use of data, from strategy and governance to analysis.",
            "Sets the data strategy and answers to the board for how data is used and protected.",
        ),
        _chief(
            "Chief digital and information officer",
            "Leads digital services and technology for the whole organisation.",
            "Answers to the board for digital change, technology spending and the digital "
            "workforce.",
        ),
        _chief(
            "Chief information security officer",
            "Leads cyber and information security across the organisation.",
            "Owns the organisation's security risk, its security policy and its response to "
            "attacks.",
        ),
        _chief(
            "Chief technology officer",
            "Leads the organisation's technology strategy and estate.",
            "Decides the technology direction and makes sure platforms and suppliers deliver it.",
        ),
    ),
)

DATA = StarterFamily(
    "Data",
    "People who collect, move, look after, analyse and learn from data so decisions rest on "
    "evidence.",
    (
        _role(
            "Analytics engineer",
            "Turns raw data into clean, tested, well-documented tables that analysts can trust.",
            (
                "Trainee analytics engineer",
                "Learns to build and test data models while working on guided tasks.",
            ),
            (
                "Analytics engineer",
                "Builds and maintains data models and transformations for a set of users.",
            ),
            (
                "Senior analytics engineer",
                "Designs the modelling approach for a domain and reviews others' code.",
            ),
            (
                "Lead analytics engineer",
                "Leads a team of analytics engineers and agrees modelling standards.",
            ),
            (
                "Head of analytics engineering",
                "Runs the analytics engineering practice and its tooling across the organisation.",
            ),
        ),
        _role(
            "Data analyst",
            "Finds, cleans and analyses data and explains what it shows in plain language.",
            (
                "Associate data analyst",
                "Produces routine reports and charts and learns analysis techniques with support.",
            ),
            (
                "Data analyst",
                "Answers questions from services with data, dashboards and clear findings.",
            ),
            (
                "Senior data analyst",
                "Leads complex analyses, chooses methods and guides junior analysts.",
            ),
            (
                "Principal data analyst",
                "Leads an analysis function, sets its standards and advises senior decision "
                "makers.",
            ),
        ),
        _role(
            "Data engineer",
            "Builds and runs the pipelines and platforms that move and store data reliably.",
            (
                "Data engineer",
                "Builds and maintains data pipelines to designs agreed with the team.",
            ),
            (
                "Senior data engineer",
                "Designs pipelines and data stores for a service and reviews others' work.",
            ),
            (
                "Lead data engineer",
                "Leads a data engineering team and chooses its tools and patterns.",
            ),
            (
                "Head of data engineering",
                "Runs data engineering across the organisation and owns its platform strategy.",
            ),
        ),
        _role(
            "Data ethicist",
            "Helps teams use data and AI fairly, lawfully and in ways the public would accept.",
            (
                "Data ethics lead",
                "Advises projects on ethical risks and runs reviews of how data and AI are used.",
            ),
            (
                "Head of data ethics",
                "Sets the organisation's approach to data and AI ethics and leads its advisers.",
            ),
            emerging=True,
        ),
        _role(
            "Data governance manager",
            "Makes sure data is well described, of good quality, owned and handled lawfully.",
            (
                "Data governance manager",
                "Runs data standards, ownership and quality checks for a set of data.",
            ),
            (
                "Lead data governance manager",
                "Coordinates governance across several areas and settles disputes over data.",
            ),
            (
                "Head of data governance",
                "Owns the governance framework and reports on data risk to senior leaders.",
            ),
        ),
        _role(
            "Data scientist",
            "Uses statistics, modelling and code to find patterns and make predictions from data.",
            (
                "Trainee data scientist",
                "Learns modelling and coding by working on well-defined pieces of analysis.",
            ),
            (
                "Associate data scientist",
                "Builds straightforward models and analyses with guidance from seniors.",
            ),
            (
                "Data scientist",
                "Designs and delivers data science projects from question to working model.",
            ),
            (
                "Lead data scientist",
                "Leads a team of data scientists and decides which methods to trust.",
            ),
            (
                "Principal data scientist",
                "Tackles the hardest modelling problems and sets practice across teams.",
            ),
            (
                "Head of data science",
                "Runs the data science function and links its work to the organisation's "
                "priorities.",
            ),
        ),
        _role(
            "Digital evaluator",
            "Finds out whether digital services and programmes achieve what they set out to do.",
            (
                "Junior digital evaluator",
                "Collects evidence and helps run evaluations planned by others.",
            ),
            (
                "Digital evaluator",
                "Plans and runs evaluations of digital services and reports what worked.",
            ),
            (
                "Senior digital evaluator",
                "Designs evaluations for large or complex programmes and guides others.",
            ),
            (
                "Lead digital evaluator",
                "Leads a team of evaluators and agrees methods with programme owners.",
            ),
            (
                "Head of digital evaluation",
                "Sets the evaluation strategy and makes sure findings change decisions.",
            ),
        ),
        _role(
            "Machine learning engineer",
            "Takes machine learning models from experiment to a dependable live service.",
            (
                "Senior machine learning engineer",
                "Builds, deploys and monitors models in production for a team.",
            ),
            (
                "Lead machine learning engineer",
                "Leads machine learning engineering and sets how models are shipped and watched.",
            ),
            emerging=True,
        ),
        _role(
            "AI engineer",
            "Builds services that use AI models, such as language models, safely and well.",
            ("AI engineer", "Builds and tests features that call AI models, with guardrails."),
            (
                "Senior AI engineer",
                "Designs AI-backed features end to end and judges when AI is the wrong tool.",
            ),
            (
                "Lead AI engineer",
                "Leads AI engineering work and sets standards for safety, cost and evaluation.",
            ),
            emerging=True,
        ),
        _role(
            "Performance analyst",
            "Measures how services perform and uses the evidence to improve them.",
            (
                "Associate performance analyst",
                "Gathers service data and builds simple reports with support.",
            ),
            (
                "Performance analyst",
                "Sets measures for a service, tracks them and suggests improvements.",
            ),
            (
                "Senior performance analyst",
                "Leads measurement across several services and coaches other analysts.",
            ),
            (
                "Lead performance analyst",
                "Leads a performance analysis team and its standards and tools.",
            ),
            (
                "Head of performance analysis",
                "Runs performance analysis for the organisation and reports to its leaders.",
            ),
        ),
    ),
)

IT_OPERATIONS = StarterFamily(
    "IT operations",
    "People who keep live technology running, fix it when it breaks and change it without "
    "disrupting users.",
    (
        _role(
            "Application operations engineer",
            "Keeps business applications running, healthy and up to date for their users.",
            (
                "Associate application operations engineer",
                "Monitors applications and handles routine support tasks with guidance.",
            ),
            (
                "Application operations engineer",
                "Supports and maintains applications and fixes faults in live use.",
            ),
            (
                "Senior application operations engineer",
                "Handles complex application faults and improves how support works.",
            ),
            (
                "Lead application operations engineer",
                "Leads an application support team and its service levels.",
            ),
            (
                "Principal application operations engineer",
                "Sets how applications are operated across the organisation.",
            ),
        ),
        _role(
            "Business relationship manager",
            "Connects technology teams with the services they support so needs and plans match.",
            (
                "Business relationship manager",
                "Looks after the technology relationship with one or more service areas.",
            ),
            (
                "Senior business relationship manager",
                "Manages relationships with large or demanding service areas and suppliers.",
            ),
            (
                "Lead business relationship manager",
                "Leads the relationship managers and shapes demand across the organisation.",
            ),
        ),
        _role(
            "Change and release manager",
            "Plans and controls changes to live systems so they go in safely.",
            (
                "Change and release analyst",
                "Logs, checks and schedules changes and releases to the agreed process.",
            ),
            (
                "Configuration analyst",
                "Keeps the record of systems and their parts accurate and up to date.",
            ),
            (
                "Change and release manager",
                "Runs the change and release process and decides when changes can go ahead.",
            ),
        ),
        _role(
            "Command and control centre manager",
            "Watches live services around the clock and coordinates the response when they fail.",
            (
                "Operations analyst",
                "Monitors alerts and dashboards and raises issues with the right teams.",
            ),
            (
                "Senior operations analyst",
                "Leads a shift of monitoring staff and handles tricky alerts.",
            ),
            (
                "Operational control manager",
                "Runs the control centre and its procedures day to day.",
            ),
            (
                "Head of command and control",
                "Owns the operations centre, its tools and its service to the organisation.",
            ),
        ),
        _role(
            "End user computing engineer",
            "Provides and supports the laptops, phones, software and accounts that staff use.",
            (
                "Associate end user computing engineer",
                "Sets up devices and fixes common problems with guidance.",
            ),
            (
                "End user computing engineer",
                "Builds, deploys and supports staff devices and desktop software.",
            ),
            (
                "Senior end user computing engineer",
                "Solves difficult device and desktop faults and improves the standard build.",
            ),
            (
                "Lead end user computing engineer",
                "Leads an end user support team and plans device upgrades.",
            ),
            (
                "Principal end user computing engineer",
                "Sets the workplace technology strategy and standards for the organisation.",
            ),
        ),
        _role(
            "IT service manager",
            "Makes sure technology services meet agreed standards for the people who rely on them.",
            (
                "IT service analyst",
                "Tracks service performance and helps run service management processes.",
            ),
            (
                "IT service manager",
                "Runs one or more IT services and manages them against agreed levels.",
            ),
            (
                "Senior IT service manager",
                "Manages a large group of services and the suppliers behind them.",
            ),
            (
                "Head of IT service management",
                "Owns service management practice and policy across the organisation.",
            ),
        ),
        _role(
            "Incident manager",
            "Leads the response when a service fails so it is restored quickly.",
            ("Incident manager", "Coordinates the fix for service incidents and keeps users told."),
            (
                "Major incident manager",
                "Takes charge of the most serious outages and reports on them to leaders.",
            ),
        ),
        _role(
            "Infrastructure engineer",
            "Designs, builds and maintains the servers, networks, storage and cloud that services "
            "run on.",
            (
                "Associate infrastructure engineer",
                "Carries out routine infrastructure tasks and learns the estate.",
            ),
            (
                "Infrastructure engineer",
                "Builds and maintains infrastructure components and automates repeat work.",
            ),
            (
                "Senior infrastructure engineer",
                "Designs infrastructure changes and solves the hardest technical faults.",
            ),
            (
                "Lead infrastructure engineer",
                "Leads an infrastructure team and chooses its platforms and tools.",
            ),
            (
                "Principal infrastructure engineer",
                "Sets infrastructure direction and standards across the organisation.",
            ),
        ),
        _role(
            "Infrastructure operations engineer",
            "Keeps infrastructure healthy day to day through monitoring, patching and backups.",
            (
                "Associate infrastructure operations engineer",
                "Carries out routine checks, patches and backups with guidance.",
            ),
            (
                "Infrastructure operations engineer",
                "Operates and maintains infrastructure and responds to faults.",
            ),
            (
                "Senior infrastructure operations engineer",
                "Handles complex operational issues and improves operating procedures.",
            ),
            (
                "Lead infrastructure operations engineer",
                "Leads an operations team and its rotas, tools and targets.",
            ),
            (
                "Principal infrastructure operations engineer",
                "Sets how infrastructure is operated across the organisation.",
            ),
        ),
        _role(
            "Problem manager",
            "Finds the root causes of repeated incidents and gets them fixed for good.",
            (
                "Problem analyst",
                "Investigates recurring faults and records causes and workarounds.",
            ),
            (
                "Problem manager",
                "Runs the problem process and pushes teams to remove underlying causes.",
            ),
        ),
        _role(
            "Service desk manager",
            "Runs the first point of contact for staff who need help with technology.",
            (
                "Service desk analyst",
                "Answers calls and tickets, fixes what can be fixed first time and passes on the "
                "rest.",
            ),
            (
                "Senior service desk analyst",
                "Handles harder requests, coaches colleagues and spots recurring issues.",
            ),
            (
                "Service desk manager",
                "Manages the service desk team, its performance and its knowledge base.",
            ),
            (
                "Head of service desk",
                "Owns the service desk and user support strategy for the organisation.",
            ),
        ),
        _role(
            "Service transition manager",
            "Gets new or changed services ready to go live and handed over to operations.",
            (
                "Service acceptance analyst",
                "Checks a new service meets the criteria for going live.",
            ),
            (
                "Service readiness analyst",
                "Makes sure support teams, documents and tools are ready before launch.",
            ),
            (
                "Service transition manager",
                "Plans and runs the move of a service into live operation.",
            ),
            (
                "Lead service transition manager",
                "Leads transition work across many services and sets the approach.",
            ),
        ),
    ),
)

PRODUCT_AND_DELIVERY = StarterFamily(
    "Product and delivery",
    "People who decide what to build and why, and who help teams get it into the hands of users.",
    (
        _role(
            "Business analyst",
            "Studies how work is done, finds problems and turns needs into clear requirements.",
            (
                "Trainee business analyst",
                "Learns analysis techniques by helping on small, well-defined tasks.",
            ),
            ("Junior business analyst", "Maps processes and writes up requirements with guidance."),
            (
                "Business analyst",
                "Analyses a business area, models its processes and agrees requirements with "
                "users.",
            ),
            (
                "Senior business analyst",
                "Leads analysis on complex change and helps shape what a project delivers.",
            ),
            (
                "Lead business analyst",
                "Leads a team of business analysts and sets analysis standards.",
            ),
            (
                "Head of business analysis",
                "Runs the business analysis practice across the organisation.",
            ),
        ),
        _role(
            "Delivery manager",
            "Helps a team work well together and deliver on time by removing what blocks it.",
            (
                "Associate delivery manager",
                "Supports a team's planning, meetings and tracking while learning agile delivery.",
            ),
            ("Delivery manager", "Runs delivery for a team, plans the work and clears blockers."),
            (
                "Senior delivery manager",
                "Coordinates several teams or a complex service and manages risks and "
                "dependencies.",
            ),
            (
                "Head of (Agile) delivery management",
                "Leads the delivery managers and shapes how teams deliver across the organisation.",
            ),
        ),
        _role(
            "Digital portfolio manager",
            "Keeps track of the whole set of digital projects so money and people go to the "
            "right work.",
            (
                "Digital portfolio analyst",
                "Collects and reports data on projects, costs and progress.",
            ),
            (
                "Digital portfolio manager",
                "Manages a portfolio's planning, reporting and prioritisation processes.",
            ),
            (
                "Senior digital portfolio manager",
                "Advises leaders on investment choices across a large portfolio.",
            ),
            ("Head of portfolio", "Owns portfolio management and governance for the organisation."),
        ),
        _role(
            "Product manager",
            "Decides what a product should do and why, based on user needs and evidence.",
            (
                "Associate product manager",
                "Looks after part of a product and learns product practice with support.",
            ),
            (
                "Product manager",
                "Owns a product's vision, roadmap and backlog and measures its results.",
            ),
            (
                "Senior product manager",
                "Manages a larger or riskier product and guides other product managers.",
            ),
            (
                "Lead product manager",
                "Leads product managers across a group of products and sets practice.",
            ),
            (
                "Head of product",
                "Owns product strategy and the product community for the organisation.",
            ),
        ),
        _role(
            "Programme delivery manager",
            "Leads a programme of related projects to deliver a larger change.",
            (
                "Programme delivery manager",
                "Plans and runs a programme, its budget, risks and governance.",
            ),
        ),
        _role(
            "Service owner",
            "Is accountable for a whole service and how well it works for its users.",
            ("Service owner", "Owns a service end to end: its budget, performance and direction."),
        ),
    ),
)

QUALITY_ASSURANCE_TESTING = StarterFamily(
    "Quality assurance testing (QAT)",
    "People who check that software and services work as intended, before and after they go live.",
    (
        _role(
            "Quality assurance test analyst",
            "Plans and carries out testing so problems are found before users find them.",
            (
                "Associate quality assurance test analyst",
                "Runs test scripts and reports defects with guidance.",
            ),
            (
                "Quality assurance test analyst",
                "Designs and runs tests for a product and tracks defects to closure.",
            ),
            (
                "Senior quality assurance test analyst",
                "Plans testing for complex products and guides other testers.",
            ),
            (
                "Lead quality assurance test analyst",
                "Leads a test team and sets its testing approach.",
            ),
        ),
        _role(
            "Test engineer",
            "Writes automated tests and tooling so software can be checked quickly and often.",
            (
                "Associate test engineer",
                "Writes simple automated tests and learns test tooling with support.",
            ),
            ("Test engineer", "Builds and maintains automated test suites for a product."),
            (
                "Senior test engineer",
                "Designs test automation frameworks and coaches developers on testing.",
            ),
            (
                "Lead test engineer",
                "Leads test engineering across teams and picks the tools and practices.",
            ),
        ),
        _role(
            "Test manager",
            "Leads testing for a programme or organisation and answers for quality.",
            ("Test manager", "Plans and manages testing for a programme and reports on quality."),
            (
                "Head of test",
                "Runs the testing profession and quality strategy for the organisation.",
            ),
        ),
    ),
)

SOFTWARE_DEVELOPMENT = StarterFamily(
    "Software development",
    "People who write, ship and run the code behind digital services.",
    (
        _role(
            "Development operations (DevOps) engineer",
            "Automates how software is built, released and run, and keeps the platforms "
            "dependable.",
            (
                "Apprentice DevOps engineer",
                "Learns on the job while studying, helping with scripts and pipelines.",
            ),
            (
                "Junior DevOps engineer",
                "Maintains build pipelines and infrastructure code with guidance.",
            ),
            (
                "DevOps engineer",
                "Builds and runs deployment pipelines, monitoring and cloud infrastructure.",
            ),
            (
                "Senior DevOps engineer",
                "Designs platforms and automation for several teams and reviews changes.",
            ),
            (
                "Senior DevOps engineer - management",
                "Does senior DevOps work while also line managing engineers.",
            ),
            (
                "Lead DevOps engineer",
                "Leads DevOps work for a group of teams and sets technical direction.",
            ),
            (
                "Lead DevOps engineer - management",
                "Leads DevOps work and manages the people who do it.",
            ),
            (
                "Principal DevOps engineer",
                "Sets platform and reliability strategy across the organisation.",
            ),
            (
                "Principal DevOps engineer - management",
                "Sets platform strategy and heads the DevOps engineers as their manager.",
            ),
        ),
        _role(
            "Frontend developer",
            "Builds the parts of web services that people see and use in their browsers.",
            (
                "Apprentice frontend developer",
                "Learns web development while studying, working on small changes.",
            ),
            (
                "Junior frontend developer",
                "Builds simple pages and components with support from seniors.",
            ),
            ("Frontend developer", "Builds accessible, fast user interfaces for a service."),
            (
                "Senior frontend developer",
                "Designs frontend architecture for a service and mentors other developers.",
            ),
            (
                "Lead frontend developer",
                "Leads frontend work across teams and sets standards for code and accessibility.",
            ),
            (
                "Head of frontend development",
                "Runs the frontend community and its practices across the organisation.",
            ),
        ),
        _role(
            "Software developer",
            "Designs, writes, tests and maintains the code of digital services.",
            (
                "Apprentice developer",
                "Learns to code on real work while studying for a qualification.",
            ),
            ("Junior developer", "Writes and tests code for well-defined tasks with guidance."),
            (
                "Developer",
                "Builds and maintains features and fixes for a service as part of a team.",
            ),
            (
                "Senior developer",
                "Takes on complex work, makes design decisions and reviews others' code.",
            ),
            (
                "Senior developer - management",
                "Does senior development work and line manages other developers.",
            ),
            (
                "Lead developer",
                "Leads the technical work of a team or service and sets coding standards.",
            ),
            (
                "Lead developer - management",
                "Leads a development team technically and manages its people.",
            ),
            (
                "Principal developer",
                "Solves the hardest engineering problems and shapes practice across teams.",
            ),
            (
                "Principal developer - management",
                "Shapes engineering practice and manages the developers who follow it.",
            ),
        ),
    ),
)

USER_CENTRED_DESIGN = StarterFamily(
    "User-centred design",
    "People who find out what users need and design content, interactions and services that "
    "meet it.",
    (
        _role(
            "Accessibility specialist",
            "Makes sure services can be used by everyone, including disabled people.",
            (
                "Junior accessibility specialist",
                "Checks pages against accessibility standards with guidance.",
            ),
            (
                "Accessibility specialist",
                "Audits services, advises teams and helps fix accessibility barriers.",
            ),
            (
                "Senior accessibility specialist",
                "Leads accessibility for complex services and trains other staff.",
            ),
            (
                "Head of accessibility",
                "Sets the organisation's accessibility policy and makes sure it is met.",
            ),
        ),
        _role(
            "Content designer",
            "Writes and structures words and information so users can understand and act on them.",
            (
                "Junior content designer",
                "Edits and writes simple content with support from experienced designers.",
            ),
            (
                "Associate content designer",
                "Writes content for straightforward journeys and learns content research.",
            ),
            (
                "Content designer",
                "Designs content for services and pages based on what users need to do.",
            ),
            (
                "Senior content designer",
                "Handles complex or sensitive content and guides other content designers.",
            ),
            (
                "Lead content designer",
                "Leads content design across services and sets style and standards.",
            ),
            ("Head of content design", "Runs the content design profession for the organisation."),
        ),
        _role(
            "Content strategist",
            "Plans how content is created, organised and kept up to date across channels.",
            (
                "Content strategist",
                "Sets content plans, structures and governance across a set of services.",
            ),
        ),
        _role(
            "Graphic designer",
            "Creates visual material, such as illustrations and layouts, that makes information "
            "clear.",
            (
                "Junior graphic designer",
                "Produces visual assets to an existing style with guidance.",
            ),
            (
                "Associate graphic designer",
                "Designs straightforward visual work and learns the brand rules.",
            ),
            (
                "Graphic designer",
                "Designs visual material for services and campaigns from brief to finish.",
            ),
            (
                "Senior graphic designer",
                "Leads visual design for larger projects and reviews others' work.",
            ),
            (
                "Lead graphic designer",
                "Leads graphic designers and looks after the visual identity.",
            ),
            (
                "Head of graphic design",
                "Runs graphic design and visual standards for the organisation.",
            ),
        ),
        _role(
            "Interaction designer",
            "Designs how users move through a service, from screens and forms to the whole flow.",
            (
                "Junior interaction designer",
                "Makes prototypes and screen changes with help from experienced designers.",
            ),
            (
                "Associate interaction designer",
                "Designs simple journeys and tests them with users under guidance.",
            ),
            (
                "Interaction designer",
                "Designs and prototypes interactions for a service and improves them through "
                "testing.",
            ),
            (
                "Senior interaction designer",
                "Designs complex journeys and helps other designers improve their work.",
            ),
            (
                "Lead interaction designer",
                "Leads interaction design across services and keeps patterns consistent.",
            ),
            (
                "Head of interaction design",
                "Runs the interaction design profession for the organisation.",
            ),
        ),
        _role(
            "Service designer",
            "Designs whole services, across channels and teams, around what users are trying to "
            "do.",
            ("Junior service designer", "Maps journeys and helps run workshops with support."),
            (
                "Associate service designer",
                "Designs parts of a service and learns service design methods.",
            ),
            (
                "Service designer",
                "Designs a service end to end, online and offline, with the people who run it.",
            ),
            (
                "Senior service designer",
                "Designs complex services that cross organisational boundaries.",
            ),
            (
                "Lead service designer",
                "Leads service design across a portfolio and coaches other designers.",
            ),
            (
                "Head of service design",
                "Runs service design for the organisation and its place in decision making.",
            ),
        ),
        _role(
            "Technical writer",
            "Writes clear documentation for developers and other technical users.",
            (
                "Technical writer",
                "Writes and maintains technical documentation such as guides and API references.",
            ),
            (
                "Lead technical writer",
                "Leads documentation work and sets standards for technical writing.",
            ),
        ),
        _role(
            "User researcher",
            "Finds out who uses a service and what they need, so teams design the right thing.",
            ("Junior user researcher", "Helps plan and run research sessions and takes notes."),
            (
                "Associate user researcher",
                "Runs straightforward research with guidance and shares what was learned.",
            ),
            (
                "User researcher",
                "Plans and runs research for a team and turns findings into actions.",
            ),
            (
                "Senior user researcher",
                "Leads research for complex services and mentors other researchers.",
            ),
            (
                "Lead user researcher",
                "Leads research across teams and sets research standards and ethics.",
            ),
            ("Head of user research", "Runs the user research profession for the organisation."),
        ),
    ),
)

STARTER_FRAMEWORK: tuple[StarterFamily, ...] = (
    ARCHITECTURE,
    CHIEF_DIGITAL_AND_DATA,
    DATA,
    IT_OPERATIONS,
    PRODUCT_AND_DELIVERY,
    QUALITY_ASSURANCE_TESTING,
    SOFTWARE_DEVELOPMENT,
    USER_CENTRED_DESIGN,
)
