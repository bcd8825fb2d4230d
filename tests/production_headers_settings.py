"""Production settings, unchanged but for one thing, for tests/test_production_headers.py: static
files are hashed but not compressed, because compressing every file (brotli and gzip) takes minutes
on a busy machine and has nothing to do with headers or cookies."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "civictalent.core.staticfiles.WithoutSourceMapComments"},
}
