"""The public checker and how its score works. The health of library JDs (a JD's report, a
council's scores, re-scoring) is served under the same /health-check/ prefix by
jdlibrary/health_urls.py."""

from django.urls import path

from civictalent.healthcheck import views

app_name = "healthcheck"

urlpatterns = [
    path("", views.checker, name="checker"),
    path("scoring/", views.scoring, name="scoring"),
]
