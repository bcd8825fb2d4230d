"""The health of library JDs, included by config/urls.py under /health-check/ beside the public
checker (healthcheck/urls.py), in its own namespace: reverse("library_health:jd_report")."""

from django.urls import path

from civictalent.jdlibrary import health_views

app_name = "library_health"

urlpatterns = [
    path("councils/<int:pk>/", health_views.council_scores, name="council_scores"),
    path("rescore/", health_views.rescore, name="rescore"),
    path("library/<int:pk>/", health_views.jd_report, name="jd_report"),
    path("library/<int:pk>/apply/", health_views.jd_apply, name="jd_apply"),
]
