from django.urls import path

from civictalent.jdlibrary import curation_urls, reuse_urls, suggestion_urls, views

app_name = "jdlibrary"

urlpatterns = [
    path("", views.library, name="library"),
    path("contribute/", views.contribute, name="contribute"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    *reuse_urls.urlpatterns,
    *curation_urls.urlpatterns,
    *suggestion_urls.urlpatterns,
]
