"""Health check API: score a job advert's text.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from civictalent.api.errors import BODY_ERRORS, COMMON_ERRORS
from civictalent.healthcheck.engine import CheckTooSlow, check
from civictalent.healthcheck.forms import MAX_TEXT_CHARACTERS

router = Router(tags=["health check"])


class CheckIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT_CHARACTERS, description="The advert's text")


class CategoryOut(Schema):
    label: str
    score: int = Field(..., ge=0, le=100)
    findings: int


class FindingOut(Schema):
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str
    start: int
    end: int
    excerpt: str


class ReportOut(Schema):
    score: int = Field(..., ge=0, le=100)
    categories: dict[str, CategoryOut]
    findings: list[FindingOut]


@router.post(
    "/check",
    response={200: ReportOut, **COMMON_ERRORS, **BODY_ERRORS},
    summary="Score a job advert and list the findings",
)
def check_advert(request: HttpRequest, payload: CheckIn) -> dict[str, object]:
    try:
        return check(payload.text.replace("\r\n", "\n")).as_json()
    except CheckTooSlow as error:
        raise HttpError(400, error.message) from None
