"""Pages of the results part (see urls.py)."""

from django.urls import URLPattern, path

from civictalent.maturity import results_views

urlpatterns: list[URLPattern] = [
    path("assessments/<int:pk>/results/", results_views.results, name="results"),
    path("assessments/<int:pk>/results.csv", results_views.results_csv, name="results_csv"),
    path("assessments/<int:pk>/results.docx", results_views.results_docx, name="results_docx"),
    path("councils/<slug:slug>/progress/", results_views.progress, name="progress"),
]
