from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Count, Q, QuerySet, When

from civictalent.accounts.models import User
from civictalent.core.predicates import council_roles
from civictalent.core.search import search_ids
from civictalent.jdlibrary.models import Contract, JDStatus, JobDescription, Visibility
from civictalent.jdlibrary.services import SEARCH_KIND
from civictalent.organisations.models import Organisation


def visible_job_descriptions(user: User) -> QuerySet[JobDescription]:
    """What a person may see: shared JDs, their councils' published JDs, drafts they can edit."""
    roles = council_roles(user)
    member_of = list(roles)
    editor_of = [org for org, role in roles.items() if role in {"editor", "admin"}]
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
        ranking = search_ids(kind=SEARCH_KIND, query=filters.query)
        results = results.filter(pk__in=ranking)
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
    if filters.sort == "title":
        return results.order_by("-is_exemplar", "title")
    if filters.sort == "relevance" and ranking:
        order = Case(*[When(pk=pk, then=position) for position, pk in enumerate(ranking)])
        return results.order_by("-is_exemplar", order)
    return results.order_by("-is_exemplar", "-published_at", "-updated_at")


def facets(results: QuerySet[JobDescription]) -> list[Facet]:
    """Counts of the current results by council, family, contract and exemplar."""
    base = results.order_by()
    council = Facet(
        "council",
        "Council",
        [
            (str(pk), name, count)
            for pk, name, count in base.values_list("organisation_id", "organisation__short_name")
            .annotate(count=Count("pk"))
            .order_by("organisation__short_name")
        ],
    )
    family = Facet(
        "family",
        "Job family",
        [
            (str(pk), name, count)
            for pk, name, count in base.exclude(role_level=None)
            .values_list("role_level__role__family_id", "role_level__role__family__name")
            .annotate(count=Count("pk"))
            .order_by("role_level__role__family__name")
        ],
    )
    contract = Facet(
        "contract",
        "Contract",
        [
            (value, dict(Contract.choices)[value], count)
            for value, count in base.exclude(contract="")
            .values_list("contract")
            .annotate(count=Count("pk"))
            .order_by("contract")
        ],
    )
    return [facet for facet in (council, family, contract) if facet.options]


def councils_user_edits_for(user: User) -> QuerySet[Organisation]:
    if user.is_platform_admin:
        return Organisation.objects.filter(is_active=True).order_by("short_name")
    editor_of = [org for org, role in council_roles(user).items() if role in {"editor", "admin"}]
    return Organisation.objects.filter(pk__in=editor_of).order_by("short_name")
