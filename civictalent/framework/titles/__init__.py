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

One module each: ``cleaning`` (1, 2), ``vocabulary`` and ``aliases`` (the words), ``index``
(3), ``scoring`` and ``executive`` (4), ``levels`` (5), ``mapper`` (the order above),
``evaluation`` (accuracy over labelled titles).
"""

from .evaluation import catalogue_from_starter, evaluate
from .mapper import TitleMapper
from .results import (
    CONFIDENCE_THRESHOLD,
    LOW_CONFIDENCE,
    MAX_ALTERNATIVES,
    MAX_TITLE_CHARACTERS,
    Candidate,
    CatalogueRole,
    TitleMatch,
)

__all__ = [
    "CONFIDENCE_THRESHOLD",
    "LOW_CONFIDENCE",
    "MAX_ALTERNATIVES",
    "MAX_TITLE_CHARACTERS",
    "Candidate",
    "CatalogueRole",
    "TitleMapper",
    "TitleMatch",
    "catalogue_from_starter",
    "evaluate",
]
