"""Pages of the structure part (see urls.py): the public guidance on team structures."""

from django.urls import URLPattern, path

from civictalent.maturity import roadmap_views

urlpatterns: list[URLPattern] = [
    path("team-structures/", roadmap_views.team_structures, name="team_structures"),
]
