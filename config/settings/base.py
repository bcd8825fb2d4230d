"""Settings shared by every environment. What differs by place comes from the environment.

See docs/operations.md for the full list of environment variables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("CIVICTALENT_VAR_DIR") or BASE_DIR / "var")

SERVICE_NAME = env_str("CIVICTALENT_SERVICE_NAME", "Civic Talent")
SERVICE_PHASE = env_str("CIVICTALENT_SERVICE_PHASE", "Beta")
CONTACT_EMAIL = env_str("CIVICTALENT_CONTACT_EMAIL", "civictalent@loti.example")
# Where people reach the platform; used for links in emails sent by the background worker.
SITE_URL = env_str("CIVICTALENT_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEMO_MODE = env_bool("CIVICTALENT_DEMO_MODE", False)
# Council admins and platform admins must protect their accounts with an authenticator app.
REQUIRE_ADMIN_MFA = env_bool("CIVICTALENT_REQUIRE_ADMIN_MFA", True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "civictalent.core.staticfiles.StaticFilesConfig",  # collectstatic leaves out *.map
    "django.contrib.sitemaps",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "civictalent.core",
    "civictalent.accounts",
    "civictalent.organisations",
    "civictalent.framework",
    "civictalent.salaries",
    "civictalent.jdlibrary",
    "civictalent.healthcheck",
    "civictalent.jobs",
    "civictalent.alerts",
    "civictalent.maturity",
    "civictalent.api",
    "civictalent.seed",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "civictalent.core.middleware.SecurityHeadersMiddleware",
    "civictalent.core.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "civictalent.core.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "civictalent.accounts.middleware.RequireAdminMFAMiddleware",
]

# Public pages as anonymous visitors see them are kept this long at most (0 turns it off); any
# change to the platform's data empties the cache sooner. See civictalent/core/page_cache.py.
PAGE_CACHE_SECONDS = env_int("CIVICTALENT_PAGE_CACHE_SECONDS", 60)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "civictalent.core.context_processors.service",
                "config.navigation.service_navigation",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def database_from_url(url: str) -> dict[str, Any]:
    """Build the database settings from a URL, or explain in one sentence why we cannot."""
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address we understand ({error}). "
            "Use sqlite:///path/to/file.sqlite3 or postgres://user:password@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # Several processes (web workers, task worker, scheduler) share one file.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif "postgresql" in engine:
        if not config.get("NAME"):
            raise ImproperlyConfigured("DATABASE_URL names no database: add /name to the end.")
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL uses {engine or 'an unknown engine'}; Civic Talent supports "
            "SQLite and PostgreSQL."
        )
    return config


DATABASE_URL = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'civictalent.sqlite3'}"
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "civictalent_cache",
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "display_name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# Signing in lands on the dashboard: what waits for the person (core/dashboard.py).
LOGIN_REDIRECT_URL = "core:dashboard"

# django-allauth: email is the login; every address is verified before use.
ACCOUNT_ADAPTER = "civictalent.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "civictalent.accounts.adapters.SocialAccountAdapter"
MFA_ADAPTER = "civictalent.accounts.adapters.MFAAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "civictalent.accounts.forms.SignupForm"
ACCOUNT_FORMS = {
    "signup": "civictalent.accounts.signup.SignupFormSameWorkEitherWay",
    **{
        name: f"civictalent.accounts.entrance_forms.{form}"
        for name, form in (
            ("login", "SignInForm"),
            ("reset_password", "ResetPasswordForm"),
            ("reset_password_from_key", "ResetPasswordKeyForm"),
            ("change_password", "ChangePasswordForm"),
            ("set_password", "SetPasswordForm"),
            ("add_email", "AddEmailForm"),
            ("reauthenticate", "ReauthenticateForm"),
        )
    },
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SERVICE_NAME}] "
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Sign-in, sign-up and password-reset limits ("amount/period/per", per ip, key or user), counted
# in the default cache. After 5 failed sign-ins to one account in 15 minutes even the right
# password is refused until the window passes (the message does not say whether the account
# exists). Behind a proxy, set ALLAUTH_TRUSTED_PROXY_COUNT so "ip" is the visitor's address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "signup": "20/10m/ip",
    "reset_password": "20/h/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# How many proxies of ours add to X-Forwarded-For (1 behind the nginx of docs/operations.md). With
# 0, every limit counts by REMOTE_ADDR, which behind a proxy is the proxy: everyone shares one.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("CIVICTALENT_TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME
# Accept the code from the 30-second step before or after: clocks drift and people type slowly.
MFA_TOTP_TOLERANCE = 1
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False


def openid_connect_apps() -> list[dict[str, Any]]:
    """Microsoft Entra ID (or any OpenID Connect provider) from the environment; none if unset."""
    apps: list[dict[str, Any]] = []
    tenant = env_str("ENTRA_TENANT_ID")
    client_id = env_str("ENTRA_CLIENT_ID")
    if tenant and client_id:
        apps.append(
            {
                "provider_id": "entra",
                "name": env_str("ENTRA_BUTTON_NAME", "Microsoft (council account)"),
                "client_id": client_id,
                "secret": env_str("ENTRA_CLIENT_SECRET"),
                "settings": {
                    "server_url": f"https://login.microsoftonline.com/{tenant}/v2.0",
                    "token_auth_method": "client_secret_post",
                    "scope": ["openid", "profile", "email"],
                    # PKCE: a stolen authorisation code is useless without our verifier.
                    "oauth_pkce_enabled": True,
                },
            }
        )
    server_url = env_str("OIDC_SERVER_URL")
    if server_url and env_str("OIDC_CLIENT_ID"):
        apps.append(
            {
                "provider_id": env_str("OIDC_PROVIDER_ID", "oidc"),
                "name": env_str("OIDC_BUTTON_NAME", "your organisation's account"),
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": server_url},
            }
        )
    return apps


SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": openid_connect_apps()}}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# A worker is called healthy when its heartbeat task ran within this many seconds.
WORKER_HEARTBEAT_MAX_AGE_SECONDS = env_int("CIVICTALENT_WORKER_HEARTBEAT_MAX_AGE", 180)
# /healthz tells everyone ok or fail for each check; the detail (heartbeats, queue length, errors)
# goes to platform admins and to monitors that send "Authorization: Bearer <this token>".
HEALTH_DETAIL_TOKEN = env_str("CIVICTALENT_HEALTH_TOKEN")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SERVICE_NAME} <no-reply@civictalent.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Sending stops retrying after this many attempts and marks the email failed.
EMAIL_MAX_ATTEMPTS = env_int("CIVICTALENT_EMAIL_MAX_ATTEMPTS", 5)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "static_build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "civictalent.core.staticfiles.StaticFilesStorage"},
}
# Hashed copies only (pages name them through the manifest), so collectstatic need not compress
# again a file whose hashed copy is already compressed (civictalent/core/staticfiles.py).
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
MEDIA_ROOT = VAR_DIR / "media"

# Cookies: essential only, never readable by scripts, never sent cross-site.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# An upload over the limit is refused while it streams in, never written to disk; an accepted one
# (at most core.uploads.MAX_REQUEST_BYTES, 11 MB with the form around it) is kept in memory.
FILE_UPLOAD_HANDLERS = [
    "civictalent.core.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
