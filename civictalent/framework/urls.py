from django.urls import path

from civictalent.framework import views

app_name = "framework"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("families/<slug:slug>/", views.family_detail, name="family"),
    path("roles/<slug:slug>/", views.role_detail, name="role"),
    path("levels/<slug:slug>/", views.level_detail, name="level"),
    path("skills/", views.skill_list, name="skills"),
    path("skills/<slug:slug>/", views.skill_detail, name="skill"),
    path("progression/", views.progression, name="progression"),
]
