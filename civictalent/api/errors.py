"""The API's error bodies, so the OpenAPI schema documents every status a client can meet.

No ``from __future__ import annotations`` here: django-ninja reads the annotations at run time.
"""

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    """400, 401, 404, 413, 429 and 503: one sentence saying what is wrong."""

    detail: str


class ValidationErrorOut(Schema):
    """422: the request's parameters or body were not valid; one entry per problem."""

    detail: list[dict[str, Any]]


# Every operation can refuse a body it cannot parse (400), invalid input (422) or too many
# requests (429).
COMMON_ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 422: ValidationErrorOut, 429: ErrorOut}
# An operation that takes a body also refuses one over DATA_UPLOAD_MAX_MEMORY_SIZE (413).
BODY_ERRORS: dict[int, type[Schema]] = {413: ErrorOut}
