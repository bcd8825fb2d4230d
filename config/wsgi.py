import os

from config.startup import GUNICORN_BOOT_ERROR, explain_configuration_errors

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def _load():
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    _warm_up()
    return application


def _warm_up():
    """Do now what the first request would otherwise wait for (about half a second): import
    every view, through the URL patterns, and compile the base template. Under gunicorn's
    --preload this happens once, before the workers are forked."""
    from django.db import connections
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (importing them is the point)
    get_template("base.html")
    connections.close_all()  # a forked worker must not share its parent's connection


application = explain_configuration_errors(_load, exit_code=GUNICORN_BOOT_ERROR)
