"""The council's own data, for its systems, with an API token (see auth.py).

Every operation here reads or writes only the token's council: the council is never a
parameter, so a token of one council cannot name another's data.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from civictalent.api.auth import council_token, token_of
from civictalent.api.errors import COMMON_ERRORS, ErrorOut
from civictalent.jobs.models import Vacancy

router = Router(tags=["your council (API token)"], auth=council_token)


class TokenOut(Schema):
    council: str
    council_slug: str
    token_name: str
    scope: str
    may_write: bool
    expires_at: datetime.datetime


class CouncilVacancyOut(Schema):
    id: int
    title: str
    status: str
    pay_text: str
    closes_at: datetime.datetime | None


@router.get(
    "/",
    response={200: TokenOut, 401: ErrorOut, **COMMON_ERRORS},
    summary="Which council and scope this token has",
)
def whoami(request: HttpRequest) -> dict[str, Any]:
    token = token_of(request)
    return {
        "council": token.organisation.name,
        "council_slug": token.organisation.slug,
        "token_name": token.name,
        "scope": token.scope,
        "may_write": token.may_write,
        "expires_at": token.expires_at,
    }


@router.get(
    "/vacancies",
    response={200: list[CouncilVacancyOut], 401: ErrorOut, **COMMON_ERRORS},
    summary="The council's vacancies in every status, drafts included",
)
def council_vacancies(request: HttpRequest) -> list[dict[str, Any]]:
    token = token_of(request)
    vacancies = Vacancy.objects.filter(organisation_id=token.organisation_id).order_by("-pk")
    return [
        {
            "id": vacancy.pk,
            "title": vacancy.title,
            "status": vacancy.status,
            "pay_text": vacancy.pay_text,
            "closes_at": vacancy.closes_at,
        }
        for vacancy in vacancies.only("id", "title", "status", "pay_text", "closes_at")[:500]
    ]
