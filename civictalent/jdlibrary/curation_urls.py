"""Curation pages. Included by jdlibrary/urls.py inside the "jdlibrary" namespace, so no
app_name here: reverse("jdlibrary:curation_compare")."""

from django.urls import path

from civictalent.jdlibrary import curation_views

urlpatterns = [
    path("compare/", curation_views.compare, name="curation_compare"),
    path("<int:pk>/exemplar/", curation_views.mark_exemplar, name="curation_mark_exemplar"),
    path(
        "<int:pk>/exemplar/remove/",
        curation_views.unmark_exemplar,
        name="curation_unmark_exemplar",
    ),
]
