"""Fixtures for the browser tests: Debian's Chromium through Playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import chromium_path, require
from tests.browser import AXE_SCRIPT, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    require(path is not None, "Chromium is not installed (apt-get install chromium)")
    require(AXE_SCRIPT.exists(), "axe-core is not installed (npm ci)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright is not installed (uv sync)")
        raise
    # Playwright's sync API keeps an event loop on this thread; the test talks to the database
    # between browser steps, which Django only allows when told the loop is not in the way.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # axe-core is injected as a script, which our strict CSP would rightly block.
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
