from django.urls import path

from civictalent.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("name/", views.edit_name, name="edit_name"),
]
