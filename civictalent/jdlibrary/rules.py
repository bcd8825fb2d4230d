"""Who may contribute, see and change job descriptions."""

from typing import Any

import rules

from civictalent.core.predicates import is_platform_admin
from civictalent.jdlibrary import (
    curation_rules,  # noqa: F401 - jdlibrary.curate
    health_rules,  # noqa: F401 - council scores, re-scoring
)
from civictalent.organisations.predicates import (
    is_council_editor,
    is_council_member,
    organisations_where,
)


@rules.predicate
def edits_for_some_council(user: Any) -> bool:
    return bool(organisations_where(user))


@rules.predicate
def is_published_to_everyone(user: Any, jd: Any) -> bool:
    return bool(jd.status == "published" and jd.visibility == "members")


@rules.predicate
def is_published(user: Any, jd: Any) -> bool:
    return bool(jd.status == "published")


rules.add_perm(
    "jdlibrary.contribute", rules.is_authenticated & (edits_for_some_council | is_platform_admin)
)
rules.add_perm(
    "jdlibrary.view_jd",
    rules.is_authenticated
    & (
        is_published_to_everyone
        | (is_published & is_council_member)
        | is_council_editor
        | is_platform_admin
    ),
)
rules.add_perm("jdlibrary.edit_jd", is_council_editor)
