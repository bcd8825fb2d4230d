"""The jobs board's URLs, under /jobs/. Each part keeps its routes in its own module."""

from civictalent.jobs import approval_urls, find_urls, import_urls, manage_urls

app_name = "jobs"

urlpatterns = [
    *find_urls.urlpatterns,
    *manage_urls.urlpatterns,
    *approval_urls.urlpatterns,
    *import_urls.urlpatterns,
]
