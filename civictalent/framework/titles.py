"""Map a free-text job title (and optionally the job description) to a framework role level.

Pure Python, standard library only (re, difflib): no Django, no model downloaded at run time.

How it works, in order:

1. Clean the title: strip pay grades (PO4, SO1, Scale 6, Grade 7, G7, HEO, SEO...), salaries,
   reference numbers, contract terms ("(Fixed Term)", "2 Year FTA", "x2"), locations and
   "Hybrid"; expand abbreviations (BI, GIS, DBA, UX, UR, SRE, QA, ML, AI, ICT, CDO, CTO...).
2. Split what is left into segments ("Judicial Appointments Commission - Developer") and keep
   bracketed text aside as weaker evidence ("Technical Lead (Lead Software Engineer)").
3. Look the words up in an index of phrases built from the catalogue (role names, role level
   names) and a curated alias table of general phrases ("business intelligence", "scrum
   master", "site reliability"...). Word order mostly does not matter ("Analyst, Data"), close
   misspellings are forgiven (difflib).
4. Score each role: the quality of its best phrase, scaled by how much of the title the
   phrase explains. Words from other occupations (finance, policy, housing, teaching...)
   that nothing explains lower the score, so "Learning Designer" or "Digital Finance Lead"
   do not pass for digital roles.
5. Pick the role level from the seniority words of the title, mapped onto the role's own
   levels (a "Lead" title in a role without a lead level goes to the nearest level).

The confidence is 0..1. Below CONFIDENCE_THRESHOLD the match has no role: the title is most
likely not a digital, data or technology job, or is too vague to place. The job description
text only breaks near-ties between roles.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from civictalent.framework.seniority import (
    ANALYST_STEP_DOWN,
    PLAIN_RANK,
    SENIORITY_WORDS,
    level_rank,
    seniority_of_words,
)

# Below this a title gets no role. Chosen from the labelled set (docs/accuracy.md): genuine
# digital titles with a noisy team name in front still score above it, while titles from
# other professions that merely share a word ("Policy Advisor - Developer Contributions")
# score below it.
CONFIDENCE_THRESHOLD = 0.4
# What "low confidence" means for a title that is not a digital, data or technology role.
LOW_CONFIDENCE = 0.5
MAX_ALTERNATIVES = 3
# Titles longer than this are read only this far (the API refuses longer ones).
MAX_TITLE_CHARACTERS = 300


@dataclass(frozen=True)
class CatalogueRole:
    family: str
    role: str
    levels: tuple[str, ...]  # career order


@dataclass(frozen=True)
class Candidate:
    family: str
    role: str
    role_level: str | None
    confidence: float


@dataclass(frozen=True)
class TitleMatch:
    family: str | None
    role: str | None
    role_level: str | None
    confidence: float
    alternatives: tuple[Candidate, ...]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "role": self.role,
            "role_level": self.role_level,
            "confidence": self.confidence,
            "alternatives": [
                {
                    "family": alternative.family,
                    "role": alternative.role,
                    "role_level": alternative.role_level,
                    "confidence": alternative.confidence,
                }
                for alternative in self.alternatives
            ],
        }


# --- vocabulary ---------------------------------------------------------------------------


def _word_set(words: str) -> frozenset[str]:
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

STOP_WORDS = _word_set("of and the for in to at on with a an or within across into by our your")

# Words that say how senior, not what job. "manager" is handled separately: it is part of
# some role names ("Delivery manager") and a seniority hint in others ("Insight Manager").
SENIORITY_TOKENS = frozenset(SENIORITY_WORDS) | {"deputy", "placement", "team"}

# Job nouns that add little: explained at half weight when a role phrase matched.
GENERIC_NOUNS = _word_set(
    "officer specialist professional practitioner consultant advisor expert coordinator "
    "manager management executive staff member worker agent"
)

# Technology words that do not change the role: languages, platforms, products, teams that
# only say "this is a digital job".
NEUTRAL_WORDS = _word_set(
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
NON_DIGITAL_WORDS = _word_set(
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


@dataclass(frozen=True)
class Alias:
    phrase: str
    role: str
    quality: float


# Phrases that match only as written, words together and in this order: "information
# management" is governance but "management information" is reporting, and "service manager"
# (the old GDS name of the service owner) should not match "Services Partnering Manager".
ORDERED_PHRASES = frozenset({"management information", "information management", "service manager"})


# General phrases (never whole evaluation titles) and the DDaT role they point to. The
# quality says how sure the phrase alone makes us. Decisions worth knowing:
# - Council "business intelligence", "insight", "information analyst" and "MI" work is data
#   analysis: Data analyst. "Performance analyst/officer" keeps its own DDaT role, which is
#   about measuring how services perform.
# - DDaT has no geospatial role: GIS work goes to Data analyst, the nearest.
# - DDaT has no database administrator: DBA work goes to Data engineer, the nearest (it
#   looks after databases and data stores), with a lower quality.
# - BI, report and "analytical" developers build models and dashboards: Analytics engineer.
# - UX and product designers design interactions: Interaction designer. UX/UR research is
#   User researcher. Visual designers are Graphic designers.
# - Scrum masters, agile coaches and (digital) project managers: Delivery manager.
# - Site reliability, web operations and platform engineers: DevOps engineer.
# - DDaT (2024) has no cyber security family: security engineers, analysts and consultants
#   go to Security architect, the only security role below the CISO.
# - Desk-side, device and "ICT support" roles: End user computing engineer; help desks:
#   Service desk manager (whose entry level is Service desk analyst).
# - "Service manager" was the GDS name of today's Service owner.
ALIASES: tuple[Alias, ...] = tuple(
    Alias(phrase, role, quality)
    for role, phrases in {
        "Data analyst": (
            ("business intelligence", 0.9),
            ("management information", 0.85),
            ("information analyst", 0.9),
            ("insight analyst", 0.9),
            ("insight", 0.8),
            ("insights", 0.8),
            ("intelligence analyst", 0.75),
            ("data analysis", 0.9),
            ("data analytics", 0.9),
            ("reporting analyst", 0.9),
            ("report writer", 0.85),
            ("data visualisation", 0.85),
            ("research analyst", 0.7),
            ("analytics", 0.75),
            ("geographic information system", 0.8),
            ("geospatial", 0.8),
            ("spatial data", 0.8),
            ("data officer", 0.7),
        ),
        "Performance analyst": (
            ("performance officer", 0.85),
            ("performance analysis", 0.9),
            ("digital analytics", 0.85),
            ("web analytics", 0.85),
        ),
        "Data engineer": (
            ("data developer", 0.85),
            ("etl developer", 0.85),
            ("data platform engineer", 0.9),
            ("data pipeline", 0.85),
            ("database administrator", 0.75),
            ("database analyst", 0.75),
            ("database developer", 0.8),
            ("database engineer", 0.8),
        ),
        "Analytics engineer": (
            ("business intelligence developer", 0.85),
            ("business intelligence engineer", 0.85),
            ("analytical developer", 0.85),
            ("report developer", 0.8),
            ("reporting developer", 0.8),
        ),
        "Data scientist": (
            ("data science", 0.95),
            ("machine learning scientist", 0.9),
            ("research scientist data", 0.8),
        ),
        "Machine learning engineer": (
            ("machine learning", 0.9),
            ("machine learning operations", 0.9),
            ("natural language processing", 0.8),
            ("computer vision", 0.8),
        ),
        "AI engineer": (
            ("artificial intelligence engineer", 0.95),
            ("artificial intelligence developer", 0.9),
            ("generative artificial intelligence", 0.85),
            ("large language model", 0.85),
            ("prompt engineer", 0.8),
        ),
        "Data governance manager": (
            ("data governance", 0.95),
            ("data quality", 0.85),
            ("data catalogue", 0.8),
            ("data steward", 0.85),
            ("master data", 0.8),
            ("information governance", 0.8),
            ("information management", 0.75),
            ("data protection", 0.6),
        ),
        "Data ethicist": (
            ("data ethics", 0.95),
            ("artificial intelligence ethics", 0.9),
            ("ethicist", 0.9),
        ),
        "Digital evaluator": (("digital evaluation", 0.95), ("evaluator", 0.7)),
        "Software developer": (
            ("software engineer", 0.95),
            ("software development", 0.9),
            ("full stack", 0.95),
            ("back end", 0.95),
            ("application developer", 0.95),
            ("applications developer", 0.95),
            ("web developer", 0.9),
            ("mobile developer", 0.95),
            ("it developer", 0.95),
            ("technical lead", 0.7),
            ("tech lead", 0.7),
        ),
        "Frontend developer": (
            ("frontend", 0.9),
            ("user interface developer", 0.9),
            ("frontend engineer", 0.95),
        ),
        "Development operations (DevOps) engineer": (
            ("devops", 0.95),
            ("site reliability", 0.95),
            ("platform engineer", 0.85),
            ("web operations", 0.85),
            ("build engineer", 0.8),
        ),
        "Infrastructure engineer": (
            ("infrastructure", 0.8),
            ("network engineer", 0.9),
            ("network", 0.7),
            ("systems engineer", 0.8),
            ("system engineer", 0.8),
            ("systems administrator", 0.8),
            ("system administrator", 0.8),
            ("server engineer", 0.85),
            ("cloud engineer", 0.8),
            ("storage engineer", 0.85),
            ("network operations centre", 0.75),
            ("unix engineer", 0.85),
            ("linux engineer", 0.85),
            ("windows engineer", 0.85),
            ("vmware engineer", 0.85),
            ("citrix engineer", 0.85),
        ),
        "Infrastructure operations engineer": (
            ("infrastructure operations", 0.95),
            ("data centre", 0.8),
        ),
        "Application operations engineer": (
            ("application support", 0.9),
            ("applications support", 0.9),
            ("application operations", 0.95),
            ("systems support", 0.75),
            ("application analyst", 0.7),
            ("application specialist", 0.7),
        ),
        "End user computing engineer": (
            ("end user", 0.9),
            ("desktop support", 0.9),
            ("desktop engineer", 0.85),
            ("it support", 0.85),
            ("technical support", 0.8),
            ("support engineer", 0.8),
            ("support officer", 0.75),
            ("support analyst", 0.7),
            ("support technician", 0.8),
            ("onsite support", 0.85),
            ("mobile support", 0.85),
            ("device support", 0.85),
            ("it technician", 0.8),
            ("field engineer", 0.75),
        ),
        "Service desk manager": (
            ("service desk", 0.95),
            ("help desk", 0.9),
            ("first line support", 0.85),
            ("1st line support", 0.85),
        ),
        "IT service manager": (
            ("it service", 0.85),
            ("service management", 0.8),
            ("service continuity", 0.8),
        ),
        "Incident manager": (("incident management", 0.9),),
        "Problem manager": (("problem management", 0.9),),
        "Change and release manager": (
            ("change and release", 0.95),
            ("release manager", 0.9),
            ("release management", 0.9),
            ("configuration manager", 0.85),
        ),
        "Command and control centre manager": (
            ("command and control", 0.95),
            ("operations centre", 0.8),
            ("operations bridge", 0.8),
        ),
        "Service transition manager": (
            ("service transition", 0.95),
            ("service acceptance", 0.9),
            ("service readiness", 0.9),
        ),
        "Business relationship manager": (
            ("business relationship", 0.95),
            ("relationship manager", 0.85),
            ("it business partner", 0.85),
            ("digital business partner", 0.8),
            ("technology business partner", 0.85),
        ),
        "Business analyst": (
            ("business analysis", 0.95),
            ("business systems analyst", 0.9),
            ("requirements analyst", 0.85),
            ("process analyst", 0.75),
            ("systems analyst", 0.7),
        ),
        "Delivery manager": (
            ("project manager", 0.85),
            ("project lead", 0.8),
            ("project delivery", 0.8),
            ("scrum master", 0.9),
            ("agile coach", 0.75),
            ("agile delivery", 0.9),
            ("delivery lead", 0.9),
            ("delivery", 0.65),
            ("iteration manager", 0.85),
        ),
        "Programme delivery manager": (
            ("programme manager", 0.7),
            ("programme delivery", 0.9),
        ),
        "Product manager": (
            ("product owner", 0.95),
            ("product management", 0.95),
            ("product lead", 0.9),
        ),
        "Digital portfolio manager": (
            ("portfolio manager", 0.9),
            ("portfolio analyst", 0.9),
            ("portfolio management", 0.9),
            ("portfolio office", 0.8),
        ),
        "Service owner": (("service manager", 0.75),),
        "Quality assurance test analyst": (
            ("test analyst", 0.95),
            ("quality assurance analyst", 0.95),
            ("quality assurance", 0.8),
            ("software tester", 0.9),
            ("tester", 0.85),
            ("testing", 0.75),
        ),
        "Test engineer": (
            ("automation test", 0.9),
            ("test automation", 0.9),
            ("quality engineer", 0.85),
            ("quality assurance engineer", 0.9),
            ("software development engineer test", 0.95),
            ("performance tester", 0.85),
        ),
        "Test manager": (("test lead", 0.85), ("testing manager", 0.9)),
        "Enterprise architect": (("enterprise architecture", 0.95),),
        "Solution architect": (("solution design", 0.8), ("solution designer", 0.8)),
        "Technical architect": (
            ("technical architecture", 0.95),
            ("technology architect", 0.85),
            ("software architect", 0.85),
            ("cloud architect", 0.8),
            ("architect", 0.5),
        ),
        "Business architect": (("business architecture", 0.95),),
        "Data architect": (("data architecture", 0.95), ("data modeller", 0.8)),
        "Network architect": (("network design", 0.8), ("network designer", 0.8)),
        "Security architect": (
            ("cyber security", 0.8),
            ("cyber", 0.7),
            ("information security", 0.8),
            ("it security", 0.85),
            ("security engineer", 0.85),
            ("security analyst", 0.85),
            ("security consultant", 0.85),
            ("security specialist", 0.8),
            ("penetration tester", 0.8),
            ("security operations centre", 0.8),
        ),
        "Accessibility specialist": (("digital accessibility", 0.95),),
        "Content designer": (
            ("content design", 0.95),
            ("content editor", 0.85),
            ("web content", 0.85),
            ("digital content", 0.8),
            ("content officer", 0.8),
            ("content writer", 0.8),
            ("web editor", 0.8),
            ("user experience writer", 0.85),
        ),
        "Content strategist": (("content strategy", 0.95),),
        "Graphic designer": (
            ("visual designer", 0.9),
            ("graphic design", 0.95),
            ("visual design", 0.85),
        ),
        "Interaction designer": (
            ("interaction design", 0.95),
            ("product designer", 0.9),
            ("user experience designer", 0.9),
            ("user interface designer", 0.85),
            ("user experience", 0.8),
            ("user interface", 0.75),
            ("designer", 0.6),
        ),
        "Service designer": (("service design", 0.95),),
        "Technical writer": (("technical author", 0.9), ("documentation writer", 0.8)),
        "User researcher": (
            ("user research", 0.95),
            ("user experience researcher", 0.95),
            ("design researcher", 0.85),
            ("research operations", 0.75),
            ("usability", 0.8),
        ),
    }.items()
    for phrase, quality in phrases
)

# The four chief roles are found from a top seniority word ("chief", "head of", "director")
# and nothing but a domain: "Head of ICT", "Director of Digital", "Chief Data Officer".
_DATA_DOMAIN = frozenset({"data", "analytics"})
_DIGITAL_DOMAIN = frozenset({"digital", "information", "ddat"})
_TECH_DOMAIN = frozenset({"technology", "it", "technical"})
_SECURITY_DOMAIN = frozenset({"cyber", "security"})
_EXECUTIVE_FILLER = _word_set(
    "officer service services transformation innovation business strategy division "
    "operations function"
)
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


# --- cleaning -----------------------------------------------------------------------------

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_NOISE_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # salaries and money
        r"£\s?\d[\d,.]*\s?k?(\s*(-|to)\s*£?\s?\d[\d,.]*\s?k?)?",
        r"\bup to\s+£?\d[\d,]*\b",
        r"\b\d{2,3},\d{3}\b",
        r"\b\d{4,7}\s*-\s*\d{4,7}\b",
        r"(?<![a-z])-\s?\d{4,7}\b",
        r"\bp\.?\s?a\.?(?![a-z])",
        r"\bper (annum|year|hour|day)\b",
        r"\bpro[ -]?rata\b",
        r"\+?\s*(plus\s+)?benefits\b",
        # references and ids
        # one run of spaces, not three in a row: "\s*(no)?\s*:?\s*" backtracks cubically
        r"\bref(erence)?\.?\s*(?:(no\.?|number)\s*)?(?::\s*)?[a-z0-9/]*\d[a-z0-9/-]*",
        r"#\s?\w+",
        r"\bid\s*\d+\b",
        r"\bvacancy\b",
        # pay grades of councils and the civil service
        r"\b(po|so|sc)\s?-?\d{1,2}\b",
        r"\bscale\s?\d{1,2}[a-z]?\b",
        r"\bgrade\s?\d{1,2}[a-z]?\b",
        r"\bband\s?\d{1,2}[a-z]?\b",
        r"\bband\s[a-f]\b",
        r"\bpay\s?band\s?\w?\d?\b",
        r"\bg\s?[67]\b",
        r"\b[a-e]\d(seo|heo|eo|g[67])\b",
        r"\b(aa|ao|eo|heo|seo|scs|sco|hlta?)\b",
        r"\bpb\s?\d\b",
        r"\b[a-e][1-3]\b",
        r"\blevel\s?\d\b",
        r"\bddat\b",
        # contract terms
        r"\bfixed[ -]?term( contract| appointment| post)?\b",
        r"\b(ftc|fta)\b",
        r"\b\d+\s*(year|yr|month|mth|week)s?\b",
        r"\b(temporary|permanent|secondment|interim|locum|contract)\b",
        r"\bmaternity (cover|leave)\b",
        r"\b(part|full)[ -]?time\b",
        r"\b(hybrid|remote|home[ -]based|office[ -]based|flexible working|job share)\b",
        r"\bx\s?\d+\b",
        r"\b\d+\s?x\b",
        r"\b\d+\s+(roles?|posts?|positions?|vacancies)(\s+available)?\b",
        r"\b(roles?|posts?)\s+available\b",
        # places
        r"\b(london|national|nationwide|uk|united kingdom|england|scotland|wales|manchester"
        r"|birmingham|leeds|bristol|newcastle|glasgow|edinburgh|cardiff|belfast|sheffield"
        r"|nottingham|liverpool|croydon|darlington|telford|swansea|york|sheffield|various"
        r"|multiple locations|locations?)\b",
    )
)
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_SEGMENT_SPLIT = re.compile(r"\s+-+\s*|\s*-+\s+|\s*[|:;]\s*")
_TOKEN = re.compile(r"[a-z0-9]+")
_ALPHA_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_PLURAL_KEEP = _word_set(
    "devops ops gis ios aws analytics business access process class sales news series"
)


def _prepare(text: str) -> str:
    text = _DASHES.sub("-", text).replace("\u00a0", " ").lower()
    text = text.replace("c#", " csharp ").replace(".net", " dotnet ").replace("gov.uk", " govuk ")
    text = text.replace("i.ai", " iai ").replace("&", " and ").replace("/", " ")
    text = re.sub(r"front[ -]?end", "frontend", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    for pattern in _NOISE_PATTERNS:
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" -,.")


@lru_cache(maxsize=4096)
def _singular(token: str) -> str:
    if token in _PLURAL_KEEP or len(token) <= 4 or not token.endswith("s"):
        return token
    if token.endswith(("ss", "us", "is")):
        return token
    if token.endswith("ies") and len(token) > 5:
        return token[:-3] + "y"
    return token[:-1]


def _tokens(text: str) -> list[str]:
    words: list[str] = []
    for raw in _TOKEN.findall(text.lower()):
        if any(character.isdigit() for character in raw):
            # "Developer05", "MI6": keep the letters, but never read them as an abbreviation.
            words.extend(
                _singular(piece)
                for piece in _ALPHA_DIGIT.sub(" ", raw).split()
                if not piece.isdigit()
            )
            continue
        word = TOKEN_SYNONYMS.get(raw, raw)
        expanded = ABBREVIATIONS.get(word, word)
        for part in expanded.split():
            part = TOKEN_SYNONYMS.get(part, part)
            for piece in part.split():
                words.append(_singular(piece))
    return [word for word in words if word not in STOP_WORDS]


def _phrase_tokens(text: str) -> tuple[str, ...]:
    return tuple(token for token in _tokens(text) if token not in SENIORITY_TOKENS)


# --- the index ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phrase:
    tokens: tuple[str, ...]
    role: str
    quality: float
    source: str
    ordered: bool = False

    @property
    def token_set(self) -> frozenset[str]:
        return frozenset(self.tokens)


@dataclass
class _RoleInfo:
    family: str
    role: str
    levels: tuple[str, ...]
    level_tokens: tuple[frozenset[str], ...] = ()
    level_ranks: tuple[int, ...] = ()
    has_analyst_levels: bool = False
    has_manager_levels: bool = False
    single_level: bool = False


@dataclass
class _Score:
    role: str
    confidence: float
    phrase: _Phrase
    explained: set[str] = field(default_factory=set)
    from_aside: bool = False


def _name_variants(name: str) -> list[str]:
    """'Development operations (DevOps) engineer' -> without and with the bracket."""
    if "(" not in name:
        return [name]
    without = re.sub(r"\([^)]*\)", " ", name)
    with_inner = re.sub(r"[()]", " ", name)
    return [without, with_inner]


class TitleMapper:
    """Maps job titles to the roles of one catalogue. Build once; map many titles."""

    def __init__(self, roles: Sequence[CatalogueRole]) -> None:
        self._roles: dict[str, _RoleInfo] = {}
        phrases: list[_Phrase] = []
        for entry in roles:
            role = entry.role.strip()
            levels = tuple(
                level.strip() or role
                for level in entry.levels
                if level.strip() and level.strip().upper() != "NOT IN USE"
            ) or (role,)
            info = _RoleInfo(family=entry.family.strip(), role=role, levels=levels)
            self._describe_levels(info)
            self._roles[role.lower()] = info
            if role.lower().startswith("chief"):
                # Found by _executive_match: without "chief", "Chief data officer" would
                # read as "data officer".
                continue
            for variant in _name_variants(role):
                tokens = _phrase_tokens(variant)
                if tokens:
                    phrases.append(_Phrase(tokens, role, 1.0, f"role name '{role}'"))
            for level in levels:
                for variant in _name_variants(level):
                    tokens = _phrase_tokens(variant)
                    if tokens:
                        quality = 1.0 if len(tokens) > 1 or tokens == ("developer",) else 0.9
                        phrases.append(_Phrase(tokens, role, quality, f"level '{level}'"))
        for alias in ALIASES:
            info_for_alias = self._roles.get(alias.role.lower())
            if info_for_alias is None:
                continue
            # Alias phrases keep their seniority words ("project lead", "test lead").
            tokens = tuple(_tokens(alias.phrase))
            if tokens:
                phrases.append(
                    _Phrase(
                        tokens,
                        info_for_alias.role,
                        alias.quality,
                        f"'{alias.phrase}'",
                        ordered=alias.phrase in ORDERED_PHRASES,
                    )
                )
        unique: dict[tuple[tuple[str, ...], str], _Phrase] = {}
        for phrase in phrases:
            key = (phrase.tokens, phrase.role)
            if key not in unique or unique[key].quality < phrase.quality:
                unique[key] = phrase
        self._phrases = tuple(unique.values())
        # Words a role's phrases use: a stray one ("engineer" next to "site reliability")
        # is half explained.
        role_words: dict[str, set[str]] = {}
        for phrase in self._phrases:
            role_words.setdefault(phrase.role, set()).update(phrase.tokens)
        self._role_words = {role: frozenset(words) for role, words in role_words.items()}
        self._by_token: dict[str, list[_Phrase]] = {}
        for phrase in self._phrases:
            for token in set(phrase.tokens):
                self._by_token.setdefault(token, []).append(phrase)
        self._vocabulary = tuple(
            sorted(
                set(self._by_token)
                | NEUTRAL_WORDS
                | NON_DIGITAL_WORDS
                | GENERIC_NOUNS
                | SENIORITY_TOKENS
            )
        )
        self._vocabulary_set = frozenset(self._vocabulary)
        self._executive = {
            name: self._roles[name.lower()].role
            for name in (CHIEF_DATA, CHIEF_DIGITAL, CHIEF_SECURITY, CHIEF_TECHNOLOGY)
            if name.lower() in self._roles
        }
        self._correct = lru_cache(maxsize=8192)(self._correct_token)

    # -- set-up helpers

    @staticmethod
    def _describe_levels(info: _RoleInfo) -> None:
        tokenised = [
            frozenset(_tokens(level)) - SENIORITY_TOKENS - NEUTRAL_WORDS for level in info.levels
        ]
        common = frozenset.intersection(*tokenised) if tokenised else frozenset()
        info.level_ranks = tuple(level_rank(level, info.role) for level in info.levels)
        # Head levels are told apart by "head", not by their words: in "Head of service
        # design" the word "design" names the discipline, not the level.
        info.level_tokens = tuple(
            frozenset() if rank >= EXECUTIVE_RANK else tokens - common
            for tokens, rank in zip(tokenised, info.level_ranks, strict=True)
        )
        words = [set(_tokens(level)) for level in info.levels]
        info.has_analyst_levels = any("analyst" in w and "manager" not in w for w in words) and any(
            "manager" in w for w in words
        )
        info.has_manager_levels = any("manager" in w or "management" in w for w in words)
        info.single_level = len(info.levels) == 1

    def _correct_token(self, token: str) -> str:
        if token in self._vocabulary_set or len(token) < 5 or token.isdigit():
            return token
        close = difflib.get_close_matches(token, self._vocabulary, n=1, cutoff=0.85)
        return close[0] if close else token

    # -- mapping

    def map(self, title: str, text: str = "") -> TitleMatch:
        # A title is a line, not a document: only its start is read, so the cleaning patterns
        # (and the segment scoring, quadratic in segments) run on a bounded string.
        cleaned = _prepare((title or "")[:MAX_TITLE_CHARACTERS])
        asides = [inner for pair in _BRACKETS.findall(cleaned) for inner in pair if inner.strip()]
        main = _BRACKETS.sub(" ", cleaned)
        main = re.sub(r"[()\[\]]", " ", main)
        segments = [
            [self._correct(token) for token in _tokens(part)] for part in _SEGMENT_SPLIT.split(main)
        ]
        segments = [segment for segment in segments if segment]
        aside_segments = [
            [self._correct(token) for token in _tokens(_BRACKETS.sub(" ", part))] for part in asides
        ]
        aside_segments = [segment for segment in aside_segments if segment]
        if not segments and aside_segments:
            segments, aside_segments = aside_segments, []
        if not segments:
            return TitleMatch(None, None, None, 0.0, (), "the title is empty once cleaned")

        scores = self._score_roles(segments, aside_segments)
        executive = self._executive_match(segments)
        if executive is not None:
            existing = scores.get(executive.role)
            if existing is None or existing.confidence < executive.confidence:
                scores[executive.role] = executive
        ranked = sorted(scores.values(), key=lambda score: -score.confidence)
        if text and len(ranked) > 1:
            ranked = self._tie_break(ranked, text)

        all_words = [token for segment in segments for token in segment]
        aside_words = [token for segment in aside_segments for token in segment]
        candidates = [
            Candidate(
                family=self._roles[score.role.lower()].family,
                role=score.role,
                role_level=self._pick_level(score.role, all_words, aside_words),
                confidence=round(score.confidence, 3),
            )
            for score in ranked
            if score.confidence > 0.05
        ]
        if not candidates:
            fallback = self._fallback(all_words)
            if fallback is not None:
                candidates = [fallback]
        if not candidates or candidates[0].confidence < CONFIDENCE_THRESHOLD:
            nearest = (
                f"; nearest: {candidates[0].role} ({candidates[0].confidence:.2f})"
                if candidates
                else ""
            )
            return TitleMatch(
                None,
                None,
                None,
                candidates[0].confidence if candidates else 0.0,
                tuple(candidates[:MAX_ALTERNATIVES]),
                "no digital, data or technology role recognised with enough confidence" + nearest,
            )
        top = candidates[0]
        top_score = ranked[0]
        seniority = seniority_of_words(all_words) if all_words else None
        reason = f"matched {top_score.phrase.source} -> {top.role}"
        if top_score.from_aside:
            reason += " (from the text in brackets)"
        if seniority is not None:
            reason += f"; seniority rank {seniority}"
        return TitleMatch(
            family=top.family,
            role=top.role,
            role_level=top.role_level,
            confidence=top.confidence,
            alternatives=tuple(candidates[1 : 1 + MAX_ALTERNATIVES]),
            reason=reason,
        )

    def _score_roles(
        self, segments: list[list[str]], aside_segments: list[list[str]]
    ) -> dict[str, _Score]:
        scores: dict[str, _Score] = {}
        groups = [(segments, False), (aside_segments, True)]
        for group, is_aside in groups:
            for index, segment in enumerate(group):
                others = [
                    token
                    for other_index, other in enumerate(segments)
                    if is_aside or other_index != index
                    for token in other
                ]
                for score in self._score_segment(segment, others, is_aside):
                    existing = scores.get(score.role)
                    if existing is None or existing.confidence < score.confidence:
                        scores[score.role] = score
        return scores

    def _score_segment(
        self, segment: list[str], other_words: list[str], is_aside: bool
    ) -> list[_Score]:
        present = set(segment)
        content = [token for token in segment if token not in SENIORITY_TOKENS]
        if not content:
            return []
        matched: dict[str, list[_Phrase]] = {}
        seen: set[int] = set()
        for token in present:
            for phrase in self._by_token.get(token, ()):
                if id(phrase) in seen:
                    continue
                seen.add(id(phrase))
                if phrase.token_set <= present and (
                    not phrase.ordered or self._contiguous(phrase.tokens, segment)
                ):
                    matched.setdefault(phrase.role, []).append(phrase)
        results: list[_Score] = []
        other_penalty = 0.3 * sum(
            1 for token in set(other_words) if token in NON_DIGITAL_WORDS
        ) + 0.03 * sum(
            1
            for token in set(other_words)
            if token not in self._vocabulary_set and token not in NEUTRAL_WORDS
        )
        for role, phrases in matched.items():
            best = max(phrases, key=lambda p: self._specificity(p, segment))
            explained = set().union(*(p.token_set for p in phrases))
            explained_weight = 0.0
            total_weight = 0.0
            non_digital = 0
            # The last word is usually the head noun ("... Visualisation Developer"): a role
            # that leaves it unexplained is less likely.
            head = len(content) - 1
            for position, token in enumerate(content):
                if token in explained:
                    explained_weight += 1.0
                    total_weight += 1.0
                elif (
                    token in NEUTRAL_WORDS
                    or token in GENERIC_NOUNS
                    or token in self._role_words.get(role, frozenset())
                ):
                    explained_weight += 0.5
                    total_weight += 0.5
                else:
                    total_weight += 1.5 if position == head and head > 0 else 1.0
                    if token in NON_DIGITAL_WORDS:
                        non_digital += 1
            coverage = explained_weight / total_weight if total_weight else 0.0
            confidence = best.quality * (0.4 + 0.6 * coverage)
            if not self._contiguous(best.tokens, segment):
                confidence *= 0.93
            confidence -= min(0.5, 0.25 * non_digital)
            confidence -= min(0.45, other_penalty)
            if is_aside:
                confidence *= 0.85
            results.append(
                _Score(role, max(0.0, min(1.0, confidence)), best, explained, from_aside=is_aside)
            )
        # Ties go to the phrase that starts earlier in the title.
        results.sort(key=lambda score: (-round(score.confidence, 4), self._first(score, segment)))
        return results

    @staticmethod
    def _specificity(phrase: _Phrase, segment: list[str]) -> tuple[float, int]:
        value = phrase.quality * (1 + 0.15 * (len(phrase.tokens) - 1))
        if TitleMapper._contiguous(phrase.tokens, segment):
            value *= 1.05
        return (value, -min(segment.index(token) for token in phrase.tokens))

    @staticmethod
    def _first(score: _Score, segment: list[str]) -> int:
        positions = [segment.index(token) for token in score.phrase.tokens if token in segment]
        return min(positions) if positions else len(segment)

    @staticmethod
    def _contiguous(tokens: tuple[str, ...], segment: list[str]) -> bool:
        length = len(tokens)
        return any(
            tuple(segment[start : start + length]) == tokens
            for start in range(len(segment) - length + 1)
        )

    def _executive_match(self, segments: list[list[str]]) -> _Score | None:
        if not self._executive:
            return None
        words = [token for segment in segments for token in segment]
        rank = seniority_of_words(words)
        if rank is None or rank < EXECUTIVE_RANK:
            return None
        content = {token for token in words if token not in SENIORITY_TOKENS}
        domain = content - _EXECUTIVE_FILLER - GENERIC_NOUNS
        if not domain:
            return None
        allowed = _DATA_DOMAIN | _DIGITAL_DOMAIN | _TECH_DOMAIN | _SECURITY_DOMAIN
        if not domain <= allowed:
            return None
        if domain & _SECURITY_DOMAIN:
            if domain & {"cyber", "information", "it"} or "chief" in words:
                role = CHIEF_SECURITY
            else:
                return None
        elif domain == {"information"}:
            # "Chief Information Officer" leads digital; "Head of Information" is too vague.
            if "chief" not in words:
                return None
            role = CHIEF_DIGITAL
        elif (
            "digital" in domain
            or "ddat" in domain
            or (domain & _DATA_DOMAIN and domain & (_TECH_DOMAIN | {"information"}))
        ):
            role = CHIEF_DIGITAL
        elif domain & _DATA_DOMAIN:
            role = CHIEF_DATA
        else:
            role = CHIEF_TECHNOLOGY
        if role not in self._executive:
            return None
        filler = content - domain
        confidence = 0.9 if not (filler - GENERIC_NOUNS) else 0.85
        phrase = _Phrase(
            tuple(sorted(domain)),
            self._executive[role],
            confidence,
            f"a top seniority word with the domain '{' '.join(sorted(domain))}'",
        )
        return _Score(self._executive[role], confidence, phrase, set(domain))

    def _tie_break(self, ranked: list[_Score], text: str) -> list[_Score]:
        if ranked[0].confidence - ranked[1].confidence >= 0.1:
            return ranked
        lowered = f" {text.lower()} "
        adjusted: list[_Score] = []
        for score in ranked:
            hints = TEXT_HINTS.get(score.role, ())
            hits = sum(1 for hint in hints if hint in lowered)
            bonus = 0.05 * min(1.0, hits / 3) if hits else 0.0
            adjusted.append(
                _Score(
                    score.role,
                    min(1.0, score.confidence + bonus),
                    score.phrase,
                    score.explained,
                    score.from_aside,
                )
            )
        return sorted(adjusted, key=lambda score: -score.confidence)

    def _title_rank(self, info: _RoleInfo, words: list[str], aside_words: list[str]) -> int:
        rank = seniority_of_words(words)
        if rank is None and aside_words:
            rank = seniority_of_words(aside_words)
        # Only the word "manager": "management" also comes from expanded abbreviations
        # ("MI" is management information) and marks the management track.
        says_manager = "manager" in words
        if rank is None:
            rank = 62 if (says_manager and not info.has_manager_levels) else PLAIN_RANK
        if info.has_analyst_levels and not says_manager and rank < EXECUTIVE_RANK:
            rank -= ANALYST_STEP_DOWN
        return rank

    def _pick_level(self, role: str, words: list[str], aside_words: list[str]) -> str | None:
        info = self._roles[role.lower()]
        if info.single_level:
            return info.levels[0]
        title_rank = self._title_rank(info, words, aside_words)
        present = set(words)
        best_level: str | None = None
        best_key: tuple[float, int] | None = None
        for level, distinctive, rank in zip(
            info.levels, info.level_tokens, info.level_ranks, strict=True
        ):
            hits = len(distinctive & present)
            misses = len(distinctive - present)
            score = 2.0 * hits - 0.5 * misses - 0.04 * abs(title_rank - rank)
            if rank >= EXECUTIVE_RANK and title_rank < 75:
                score -= 1.0
            if rank <= 10 and title_rank >= 26:
                score -= 1.0
            key = (round(score, 4), rank if title_rank >= PLAIN_RANK else -rank)
            if best_key is None or key > best_key:
                best_key, best_level = key, level
        return best_level

    def _fallback(self, words: list[str]) -> Candidate | None:
        """No phrase matched whole: the role whose phrase the title half-matches best, kept low.

        Token overlap only (the typo correction already ran), so it stays cheap.
        """
        present = set(words)
        best_score, best_role = 0.0, ""
        for token in present:
            for phrase in self._by_token.get(token, ()):
                overlap = len(phrase.token_set & present) / len(phrase.token_set)
                score = phrase.quality * overlap
                if score > best_score:
                    best_score, best_role = score, phrase.role
        if not best_role:
            return None
        info = self._roles[best_role.lower()]
        return Candidate(info.family, info.role, None, round(0.35 * best_score, 3))


# --- helpers for callers ------------------------------------------------------------------


def catalogue_from_starter() -> list[CatalogueRole]:
    """The starter framework as a catalogue (no database needed)."""
    from civictalent.framework.starter import STARTER_FRAMEWORK

    return [
        CatalogueRole(
            family=family.name,
            role=role.name,
            levels=tuple(level.name for level in role.levels),
        )
        for family in STARTER_FRAMEWORK
        for role in family.roles
    ]


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return str(value).strip() if value is not None else ""


def evaluate(mapper: TitleMapper, rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Accuracy of the mapper over labelled rows.

    Each row has ``title``, ``expected_role`` and ``expected_role_level`` (and may have
    ``expected_family``). A row with no expected role is a title that is not a digital, data
    or technology job: it counts as right when its confidence is below LOW_CONFIDENCE.
    """
    digital = 0
    role_right = 0
    level_right = 0
    non_digital = 0
    low_right = 0
    misses: list[dict[str, Any]] = []
    for row in rows:
        title = _text(row, "title")
        expected_role = _text(row, "expected_role")
        expected_level = _text(row, "expected_role_level")
        match = mapper.map(title, _text(row, "text"))
        if not expected_role:
            non_digital += 1
            if match.confidence < LOW_CONFIDENCE:
                low_right += 1
            else:
                misses.append(
                    {
                        "title": title,
                        "expected_role": None,
                        "expected_role_level": None,
                        "role": match.role,
                        "role_level": match.role_level,
                        "confidence": match.confidence,
                        "kind": "non-digital title with high confidence",
                    }
                )
            continue
        digital += 1
        role_ok = (match.role or "").lower() == expected_role.lower()
        level_ok = role_ok and (match.role_level or "").lower() == expected_level.lower()
        role_right += role_ok
        level_right += level_ok
        if not level_ok:
            misses.append(
                {
                    "title": title,
                    "expected_role": expected_role,
                    "expected_role_level": expected_level,
                    "role": match.role,
                    "role_level": match.role_level,
                    "confidence": match.confidence,
                    "kind": "wrong role level" if role_ok else "wrong role",
                }
            )
    return {
        "digital_titles": digital,
        "non_digital_titles": non_digital,
        "role_correct": role_right,
        "role_level_correct": level_right,
        "low_confidence_correct": low_right,
        "top1_role_accuracy": role_right / digital if digital else 0.0,
        "role_level_accuracy": level_right / digital if digital else 0.0,
        "low_confidence_accuracy": low_right / non_digital if non_digital else 0.0,
        "misses": misses,
    }
