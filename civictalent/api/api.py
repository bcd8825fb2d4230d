"""The Civic Talent API (OpenAPI at /api/docs). One router module per domain."""

from __future__ import annotations

from ninja import NinjaAPI

from civictalent.api.framework import router as framework_router

api = NinjaAPI(
    title="Civic Talent API",
    version="1",
    description="Read the capability framework and map job titles to it.",
    urls_namespace="api",
)
api.add_router("/framework/", framework_router)
