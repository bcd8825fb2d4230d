"""Pages of the roadmap part (see urls.py): a council's costed plan, its profile, which
capabilities it has, its actions and the investment case."""

from django.urls import URLPattern, path

from civictalent.maturity import roadmap_views

urlpatterns: list[URLPattern] = [
    path("councils/<slug:slug>/roadmap/", roadmap_views.roadmap, name="roadmap"),
    path("councils/<slug:slug>/profile/", roadmap_views.profile, name="profile"),
    path("councils/<slug:slug>/coverage/", roadmap_views.coverage, name="coverage"),
    path("councils/<slug:slug>/actions/add/", roadmap_views.action_add, name="action_add"),
    path("councils/<slug:slug>/actions/<int:pk>/", roadmap_views.action_edit, name="action_edit"),
    path(
        "councils/<slug:slug>/investment-case.docx",
        roadmap_views.investment_case,
        name="investment_case",
    ),
]
