"""Who may contribute, see and change job descriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from civictalent.core.predicates import (
    Person,
    add_permission,
    is_authenticated,
    is_platform_admin,
    object_predicate,
    person_predicate,
)
from civictalent.jdlibrary import (
    curation_rules,  # noqa: F401 - jdlibrary.curate
    health_rules,  # noqa: F401 - council scores, re-scoring
)
from civictalent.organisations.predicates import (
    is_council_editor,
    is_council_member,
    organisations_where,
)

if TYPE_CHECKING:
    from civictalent.jdlibrary.models import JobDescription


@person_predicate
def edits_for_some_council(user: Person) -> bool:
    return bool(organisations_where(user))


@object_predicate
def is_published_to_everyone(user: Person, jd: JobDescription) -> bool:
    return bool(jd.status == "published" and jd.visibility == "members")


@object_predicate
def is_published(user: Person, jd: JobDescription) -> bool:
    return bool(jd.status == "published")


add_permission(
    "jdlibrary.contribute", is_authenticated & (edits_for_some_council | is_platform_admin)
)
add_permission(
    "jdlibrary.view_jd",
    is_authenticated
    & (
        is_published_to_everyone
        | (is_published & is_council_member)
        | is_council_editor
        | is_platform_admin
    ),
)
add_permission("jdlibrary.edit_jd", is_council_editor)
