"""How static files are collected: no source maps, and nothing compressed twice.

``collectstatic`` ignores source maps (``*.map``): GOV.UK Frontend and the API documentation's
bundles ship them, and production needs none. The comments that point to them are dropped from
the CSS and JavaScript, so browsers do not ask for files that are not there.

WhiteNoise compresses every collected file again on every run (about a minute here for the 750
files of Django's admin, allauth and the API documentation). Only the hashed copies are kept
(``WHITENOISE_KEEP_ONLY_HASHED_FILES``), and a hashed name changes whenever its content does, so
a hashed file that already has its compressed copies beside it is left as it is. And
``collect_if_changed`` (what ``civictalent serve --prepare`` uses) skips ``collectstatic``
altogether when no source file has changed since it last ran.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from re import Match
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.apps import StaticFilesConfig as DjangoStaticFilesConfig
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

SOURCE_MAPS = "*.map"


class StaticFilesConfig(DjangoStaticFilesConfig):
    """``django.contrib.staticfiles`` with source maps left out of ``collectstatic``."""

    ignore_patterns = [*DjangoStaticFilesConfig.ignore_patterns, SOURCE_MAPS]


class ReusingCompressor(Compressor):
    """A compressor that keeps the compressed copies a content-hashed file already has, and
    writes new ones whole or not at all (an interrupted run leaves no half-written copy)."""

    def existing_copies(self, path: str) -> list[str] | None:
        expected = [path + ".br"] if self.use_brotli else []
        expected += [path + ".gz"] if self.use_gzip else []
        if expected and all(os.path.exists(copy) for copy in expected):
            return expected
        return None

    def compress(self, path: str) -> list[str]:
        existing = self.existing_copies(path)
        if existing is not None:
            return existing
        return list(super().compress(path))

    def write_data(self, path: str, data: bytes, suffix: str, stat_result: Any) -> str:
        filename = path + suffix
        handle, partial = tempfile.mkstemp(dir=os.path.dirname(filename), suffix=".partial")
        try:
            with os.fdopen(handle, "wb") as output:
                output.write(data)
            os.utime(partial, (stat_result.st_atime, stat_result.st_mtime))
            os.replace(partial, filename)
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        return filename


def _drop(match: Match[str]) -> str:
    return ""


class WithoutSourceMapComments(ManifestStaticFilesStorage):
    """Hashed names, with the comments that point to (uncollected) source maps dropped."""

    # Django finds a source-map comment only at the start of a line; minified files end with one
    # after the code on the same line.
    patterns = (
        *ManifestStaticFilesStorage.patterns,
        (
            "*.css",
            (
                (
                    r"(?P<matched>/\*# sourceMappingURL=(?P<url>[^\s*]+) ?\*/)\s*\Z",
                    "/*# sourceMappingURL=%(url)s */",
                ),
            ),
        ),
        (
            "*.js",
            (
                (
                    r"(?P<matched>//# sourceMappingURL=(?P<url>[^\s'\"`]+))\s*\Z",
                    "//# sourceMappingURL=%(url)s",
                ),
            ),
        ),
    )

    def url_converter(
        self, name: str, hashed_files: dict[str, str], template: str | None = None
    ) -> Callable[[Match[str]], str]:
        if template and "sourceMappingURL" in template:
            return _drop  # the map is not collected, so nothing may point to it
        return super().url_converter(name, hashed_files, template)


class StaticFilesStorage(WithoutSourceMapComments, CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed storage, without source maps or recompression."""

    def create_compressor(self, **kwargs: Any) -> Compressor:
        if self.keep_only_hashed_files:
            return ReusingCompressor(**kwargs)
        # Unhashed copies keep their names when they change, so their compressed copies can
        # only be trusted when made afresh.
        return Compressor(**kwargs)


def sources_fingerprint() -> str:
    """Every file collectstatic would collect, with its size and time of change, and where and
    how it would collect them: equal fingerprints, nothing to collect."""
    from django.contrib.staticfiles import finders  # not while INSTALLED_APPS loads this module

    ignore: list[str] = getattr(apps.get_app_config("staticfiles"), "ignore_patterns", [])
    found = sorted(
        (path, os.stat(storage.path(path)))
        for finder in finders.get_finders()
        for path, storage in finder.list(ignore)
    )
    digest = hashlib.sha256(
        repr((settings.STATIC_ROOT, settings.STATIC_URL, settings.STORAGES["staticfiles"])).encode()
    )
    for path, stat in found:
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_if_changed(**options: Any) -> bool:
    """Run collectstatic unless nothing changed since it last ran here; True if it ran."""
    from django.core.management import call_command

    root = Path(settings.STATIC_ROOT)
    stamp = root.with_name(f"{root.name}.fingerprint")  # beside, so it is never served
    before = sources_fingerprint()
    manifest = root / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == before:
        return False
    stamp.unlink(missing_ok=True)
    call_command("collectstatic", interactive=False, **options)
    stamp.write_text(before)
    return True
