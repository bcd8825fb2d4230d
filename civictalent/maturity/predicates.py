"""Predicates about assessments: who contributes to one, and whether it is still open."""

from __future__ import annotations

from civictalent.core.predicates import Person, object_predicate
from civictalent.maturity.models import Assessment, Contributor


@object_predicate
def is_contributor(user: Person, assessment: object) -> bool:
    """Invited to answer this assessment (and still signed in as an active person)."""
    if not isinstance(assessment, Assessment) or not getattr(user, "is_authenticated", False):
        return False
    cache: dict[int, bool] = user.__dict__.setdefault("_civictalent_contributes", {})
    if assessment.pk not in cache:
        cache[assessment.pk] = Contributor.objects.filter(
            assessment=assessment, user_id=int(user.pk or 0)
        ).exists()
    return cache[assessment.pk]


@object_predicate
def is_open(user: Person, assessment: object) -> bool:
    return isinstance(assessment, Assessment) and assessment.is_open
