"""The words the title mapper knows: abbreviations and spellings folded before matching, words
that say how senior or add little, words from other professions, the domains of the chief
roles, and the job description words that break near-ties."""

from __future__ import annotations

from civictalent.framework.seniority import SENIORITY_WORDS


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations, expanded before matching. "IT" and "ICT" stay as the token "it".
ABBREVIATIONS: dict[str, str] = {
    "bi": "business intelligence",
    "mi": "management information",
    "gis": "geographic information system",
    "dba": "database administrator",
    "ux": "user experience",
    "ui": "user interface",
    "ur": "user research",
    "sre": "site reliability engineer",
    "qa": "quality assurance",
    "qat": "quality assurance testing",
    "ml": "machine learning",
    "mlops": "machine learning operations",
    "ai": "artificial intelligence",
    "genai": "generative artificial intelligence",
    "llm": "large language model",
    "nlp": "natural language processing",
    "euc": "end user computing",
    "noc": "network operations centre",
    "soc": "security operations centre",
    "sdet": "software development engineer test",
    "ict": "it",
    "cdo": "chief digital officer",
    "cto": "chief technology officer",
    "cio": "chief information officer",
    "cdio": "chief digital information officer",
    "ciso": "chief information security officer",
    "dev": "developer",
    "devs": "developer",
    "ops": "operations",
    "webops": "web operations",
    "helpdesk": "help desk",
    "servicedesk": "service desk",
    "hr": "human resources",
    "dpo": "data protection officer",
}

# Spellings folded into one token before matching.
TOKEN_SYNONYMS: dict[str, str] = {
    "programmer": "developer",
    "coder": "developer",
    "program": "programme",
    "adviser": "advisor",
    "engineering": "engineer",
    "center": "centre",
    "visualization": "visualisation",
    "modeler": "modeller",
    "cybersecurity": "cyber security",
    "fullstack": "full stack",
    "backend": "back end",
    "devsecops": "devops",
    "leader": "lead",
}

STOP_WORDS = word_set("of and the for in to at on with a an or within across into by our your")

# Words that say how senior, not what job. "manager" is handled separately: it is part of
# some role names ("Delivery manager") and a seniority hint in others ("Insight Manager").
SENIORITY_TOKENS = frozenset(SENIORITY_WORDS) | {"deputy", "placement", "team"}

# Job nouns that add little: explained at half weight when a role phrase matched.
GENERIC_NOUNS = word_set(
    "officer specialist professional practitioner consultant advisor expert coordinator "
    "manager management executive staff member worker agent"
)

# Technology words that do not change the role: languages, platforms, products, teams that
# only say "this is a digital job".
NEUTRAL_WORDS = word_set(
    """
    digital it technology technical tech software web online cloud platform platforms system
    java python javascript typescript csharp dotnet net c angular react node php ruby golang
    go scala kotlin swift sql aws azure gcp salesforce servicenow sap dynamics microsoft power
    apex oracle low code automation mobile ios android quantitative qualitative govuk hybrid
    remote mid level i ii iii iv
    """
)

# Words from other professions. When nothing in the title explains them, they are strong
# evidence that the job is not a digital, data or technology role.
NON_DIGITAL_WORDS = word_set(
    """
    finance financial accountant accounting audit auditor payroll pay reward pension tax
    legal lawyer solicitor barrister paralegal policy human resource resources recruitment
    recruiter talent psychologist psychology social care carer nurse nursing clinical medical
    doctor pharmacist therapist therapy occupational teacher teaching school pupil curriculum
    learning training trainer housing tenancy homelessness lettings allocation accommodation
    planning planner refuse waste recycling cleansing street parking enforcement environmental
    warden library librarian youth clerk secretary commercial procurement buyer category estates
    property surveyor highway highways surveillance wastewater inspector inquiry nuclear
    protective communications comms engagement marketing press events customer caretaker
    cleaner gardener driver operative loader catering leisure museum archivist registrar income
    debt licensing funding fundraising economist regeneration ecologist bereavement electoral
    democratic childcare children adult safeguarding family families fostering adoption
    healthcare organisational psychological probation prison offender grooming
    """
)

# The four chief roles, found from a top seniority word and a domain (see executive.py).
CHIEF_DATA = "Chief data officer"
CHIEF_DIGITAL = "Chief digital and information officer"
CHIEF_SECURITY = "Chief information security officer"
CHIEF_TECHNOLOGY = "Chief technology officer"
EXECUTIVE_RANK = 80

# Words in a job description that favour one role when two are nearly tied.
TEXT_HINTS: dict[str, tuple[str, ...]] = {
    "Data analyst": ("sql", "power bi", "tableau", "excel", "dashboard", "reporting", "insight"),
    "Data scientist": ("machine learning", "statistical model", "regression", "python", " r "),
    "Data engineer": ("etl", "pipeline", "data warehouse", "spark", "databricks", "ingestion"),
    "Analytics engineer": ("dbt", "data model", "semantic", "power bi", "star schema"),
    "Performance analyst": ("google analytics", "kpi", "web analytics", "performance data"),
    "User researcher": ("user research", "usability", "interviews", "research plan"),
    "Interaction designer": ("prototype", "figma", "interaction design", "wireframe"),
    "Service designer": ("service blueprint", "journey map", "service design"),
    "Content designer": ("content design", "plain english", "style guide"),
    "Software developer": ("python", "java", "c#", ".net", "api", "code review"),
    "Frontend developer": ("html", "css", "javascript", "react", "accessib"),
    "Development operations (DevOps) engineer": ("terraform", "kubernetes", "ci/cd", "docker"),
    "Infrastructure engineer": ("network", "server", "vmware", "firewall", "active directory"),
    "End user computing engineer": ("intune", "sccm", "laptop", "device", "desktop"),
    "Service desk manager": ("ticket", "first line", "service desk", "itil"),
    "Business analyst": ("requirements", "process map", "user stories", "as-is"),
    "Delivery manager": ("agile", "scrum", "sprint", "kanban", "stand-up"),
    "Product manager": ("roadmap", "product vision", "backlog", "outcomes"),
    "Security architect": ("cyber", "iso 27001", "penetration", "threat", "ncsc"),
    "Data governance manager": ("data quality", "metadata", "gdpr", "data protection"),
}
