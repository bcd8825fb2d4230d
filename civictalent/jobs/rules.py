"""Who may write, moderate, publish, import and read the insight of vacancies."""

from __future__ import annotations

from typing import Any

import rules

from civictalent.core.predicates import grant_admin_site_to_platform_admins, is_platform_admin
from civictalent.organisations.predicates import (
    is_council_admin,
    is_council_editor,
    is_council_member,
    organisations_where,
)

PUBLIC_STATUSES = frozenset({"published", "closed"})


@rules.predicate
def edits_for_some_council(user: Any) -> bool:
    return bool(organisations_where(user))


@rules.predicate
def is_public_vacancy(user: Any, vacancy: Any) -> bool:
    return bool(vacancy is not None and vacancy.status in PUBLIC_STATUSES)


@rules.predicate
def council_may_self_publish(user: Any, target: Any) -> bool:
    from civictalent.jobs.models import CouncilJobsSettings

    organisation_id = getattr(target, "organisation_id", None)
    if organisation_id is None:
        return False
    return CouncilJobsSettings.objects.filter(
        organisation_id=organisation_id, may_self_publish=True
    ).exists()


# Anyone may read a published or closed vacancy; drafts only its council and moderators.
rules.add_perm("jobs.read_vacancy", is_public_vacancy | is_council_member | is_platform_admin)
rules.add_perm(
    "jobs.create_vacancy", rules.is_authenticated & (edits_for_some_council | is_platform_admin)
)
rules.add_perm("jobs.edit_vacancy", is_council_editor)
# Platform admins are the moderators.
rules.add_perm("jobs.moderate", is_platform_admin)
rules.add_perm(
    "jobs.publish_vacancy", is_platform_admin | (is_council_admin & council_may_self_publish)
)
# On an organisation: counts of views and apply clicks, and the council's vacancy list.
rules.add_perm("jobs.view_council_vacancies", is_council_member | is_platform_admin)
rules.add_perm("jobs.import_vacancies", is_council_editor | is_platform_admin)
rules.add_perm("jobs.manage_settings", is_platform_admin)
rules.add_perm("jobs.save_search", rules.is_authenticated)

grant_admin_site_to_platform_admins(
    "jobs", ["vacancy", "counciljobssettings", "vacancyimport", "savedsearch", "vacancydailycount"]
)
