"""The Civic Talent API (OpenAPI at /api/docs). One router module per domain."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from civictalent.api.council import router as council_router
from civictalent.api.framework import router as framework_router
from civictalent.api.healthcheck import router as healthcheck_router
from civictalent.api.salaries import router as salaries_router
from civictalent.core.ratelimit import ApiThrottle
from civictalent.core.views import request_too_large_detail

api = NinjaAPI(
    title="Civic Talent API",
    version="1",
    description="Read the capability framework, map job titles, read pay text and benchmarks "
    "(the open London pay data needs no sign-in), check job adverts. A council's own systems "
    "use an API token (the CouncilToken scheme): see docs/api.md.",
    urls_namespace="api",
    # Per account when signed in, per address otherwise; a JSON 429 with Retry-After beyond it.
    throttle=ApiThrottle(),
)


@api.exception_handler(RequestDataTooBig)
def request_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: the documented JSON error, not an HTML page."""
    return api.create_response(request, {"detail": request_too_large_detail()}, status=413)


api.add_router("/framework/", framework_router)
api.add_router("/salaries/", salaries_router)
api.add_router("/health-check/", healthcheck_router)
api.add_router("/council/", council_router)
