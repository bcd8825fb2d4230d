"""The site's URLs, with the pay scales pages under /salaries/pay-scales/ for tests.

If config.urls already includes the salaries app (which includes the pay scales pages), this is
the same as config.urls; until then it adds the pay scales pages in the "salaries" namespace.
"""

from django.urls import URLResolver, include, path

from civictalent.salaries import payscale_urls
from config import urls as site_urls
from config.urls import handler400, handler403, handler404, handler500

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

urlpatterns = list(site_urls.urlpatterns)
if not any(
    isinstance(entry, URLResolver) and entry.namespace == "salaries" for entry in urlpatterns
):
    urlpatterns.append(path("salaries/pay-scales/", include((payscale_urls, "salaries"))))
