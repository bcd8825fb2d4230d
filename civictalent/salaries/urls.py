from django.urls import include, path

from civictalent.salaries import views

app_name = "salaries"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("parse/", views.parse_pay, name="parse"),
    path("open-data/", views.open_pay_data, name="open_data"),
    path("open-data/london-pay.csv", views.open_pay_data_csv, name="open_data_csv"),
    path("your-council/", views.your_council, name="your_council"),
    path("benchmarks/<str:kind>/<slug:slug>/", views.benchmark_detail, name="benchmark"),
    path(
        "benchmarks/<str:kind>/<slug:slug>/download.<str:file_format>",
        views.benchmark_download,
        name="download",
    ),
    path("pay-scales/", include("civictalent.salaries.payscale_urls")),
]
