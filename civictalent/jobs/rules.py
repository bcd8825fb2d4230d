"""Who may write, moderate, publish, import and read the insight of vacancies."""

from __future__ import annotations

from typing import TYPE_CHECKING

from civictalent.core.predicates import (
    Person,
    add_permission,
    grant_admin_site_to_platform_admins,
    is_authenticated,
    is_platform_admin,
    object_predicate,
    person_predicate,
)
from civictalent.organisations.predicates import (
    is_council_admin,
    is_council_editor,
    is_council_member,
    organisations_where,
)

if TYPE_CHECKING:
    from civictalent.jobs.models import Vacancy

PUBLIC_STATUSES = frozenset({"published", "closed"})


@person_predicate
def edits_for_some_council(user: Person) -> bool:
    return bool(organisations_where(user))


@object_predicate
def is_public_vacancy(user: Person, vacancy: Vacancy | None) -> bool:
    return bool(vacancy is not None and vacancy.status in PUBLIC_STATUSES)


@object_predicate
def council_may_self_publish(user: Person, target: object) -> bool:
    from civictalent.jobs.models import CouncilJobsSettings

    organisation_id = getattr(target, "organisation_id", None)
    if organisation_id is None:
        return False
    return CouncilJobsSettings.objects.filter(
        organisation_id=organisation_id, may_self_publish=True
    ).exists()


# Anyone may read a published or closed vacancy; drafts only its council and moderators.
add_permission("jobs.read_vacancy", is_public_vacancy | is_council_member | is_platform_admin)
add_permission(
    "jobs.create_vacancy", is_authenticated & (edits_for_some_council | is_platform_admin)
)
add_permission("jobs.edit_vacancy", is_council_editor)
# Platform admins are the moderators.
add_permission("jobs.moderate", is_platform_admin)
add_permission(
    "jobs.publish_vacancy", is_platform_admin | (is_council_admin & council_may_self_publish)
)
# On an organisation: counts of views and apply clicks, and the council's vacancy list.
add_permission("jobs.view_council_vacancies", is_council_member | is_platform_admin)
add_permission("jobs.import_vacancies", is_council_editor | is_platform_admin)
add_permission("jobs.manage_settings", is_platform_admin)
add_permission("jobs.save_search", is_authenticated)

grant_admin_site_to_platform_admins(
    "jobs", ["vacancy", "counciljobssettings", "vacancyimport", "savedsearch", "vacancydailycount"]
)
