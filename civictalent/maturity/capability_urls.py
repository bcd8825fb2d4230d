"""The capability model's pages, under /capabilities/: the public online tool, and its editing,
history, import and export by platform admins."""

from django.urls import URLPattern

app_name = "capabilities"

urlpatterns: list[URLPattern] = []
