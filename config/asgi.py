import os

from config.startup import GUNICORN_BOOT_ERROR, explain_configuration_errors

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")


def _load():
    from django.core.asgi import get_asgi_application

    return get_asgi_application()


application = explain_configuration_errors(_load, exit_code=GUNICORN_BOOT_ERROR)
