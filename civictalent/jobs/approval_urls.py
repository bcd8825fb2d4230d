"""Approving adverts: the queue, the spot checks, taking an advert off the board, and a
council's choice of who approves its adverts."""

from django.urls import URLPattern, path

from civictalent.jobs import approval_views as views

urlpatterns: list[URLPattern] = [
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/published/", views.spot_checks, name="spot_checks"),
    path("<int:pk>/spot-check/", views.vacancy_spot_check, name="vacancy_spot_check"),
    path("<int:pk>/withdraw/", views.vacancy_withdraw, name="vacancy_withdraw"),
    path("councils/<slug:slug>/approval/", views.council_approval, name="council_approval"),
]
