"""What every page's template needs to know about the service itself."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "contact_email": settings.CONTACT_EMAIL,
        "demo_mode": settings.DEMO_MODE,
    }
