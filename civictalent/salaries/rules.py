"""Who may see and change pay scales, salary observations and benchmarks.

``grant_admin_site_to_platform_admins`` registers the app-level "salaries" permission, so it can
be called once only: add the admin-site permissions of any new salaries model to the list below
rather than calling it again.
"""

from civictalent.core.predicates import (
    add_permission,
    grant_admin_site_to_platform_admins,
    is_authenticated,
    is_platform_admin,
)

# Pay spines and grade maps are public facts about council pay: any signed-in person may read them.
add_permission("salaries.view_pay_scales", is_authenticated)
add_permission("salaries.manage_pay_scales", is_platform_admin)

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
