"""The alias table: general phrases people write in job titles and the DDaT role each points
to, with how sure the phrase alone makes us."""

from __future__ import annotations

from dataclasses import dataclass


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
