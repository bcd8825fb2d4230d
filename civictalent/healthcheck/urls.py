from django.urls import path

from civictalent.healthcheck import views

app_name = "healthcheck"

urlpatterns = [
    path("", views.checker, name="checker"),
    path("scoring/", views.scoring, name="scoring"),
    path("councils/<int:pk>/", views.council_scores, name="council_scores"),
    path("rescore/", views.rescore, name="rescore"),
    path("library/<int:pk>/", views.jd_report, name="jd_report"),
    path("library/<int:pk>/apply/", views.jd_apply, name="jd_apply"),
]
