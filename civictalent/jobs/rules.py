"""Who may write, approve (publish or return), moderate, import and read the insight of
vacancies, and who chooses how a council's adverts are approved."""

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
from civictalent.organisations.models import Organisation
from civictalent.organisations.predicates import (
    is_council_admin,
    is_council_editor,
    is_council_member,
    is_council_publisher,
    organisations_publishing,
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
def council_approves_own(user: Person, target: object) -> bool:
    """The target's council approves its own adverts (its approval route is "council")."""
    from civictalent.jobs.approval import approves_own

    organisation_id = getattr(target, "organisation_id", None)
    if organisation_id is None and isinstance(target, Organisation):
        organisation_id = target.pk
    return organisation_id is not None and approves_own(organisation_id)


@person_predicate
def publishes_for_some_council(user: Person) -> bool:
    return bool(organisations_publishing(user))


# Anyone may read a published or closed vacancy; drafts only its council and moderators.
add_permission("jobs.read_vacancy", is_public_vacancy | is_council_member | is_platform_admin)
add_permission(
    "jobs.create_vacancy", is_authenticated & (edits_for_some_council | is_platform_admin)
)
add_permission("jobs.edit_vacancy", is_council_editor)
# Platform admins are LOTI's moderators: every council's queue, and the spot checks of what
# councils published themselves.
add_permission("jobs.moderate", is_platform_admin)
# Publishing (or returning) a vacancy: the moderators, or the admins and named publishers of a
# council that approves its own adverts.
add_permission(
    "jobs.publish_vacancy", is_platform_admin | (is_council_publisher & council_approves_own)
)
# The queue of adverts waiting for approval: moderators, and anyone who approves a council's
# adverts (they see their own councils' queue).
add_permission("jobs.view_approvals", is_platform_admin | publishes_for_some_council)
# On an organisation: how its adverts are approved and who its named publishers are. A
# platform admin may also lock the route so the council cannot change it.
add_permission("jobs.manage_approval", is_council_admin | is_platform_admin)
add_permission("jobs.lock_approval", is_platform_admin)
# On an organisation: counts of views and apply clicks, and the council's vacancy list.
add_permission("jobs.view_council_vacancies", is_council_member | is_platform_admin)
add_permission("jobs.import_vacancies", is_council_editor | is_platform_admin)
add_permission("jobs.manage_settings", is_platform_admin)
add_permission("jobs.save_search", is_authenticated)

grant_admin_site_to_platform_admins(
    "jobs", ["vacancy", "counciljobssettings", "vacancyimport", "savedsearch", "vacancydailycount"]
)
