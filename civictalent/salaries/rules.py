"""Who may see and change pay scales, salary observations and benchmarks.

``grant_admin_site_to_platform_admins`` registers the app-level "salaries" permission, so it can
be called once only: add the admin-site permissions of any new salaries model to the list below
rather than calling it again.
"""

import rules

from civictalent.core.predicates import grant_admin_site_to_platform_admins, is_platform_admin

# Pay spines and grade maps are public facts about council pay: any signed-in person may read them.
rules.add_perm("salaries.view_pay_scales", rules.is_authenticated)
rules.add_perm("salaries.manage_pay_scales", is_platform_admin)

grant_admin_site_to_platform_admins(
    "salaries",
    [
        "payscheme",
        "payspine",
        "spinepoint",
        "grademap",
        "gradeband",
        "salaryobservation",
        "benchmarkcell",
        "benchmarkrefresh",
    ],
)
