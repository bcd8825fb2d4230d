"""Suggestion pages. Included by jdlibrary/urls.py inside the "jdlibrary" namespace, so no
app_name here: reverse("jdlibrary:suggestion_create", args=[jd.pk])."""

from django.urls import path

from civictalent.jdlibrary import suggestion_views

urlpatterns = [
    path("<int:pk>/suggestions/new/", suggestion_views.create, name="suggestion_create"),
    path("suggestions/<int:pk>/resolve/", suggestion_views.resolve, name="suggestion_resolve"),
]
