"""Pages of the assessment part (see urls.py)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
