"""Pay scales pages, included under /salaries/pay-scales/ in the "salaries" namespace."""

from django.urls import path

from civictalent.salaries import payscale_views as views

urlpatterns = [
    path("", views.payscales_list, name="payscales_list"),
    path("resolve/", views.payscales_resolve, name="payscales_resolve"),
    path("spines/import/", views.payscales_spine_import, name="payscales_spine_import"),
    path("spines/<int:pk>/", views.payscales_spine, name="payscales_spine"),
    path("grade-maps/import/", views.payscales_grade_map_import, name="payscales_grade_map_import"),
    path("grade-maps/<int:pk>/", views.payscales_grade_map, name="payscales_grade_map"),
    path(
        "templates/pay-spine.csv", views.payscales_spine_template, name="payscales_spine_template"
    ),
    path(
        "templates/grade-map.csv",
        views.payscales_grade_map_template,
        name="payscales_grade_map_template",
    ),
]
