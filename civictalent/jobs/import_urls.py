"""Importing vacancies from councils' recruitment systems, and councils' jobs settings."""

from django.urls import URLPattern, path

from civictalent.jobs import import_views as views

urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/imports/", views.imports, name="imports"),
    path("councils/<slug:slug>/settings/", views.jobs_settings, name="settings"),
    path("imports/<int:pk>/", views.import_report, name="import_report"),
    path("imports/template.<str:file_format>", views.import_template, name="import_template"),
]
