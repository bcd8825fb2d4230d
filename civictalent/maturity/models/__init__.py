"""The capability model, maturity models, councils' self-assessments and their results, and what
a council plans from them: its profile (size, team structure, on-costs), which capabilities it has,
and the actions of its roadmap.

Three parts, one app, because each reads the others: an assessment is scored against a maturity
model; the roadmap reads the council's latest scores and the capability model.
"""

from civictalent.maturity.models.assessment import (
    Answer,
    Assessment,
    AssessmentScore,
    AssessmentStatus,
    Contributor,
    LondonScores,
    ScoreKind,
    Settlement,
)
from civictalent.maturity.models.capability import (
    Capability,
    CapabilityRole,
    CapabilityVersion,
    CouncilSize,
    Domain,
)
from civictalent.maturity.models.common import HIGHEST_LEVEL, LOWEST_LEVEL
from civictalent.maturity.models.maturity_model import (
    LevelStatement,
    MaturityLevel,
    MaturityModel,
    ModelSource,
    Question,
    Theme,
    Topic,
)
from civictalent.maturity.models.planning import (
    DEFAULT_ON_COSTS_PERCENT,
    ActionStatus,
    CapabilityCoverage,
    CouncilProfile,
    Coverage,
    RoadmapAction,
    TeamStructure,
)

__all__ = [
    "DEFAULT_ON_COSTS_PERCENT",
    "HIGHEST_LEVEL",
    "LOWEST_LEVEL",
    "ActionStatus",
    "Answer",
    "Assessment",
    "AssessmentScore",
    "AssessmentStatus",
    "Capability",
    "CapabilityCoverage",
    "CapabilityRole",
    "CapabilityVersion",
    "Contributor",
    "CouncilProfile",
    "CouncilSize",
    "Coverage",
    "Domain",
    "LevelStatement",
    "LondonScores",
    "MaturityLevel",
    "MaturityModel",
    "ModelSource",
    "Question",
    "RoadmapAction",
    "ScoreKind",
    "Settlement",
    "TeamStructure",
    "Theme",
    "Topic",
]
