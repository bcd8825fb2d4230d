"""When the database cannot be reached, say so kindly (503) and recover by itself.

A lost connection, a refused one, or SQLite's "database is locked" after its timeout reaches the
view as ``OperationalError`` or ``InterfaceError``. Instead of the 500 page we answer 503 Service
Unavailable with a Retry-After header and a static page, rendered without context processors
(they would query the database that just failed). Nothing is cached or remembered: the next
request tries the database afresh, so the service recovers the moment the database is back.

``DatabaseUnavailableMiddleware`` catches these errors from views; ``views.server_error`` uses
``database_unavailable_response`` for the ones raised in other middleware (such as loading a
session).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_database_unavailable(error: BaseException | None) -> bool:
    """Is this error the database being unreachable, down or too busy (not a bug in a query)?"""
    return isinstance(error, OperationalError | InterfaceError)


def database_unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 page (JSON for the API), rendered with no database access at all."""
    logger.error(
        "Database unavailable during %s %s (%s: %s); answered 503",
        request.method,
        request.path,
        type(error).__name__,
        str(error).strip().splitlines()[0] if str(error).strip() else "",
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse(
            {"detail": "The service is unavailable for a moment. Try again shortly."}, status=503
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    content = loader.get_template("503.html").render(
        {
            "service_phase": settings.SERVICE_PHASE,
            "demo_mode": settings.DEMO_MODE,
            "retry_after_seconds": RETRY_AFTER_SECONDS,
        }
    )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database that cannot be reached into a friendly 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        return database_unavailable_response(request, exception)
