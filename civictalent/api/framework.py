"""Framework API: map a job title; list the default framework's roles and levels.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from civictalent.api.errors import COMMON_ERRORS, ErrorOut
from civictalent.framework.mapping import default_title_mapper
from civictalent.framework.models import Role

router = Router(tags=["framework"])


class MapTitleQuery(Schema):
    title: str = Field(..., min_length=1, max_length=300, description="The job title")
    text: str = Field("", max_length=20000, description="Job description text, for ties")


class CandidateOut(Schema):
    family: str
    role: str
    role_level: str | None
    confidence: float


class TitleMatchOut(Schema):
    family: str | None
    role: str | None
    role_level: str | None
    confidence: float = Field(..., ge=0, le=1)
    alternatives: list[CandidateOut]


class RoleOut(Schema):
    family: str
    role: str
    slug: str
    emerging: bool
    levels: list[str]


@router.get(
    "/map-title",
    response={200: TitleMatchOut, 503: ErrorOut, **COMMON_ERRORS},
    summary="Map a job title to a role level",
)
def map_title(request: HttpRequest, query: Query[MapTitleQuery]) -> dict[str, object]:
    mapper = default_title_mapper()
    if mapper is None:
        raise HttpError(503, "No framework is loaded yet.")
    return mapper.map(query.title, query.text).as_dict()


@router.get(
    "/roles",
    response={200: list[RoleOut], **COMMON_ERRORS},
    summary="Roles of the default framework",
)
def roles(request: HttpRequest) -> list[dict[str, object]]:
    result = []
    queryset = (
        Role.objects.filter(framework__is_default=True, is_current=True)
        .select_related("family")
        .prefetch_related("levels")
        .order_by("family__name", "name")
    )
    for role in queryset:
        levels = sorted((lv for lv in role.levels.all() if lv.is_current), key=lambda lv: lv.rank)
        result.append(
            {
                "family": role.family.name,
                "role": role.name,
                "slug": role.slug,
                "emerging": role.is_emerging,
                "levels": [level.name for level in levels],
            }
        )
    return result
