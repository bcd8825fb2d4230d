from django.urls import path

from civictalent.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("name/", views.edit_name, name="edit_name"),
    path("your-data/", views.download_data, name="download_data"),
    path("delete/", views.delete_account, name="delete"),
    path("deleted/", views.account_deleted, name="deleted"),
]
