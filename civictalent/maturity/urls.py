"""The maturity pages, under /maturity/: each part of the app lists its own pages in its own
module (assessments, results, roadmap, team structures)."""

from civictalent.maturity import assessment_urls, results_urls, roadmap_urls, structure_urls

app_name = "maturity"

urlpatterns = [
    *assessment_urls.urlpatterns,
    *results_urls.urlpatterns,
    *roadmap_urls.urlpatterns,
    *structure_urls.urlpatterns,
]
