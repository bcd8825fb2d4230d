"""The capability model's pages, under /capabilities/: the public online tool, and its editing,
history, import and export by platform admins."""

from django.urls import path

from civictalent.maturity import capability_views as views

app_name = "capabilities"

urlpatterns = [
    path("", views.index, name="index"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("import/", views.import_table, name="import"),
    path("domains/<slug:slug>/", views.domain, name="domain"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.edit, name="edit"),
    path("<slug:slug>/history/", views.history, name="history"),
]
