"""Pages of the results part (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
