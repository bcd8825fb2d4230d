"""Saved jobs searches: a signed-in person keeps up to MAX_SAVED searches, each a canonical
query string with a name of their choosing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from civictalent.accounts.models import User
from civictalent.jobs.criteria import criteria_from_query_string
from civictalent.jobs.models import SavedSearch

MAX_SAVED = 50
MAX_NAME = 120
MAX_QUERY = 1000


def saved_searches_of(user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("name", "pk")


def saved_search_create(*, user: User, name: str, query_string: str) -> SavedSearch:
    """Save the search ``query_string`` (made canonical first) as ``name``. Raises
    ValidationError, with a message saying what to do, for a missing or long name, an empty or
    over-long search, a search already saved, or a person who already has MAX_SAVED."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Enter a name for this search.", code="name")
    if len(name) > MAX_NAME:
        raise ValidationError(
            f"The name must be {MAX_NAME} characters or fewer; it is {len(name)}.", code="name"
        )
    criteria = criteria_from_query_string(query_string)
    if criteria.is_empty:
        raise ValidationError(
            "Choose at least one filter or enter keywords before you save a search.",
            code="query",
        )
    canonical = criteria.to_query_string()
    if len(canonical) > MAX_QUERY:
        raise ValidationError(
            "This search is too long to save. Remove some filters, then save it.", code="query"
        )
    with transaction.atomic():
        # Lock the person's row so two saves at once cannot both pass the limit.
        User.objects.select_for_update().filter(pk=user.pk).exists()
        mine = SavedSearch.objects.filter(user=user)
        same = mine.filter(query_string=canonical).first()
        if same is not None:
            raise ValidationError(
                f"You have already saved this search as “{same.name}”.", code="duplicate"
            )
        if mine.count() >= MAX_SAVED:
            raise ValidationError(
                f"You can save up to {MAX_SAVED} searches. Delete one you no longer need, "
                "then save this one.",
                code="limit",
            )
        try:
            with transaction.atomic():
                return SavedSearch.objects.create(user=user, name=name, query_string=canonical)
        except IntegrityError as error:  # saved at the same moment in another tab
            raise ValidationError(
                "You have already saved this search.", code="duplicate"
            ) from error


def saved_search_delete(*, user: User, saved_search: SavedSearch) -> None:
    """Delete one of the person's own saved searches (callers look it up by owner first)."""
    if saved_search.user_id != user.pk:
        raise ValidationError("You can only delete your own saved searches.", code="owner")
    with transaction.atomic():
        saved_search.delete()
