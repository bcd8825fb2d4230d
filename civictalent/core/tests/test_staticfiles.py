"""collectstatic ships no source maps, and compresses a file once, not on every run."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from civictalent.core.staticfiles import StaticFilesConfig, collect_if_changed
from config.settings import base

PRODUCTION_STORAGE = {"BACKEND": "civictalent.core.staticfiles.StaticFilesStorage"}


@pytest.fixture(autouse=True)
def production_ignore_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test settings name django.contrib.staticfiles itself (pytest-django's live server
    looks for that name); collect as the other settings do, with base's StaticFilesConfig."""
    assert "civictalent.core.staticfiles.StaticFilesConfig" in base.INSTALLED_APPS
    config = apps.get_app_config("staticfiles")
    monkeypatch.setattr(config, "ignore_patterns", StaticFilesConfig.ignore_patterns)


def test_collectstatic_leaves_out_source_maps(settings: Any, tmp_path: Path) -> None:
    settings.STATIC_ROOT = tmp_path / "collected"
    output = StringIO()
    call_command("collectstatic", interactive=False, dry_run=True, verbosity=2, stdout=output)
    collected = re.findall(r"Pretending to copy '([^']+)'", output.getvalue())
    # The API documentation's bundles ship source maps beside them.
    assert any(path.endswith("ninja/swagger-ui.css") for path in collected), collected[:5]
    assert [path for path in collected if path.endswith(".map")] == []


def _collect(settings: Any, source: Path, target: Path) -> dict[str, tuple[int, int]]:
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = target
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    settings.WHITENOISE_KEEP_ONLY_HASHED_FILES = True
    call_command("collectstatic", interactive=False, verbosity=0)
    return {
        str(path.relative_to(target)): (path.stat().st_ino, path.stat().st_mtime_ns)
        for path in target.rglob("*")
        if path.is_file()
    }


def test_collected_files_are_hashed_compressed_once_and_name_no_source_map(
    settings: Any, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "dot.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (source / "app.css").write_text(
        "body { background: url(dot.png); color: #0b0c0c; }\n" * 100
        + "/*# sourceMappingURL=app.css.map */\n"
    )
    (source / "app.css.map").write_text("{}")
    # Minified: the comment follows the code on the same line.
    (source / "lib.min.js").write_text(
        "var answer=42;" * 300 + "//# sourceMappingURL=lib.min.js.map"
    )
    (source / "lib.min.js.map").write_text("{}")
    target = tmp_path / "collected"

    first = _collect(settings, source, target)
    names = sorted(first)
    assert not [name for name in names if ".map" in name], names
    assert "app.css" not in names and "lib.min.js" not in names, "only hashed copies are kept"
    css = next(name for name in names if re.fullmatch(r"app\.\w{12}\.css", name))
    js = next(name for name in names if re.fullmatch(r"lib\.min\.\w{12}\.js", name))
    css_text = (target / css).read_text()
    assert "sourceMappingURL" not in css_text
    assert re.search(r"url\(\"?dot\.\w{12}\.png", css_text), "references are to hashed names"
    assert "sourceMappingURL" not in (target / js).read_text()
    assert {f"{css}.gz", f"{js}.gz"} <= set(names)

    second = _collect(settings, source, target)
    compressed = [name for name in first if name.endswith((".gz", ".br"))]
    assert compressed
    assert {name: second[name] for name in compressed} == {
        name: first[name] for name in compressed
    }, "unchanged files were compressed again"

    (source / "app.css").write_text("body { margin: 0; }\n" * 100)
    third = _collect(settings, source, target)
    new_css = next(
        name for name in third if re.fullmatch(r"app\.\w{12}\.css", name) and name != css
    )
    assert f"{new_css}.gz" in third, "a changed file is compressed under its new name"
    assert not [name for name in third if name.endswith(".partial")]


def test_collectstatic_is_skipped_when_no_source_changed(settings: Any, tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "app.css").write_text("body { margin: 0; }\n" * 100)
    settings.STATICFILES_DIRS = [source]
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    settings.WHITENOISE_KEEP_ONLY_HASHED_FILES = True

    assert collect_if_changed(verbosity=0) is True
    assert collect_if_changed(verbosity=0) is False
    (source / "app.css").write_text("body { margin: 1px; }\n" * 100)
    assert collect_if_changed(verbosity=0) is True
    (source / "extra.js").write_text("var extra = 1;\n")
    assert collect_if_changed(verbosity=0) is True
    (tmp_path / "collected" / "staticfiles.json").unlink()
    assert collect_if_changed(verbosity=0) is True
    assert collect_if_changed(verbosity=0) is False
