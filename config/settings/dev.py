"""Settings for a person running the platform on their own machine (``make run``).

Debug pages stay off unless DEBUG=true, so what you see is what users see.
"""

import secrets

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import VAR_DIR


def _local_secret_key() -> str:
    """A random key kept in var/ so sign-ins survive restarts; never used in production."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
DEMO_MODE = env_bool("CIVICTALENT_DEMO_MODE", True)
REQUIRE_ADMIN_MFA = env_bool("CIVICTALENT_REQUIRE_ADMIN_MFA", False)
# What you change shows at once on your own machine; production keeps pages for a minute.
PAGE_CACHE_SECONDS = env_int("CIVICTALENT_PAGE_CACHE_SECONDS", 0)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
