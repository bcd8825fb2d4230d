"""Reuse URLs, included inside the "jdlibrary" namespace under /library/ (so no app_name here)."""

from django.urls import path

from civictalent.jdlibrary import reuse_views

urlpatterns = [
    path("<int:pk>/download/word/", reuse_views.download_docx, name="reuse_docx"),
    path("<int:pk>/download/markdown/", reuse_views.download_markdown, name="reuse_markdown"),
    path("<int:pk>/versions/", reuse_views.versions, name="reuse_versions"),
    path("<int:pk>/versions/<int:number>/", reuse_views.version_diff, name="reuse_version"),
    path("<int:pk>/copy/", reuse_views.start_from, name="reuse_copy"),
]
