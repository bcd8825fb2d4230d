"""A shared cache of public pages as anonymous visitors see them, emptied whenever data changes.

Only views marked ``@cached_for_anonymous`` are cached, only for GET requests that carry no session
or messages cookie (so nobody's own page is ever stored or served to someone else), and only when
the response is a plain 200 that set no cookie and embedded no CSRF token. Each scheme, host and
port keeps its own copies.

Invalidation: every cached page's key holds a site-wide version number. Saving or deleting any row
of the platform's own models (except the counters and logs listed in ``QUIET_MODELS``) adds one to
it once the transaction commits, so the next request renders afresh on every web process. Writes
that bypass model signals (``QuerySet.update``, ``bulk_create``) and changes with the clock (a
vacancy passing its closing time) are caught by the time limit, ``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import Resolver404, resolve

VERSION_KEY = "page-cache:version"
CACHED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "X-Frame-Options")
# Rows written while people browse, which no cached page shows.
QUIET_MODELS = frozenset(
    {
        "core.AuditEvent",
        "core.OutboundEmail",
        "core.Heartbeat",
        "core.ScheduledRun",
        "jobs.VacancyDailyCount",
        "alerts.AlertRun",
        "alerts.AlertFeedback",
        "alerts.AlertSubscription",
    }
)

View = TypeVar("View", bound=Callable[..., Any])


def cached_for_anonymous(view: View) -> View:
    """Mark a public view whose page is the same for every anonymous visitor."""
    view.cached_for_anonymous = True  # type: ignore[attr-defined]
    return view


def page_cache_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def page_cache_invalidate() -> None:
    """Make every cached page stale, on every process."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def _on_change(sender: type[Model], **kwargs: Any) -> None:
    if sender._meta.app_config is None or not sender.__module__.startswith("civictalent."):
        return
    if sender._meta.label in QUIET_MODELS:
        return
    transaction.on_commit(page_cache_invalidate)


def connect_invalidation() -> None:
    post_save.connect(_on_change, dispatch_uid="page_cache_save")
    post_delete.connect(_on_change, dispatch_uid="page_cache_delete")


def _may_use_cache(request: HttpRequest) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return False
    return bool(getattr(match.func, "cached_for_anonymous", False))


def _key(request: HttpRequest, version: int) -> str:
    # The scheme and host too: a page may hold links built from them, so a request naming
    # another host must not fill the cache for everyone. get_host() also refuses (400) a host
    # outside ALLOWED_HOSTS before anything stored is served.
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:40]
    return f"page-cache:{version}:{digest}"


def _may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Serve a stored copy before sessions, CSRF and authentication run; store fresh renders."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _may_use_cache(request):
            return self.get_response(request)
        key = _key(request, page_cache_version())
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            hit = HttpResponse(content)
            for name, value in headers.items():
                hit[name] = value
            hit["X-Page-Cache"] = "hit"
            return hit
        response = self.get_response(request)
        if _may_store(request, response):
            assert isinstance(response, HttpResponse)
            headers = {name: response[name] for name in CACHED_HEADERS if name in response}
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response
