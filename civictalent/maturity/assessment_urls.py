"""Pages of maturity models and councils' self-assessments (see urls.py)."""

from django.urls import URLPattern, path

from civictalent.maturity import assessment_views as views

urlpatterns: list[URLPattern] = [
    path("", views.overview, name="overview"),
    path("models/<slug:slug>/", views.model_detail, name="model"),
    path("councils/<slug:slug>/", views.council, name="council"),
    path("councils/<slug:slug>/start/", views.start, name="start"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/contributors/", views.contributors, name="contributors"),
    path("assessments/<int:pk>/topics/<slug:topic_slug>/", views.topic, name="topic"),
    path("assessments/<int:pk>/disagreements/", views.disagreements, name="disagreements"),
    path(
        "assessments/<int:pk>/questions/<int:question_pk>/settle/",
        views.settle,
        name="settle",
    ),
    path("assessments/<int:pk>/submit/", views.submit, name="submit"),
]
