"""/sitemap.xml: the board, the councils list, and every vacancy page that stands (published,
or closed in the last 90 days).

While everything fits in one sitemap (50,000 addresses), /sitemap.xml is that sitemap. Beyond,
it becomes a sitemap index pointing at its sections and their pages on the same address
(``/sitemap.xml?section=vacancies&p=2``), so the site needs one URL only.

Every address is on settings.SITE_URL, never the host a request names: the Host header is the
sender's to choose, and a cached sitemap would hand its host to every crawler."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from civictalent.core.emails import site_url
from civictalent.core.permissions import public
from civictalent.jobs.models import Vacancy
from civictalent.jobs.selectors import sitemap_vacancies

MOST_PER_SITEMAP = 50_000  # the sitemaps protocol's limit
Item = TypeVar("Item")


class SiteSitemap(Sitemap[Item]):
    """A sitemap whose addresses start with settings.SITE_URL, whatever the request's host."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return settings.SITE_URL.partition("://")[0]

    def get_domain(self, site: Any = None) -> str:
        return settings.SITE_URL.partition("://")[2]


class VacancySitemap(SiteSitemap[Vacancy]):
    changefreq = "daily"
    priority = 0.8
    limit = MOST_PER_SITEMAP

    def items(self) -> QuerySet[Vacancy]:
        return sitemap_vacancies()

    def location(self, item: Vacancy) -> str:
        return reverse("jobs:vacancy", kwargs={"pk": item.pk})

    def lastmod(self, item: Vacancy) -> datetime.datetime:
        return item.updated_at


class FindJobsSitemap(SiteSitemap[str]):
    changefreq = "hourly"
    priority = 1.0

    def items(self) -> list[str]:
        return ["jobs:board", "jobs:councils"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "jobs": FindJobsSitemap,
    "vacancies": VacancySitemap,
}


@dataclass(frozen=True)
class IndexEntry:
    """One line of a sitemap index (what Django's sitemap_index.xml reads)."""

    location: str
    last_mod: datetime.datetime | None = None


@public
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Public pages only: nothing listed here is behind a sign-in."""
    section = request.GET.get("section")
    if section is not None:
        if section not in SITEMAPS:
            raise Http404("No such sitemap section.")
        return django_sitemap(request, sitemaps=SITEMAPS, section=section)
    vacancy_pages = VacancySitemap().paginator.num_pages
    if vacancy_pages <= 1:
        return django_sitemap(request, sitemaps=SITEMAPS)
    if "p" in request.GET:
        raise Http404("This sitemap is an index: follow its links to the pages.")
    base = site_url(reverse("sitemap"))
    entries = [IndexEntry(f"{base}?section=jobs")]
    entries += [
        IndexEntry(f"{base}?section=vacancies&p={page}") for page in range(1, vacancy_pages + 1)
    ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
