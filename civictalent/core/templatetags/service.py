"""Values the base layout needs even where no context processor ran (the 500 page)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def service_name() -> str:
    return str(settings.SERVICE_NAME)
