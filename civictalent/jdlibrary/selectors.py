from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Case, Count, Q, QuerySet, When
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.predicates import council_roles, organisations_where
from civictalent.core.search import search_count, search_ids, search_subquery
from civictalent.framework.models import RoleLevel
from civictalent.jdlibrary.models import Contract, JDStatus, JobDescription, Visibility
from civictalent.jdlibrary.services import SEARCH_KIND
from civictalent.organisations.models import Organisation


def visible_job_descriptions(user: User) -> QuerySet[JobDescription]:
    """What a person may see: shared JDs, their councils' published JDs, drafts they can edit."""
    roles = council_roles(user)
    member_of = list(roles)
    editor_of = organisations_where(user)
    if user.is_platform_admin:
        scope = Q()
    else:
        scope = (
            Q(status=JDStatus.PUBLISHED, visibility=Visibility.MEMBERS)
            | Q(status=JDStatus.PUBLISHED, organisation_id__in=member_of)
            | Q(organisation_id__in=editor_of)
        )
    return JobDescription.objects.filter(scope).select_related("organisation", "role_level__role")


SALARY_BANDS = {
    "under-35k": ("Under £35,000", None, 3_500_000),
    "35k-50k": ("£35,000 to £50,000", 3_500_000, 5_000_000),
    "50k-65k": ("£50,000 to £65,000", 5_000_000, 6_500_000),
    "65k-plus": ("£65,000 or more", 6_500_000, None),
}
RANKED = 200
PUBLISHED_WITHIN = {"30": "In the last 30 days", "365": "In the last 12 months"}
SORTS = {"relevance": "Most relevant", "newest": "Newest", "title": "Title A to Z"}


@dataclass
class LibraryFilters:
    query: str = ""
    council: int | None = None
    family: int | None = None
    role_level: int | None = None
    contract: str = ""
    salary_band: str = ""
    exemplars_only: bool = False
    published_within_days: int | None = None
    sort: str = "relevance"


@dataclass
class Facet:
    name: str
    label: str
    options: list[tuple[str, str, int]] = field(default_factory=list)  # value, label, count


def library(user: User, filters: LibraryFilters) -> QuerySet[JobDescription]:
    """The JDs a person may see that match the filters, in the order asked for."""
    results = visible_job_descriptions(user)
    ranking: list[int] = []
    if filters.query:
        matching = search_subquery(kind=SEARCH_KIND, query=filters.query)
        results = results.filter(pk__in=matching) if matching is not None else results.none()
    if filters.council:
        results = results.filter(organisation_id=filters.council)
    if filters.family:
        results = results.filter(role_level__role__family_id=filters.family)
    if filters.role_level:
        results = results.filter(role_level_id=filters.role_level)
    if filters.contract:
        results = results.filter(contract=filters.contract)
    if filters.salary_band in SALARY_BANDS:
        _, low, high = SALARY_BANDS[filters.salary_band]
        if low is not None:
            results = results.filter(annual_max_pence__gte=low)
        if high is not None:
            results = results.filter(annual_min_pence__lt=high)
    if filters.exemplars_only:
        results = results.filter(is_exemplar=True)
    if filters.published_within_days:
        since = timezone.now() - timedelta(days=filters.published_within_days)
        results = results.filter(published_at__gte=since)
    if filters.sort == "title":
        return results.order_by("-is_exemplar", "title")
    # Relevance ranks the matches when there are at most RANKED of them; when a query matches
    # much of the library (a very common word) ranking says little, so newest first is kept.
    if (
        filters.sort == "relevance"
        and filters.query
        and search_count(kind=SEARCH_KIND, query=filters.query) <= RANKED
    ):
        ranking = search_ids(kind=SEARCH_KIND, query=filters.query, limit=RANKED)
        order = Case(*[When(pk=pk, then=position) for position, pk in enumerate(ranking)])
        return results.order_by("-is_exemplar", order)
    return results.order_by("-is_exemplar", "-published_at", "-updated_at")


def facets(results: QuerySet[JobDescription]) -> list[Facet]:
    """Counts of the current results by council, family and contract. Grouped by plain ids (no
    joins) and named from small lookups, so it stays quick on large libraries."""
    base = results.order_by()
    # One grouped scan for all three facets, then sums in Python.
    by_council: dict[int, int] = {}
    by_level: dict[int, int] = {}
    by_contract: dict[str, int] = {}
    for council_id, level_id, contract_value, count in (
        base.values_list("organisation_id", "role_level_id", "contract")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "role_level_id", "contract", "n")
    ):
        by_council[council_id] = by_council.get(council_id, 0) + count
        if level_id is not None:
            by_level[level_id] = by_level.get(level_id, 0) + count
        if contract_value:
            by_contract[contract_value] = by_contract.get(contract_value, 0) + count
    names = dict(Organisation.objects.filter(pk__in=by_council).values_list("pk", "short_name"))
    council = Facet(
        "council",
        "Council",
        sorted(
            ((str(pk), names.get(pk, "?"), count) for pk, count in by_council.items()),
            key=lambda o: o[1],
        ),
    )
    family_of = {
        level_id: (family_id, family_name)
        for level_id, family_id, family_name in RoleLevel.objects.filter(
            pk__in=by_level
        ).values_list("pk", "role__family_id", "role__family__name")
    }
    family_counts: dict[tuple[int, str], int] = {}
    for level_id, count in by_level.items():
        key = family_of[level_id]
        family_counts[key] = family_counts.get(key, 0) + count
    family = Facet(
        "family",
        "Job family",
        sorted(
            ((str(pk), name, count) for (pk, name), count in family_counts.items()),
            key=lambda o: o[1],
        ),
    )
    contract = Facet(
        "contract",
        "Contract",
        [
            (value, dict(Contract.choices).get(value, value), count)
            for value, count in sorted(by_contract.items())
        ],
    )
    return [facet for facet in (council, family, contract) if facet.options]


def councils_user_edits_for(user: User) -> QuerySet[Organisation]:
    if user.is_platform_admin:
        return Organisation.objects.filter(is_active=True).order_by("short_name")
    editor_of = organisations_where(user)
    return Organisation.objects.filter(pk__in=editor_of).order_by("short_name")


def alternatives(jd: JobDescription, user: User) -> QuerySet[JobDescription]:
    """Other JDs the person may see for the same role level: "7 job descriptions for ..."."""
    if jd.role_level_id is None:
        return JobDescription.objects.none()
    return (
        visible_job_descriptions(user)
        .filter(role_level_id=jd.role_level_id, status=JDStatus.PUBLISHED)
        .exclude(pk=jd.pk)
        .order_by("-is_exemplar", "-published_at")
    )


def role_levels_in_library(user: User) -> QuerySet[RoleLevel]:
    """Role levels that have at least one JD the person may see, for the filter."""
    level_ids = visible_job_descriptions(user).exclude(role_level=None).values("role_level_id")
    return (
        RoleLevel.objects.filter(pk__in=level_ids)
        .select_related("role")
        .order_by("role__name", "rank")
    )
