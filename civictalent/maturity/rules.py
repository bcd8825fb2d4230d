"""Who may do what with the capability model, maturity models, assessments and roadmaps.

A council's answers, evidence, results and plan are for its members (and platform admins, whose
reading is audited by the views); London comparisons are aggregates only and need no rule of
their own. The capability model and the maturity models are public.
"""

from civictalent.core.predicates import (
    add_permission,
    grant_admin_site_to_platform_admins,
    is_platform_admin,
)
from civictalent.maturity.predicates import is_contributor, is_open
from civictalent.organisations.predicates import (
    is_council_admin,
    is_council_editor,
    is_council_member,
)

# The capability model (the public "online tool") and maturity models.
add_permission("maturity.edit_capability_model", is_platform_admin)
add_permission("maturity.import_maturity_model", is_platform_admin)

# On an organisation: see its assessments, results and roadmap; start an assessment.
add_permission("maturity.view_council", is_council_member | is_platform_admin)
add_permission("maturity.start_assessment", is_council_admin)
# On an organisation: its profile, which capabilities it has, and its roadmap's actions.
add_permission("maturity.edit_plan", is_council_editor)

# On an assessment.
add_permission("maturity.view_assessment", is_council_member | is_platform_admin)
add_permission("maturity.answer", is_contributor & is_council_member & is_open)
add_permission("maturity.manage_assessment", is_council_admin & is_open)

grant_admin_site_to_platform_admins(
    "maturity",
    [
        "domain",
        "capability",
        "capabilityrole",
        "capabilityversion",
        "maturitymodel",
        "maturitylevel",
        "topic",
        "theme",
        "question",
        "levelstatement",
    ],
    actions=("view",),
)
