"""`make screenshots`: every page of the service, as every role allowed to see it, 1280 and 390
CSS pixels wide, and a contact sheet to look at them all: var/screenshots/index.html.

The pages are those the accessibility check visits (tests/every_page.py): every HTML page of the
permission matrix, with the data the query budgets build, and the sign-in pages as an anonymous
visitor. One Debian Chromium, one browser tab per role. Run it with `make screenshots` (or
`.venv/bin/pytest tests/screenshots.py -p no:cacheprovider`); `make test` does not, because pytest
collects only test_*.py files. tests/test_screenshot_pages.py checks that its list of pages is the
permission matrix's.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image

from civictalent.accounts.models import User
from tests.every_page import PAGE_ROLES, SIGN_IN_PAGES, RolePages, every_page
from tests.test_query_budgets import build_data

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "var" / "screenshots"
# Width: the height of the first screen, which the thumbnail shows.
WIDTHS = {1280: 800, 390: 844}
THUMBNAIL_HEIGHT = 240
ROLE_NAMES = {
    "anonymous": "anonymous visitor",
    "member_a": "member, Hackney",
    "editor_a": "editor, Hackney",
    "admin_a": "council admin, Hackney",
    "member_b": "member, Greenwich",
    "platform_admin": "platform admin",
}


def shot_plan() -> list[tuple[str, list[str]]]:
    """Every page to picture (a URL name, or a sign-in page's address) and the roles to picture
    it as: everyone the permission matrix lets read it. With CIVICTALENT_SCREENSHOT_PAGES set
    (comma-separated beginnings, such as ``maturity:,capabilities:``) only the pages whose name
    begins with one of them."""
    plan = [*PAGE_ROLES, *((url, ["anonymous"]) for url in SIGN_IN_PAGES)]
    wanted = [
        part for part in os.environ.get("CIVICTALENT_SCREENSHOT_PAGES", "").split(",") if part
    ]
    return [row for row in plan if row[0].startswith(tuple(wanted))] if wanted else plan


@dataclass(frozen=True)
class Shot:
    page: str
    url: str
    role: str
    width: int

    @property
    def stem(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.page.lower()).strip("-")
        return f"{slug}--{self.role}--{self.width}"

    @property
    def image(self) -> str:
        return f"full/{self.stem}.png"

    @property
    def thumbnail(self) -> str:
        return f"thumbnails/{self.stem}.jpg"


def make_thumbnail(shot: Shot) -> tuple[int, int]:
    """The first screen of the page, small; returns its size."""
    with Image.open(OUTPUT / shot.image) as full:
        top = full.crop((0, 0, full.width, min(full.height, WIDTHS[shot.width])))
        scale = THUMBNAIL_HEIGHT / top.height
        small = top.convert("RGB").resize(
            (round(top.width * scale), THUMBNAIL_HEIGHT), Image.Resampling.LANCZOS
        )
        small.save(OUTPUT / shot.thumbnail, quality=85)
        return small.size


def contact_sheet(
    shots: list[Shot], sizes: dict[Shot, tuple[int, int]], left_out: list[str], seconds: float
) -> str:
    pages: dict[str, list[Shot]] = {}
    for shot in shots:
        pages.setdefault(shot.page, []).append(shot)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB"><head><meta charset="utf-8">',
        "<title>Civic Talent: every page as every role</title>",
        "<style>",
        "body { font-family: Arial, sans-serif; color: #0b0c0c; margin: 24px; }",
        "nav ol { columns: 3; font-size: 14px; }",
        "section { border-top: 2px solid #b1b4b6; padding-top: 8px; margin-top: 24px; }",
        "h2 { font-size: 20px; margin: 0 0 8px; } h2 code { font-weight: normal; }",
        ".shots { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }",
        "figure { margin: 0; } figcaption { font-size: 14px; margin-top: 4px; }",
        "img { display: block; border: 1px solid #b1b4b6; }",
        "</style></head><body>",
        "<h1>Civic Talent: every page as every role</h1>",
        f"<p>{len(shots)} screenshots of {len(pages)} pages, taken {timezone.localtime():%d %B %Y %H:%M}"
        f" from commit {e(commit or 'unknown')} by <code>make screenshots</code> in"
        f" {seconds:.0f} seconds, at {' and '.join(f'{w}' for w in WIDTHS)} CSS pixels wide, with"
        " the test suite's data. Each picture shows the first screen; select it to see the whole"
        " page.</p>",
        "<nav><h2>Pages</h2><ol>",
        *(
            f'<li><a href="#{e(group[0].stem.split("--")[0])}">{e(name)}</a></li>'
            for name, group in pages.items()
        ),
        "</ol></nav>",
    ]
    for name, group in pages.items():
        parts.append(f'<section id="{e(group[0].stem.split("--")[0])}">')
        parts.append(f"<h2>{e(name)} <code>{e(group[0].url)}</code></h2>")
        parts.append('<div class="shots">')
        for shot in group:
            width, height = sizes[shot]
            who = ROLE_NAMES.get(shot.role, shot.role)
            parts.append(
                f'<figure><a href="{e(shot.image)}"><img src="{e(shot.thumbnail)}" '
                f'width="{width}" height="{height}" loading="lazy" '
                f'alt="{e(name)} as {e(who)}, {shot.width} pixels wide"></a>'
                f"<figcaption>{e(who)}, {shot.width} px</figcaption></figure>"
            )
        parts.append("</div></section>")
    if left_out:
        listed = ", ".join(e(name) for name in left_out)
        parts.append(
            f"<section><h2>Not pictured</h2><p>Not HTML (feeds, files, JSON): {listed}.</p>"
        )
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


@pytest.mark.django_db(transaction=True)
def test_screenshots_of_every_page(
    live_server: Any,
    browser: Any,
    people: dict[str, User | None],
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.monotonic()
    data = build_data(people, salaries=True)
    shutil.rmtree(OUTPUT, ignore_errors=True)
    (OUTPUT / "full").mkdir(parents=True)
    (OUTPUT / "thumbnails").mkdir()
    shots: list[Shot] = []
    left_out: list[str] = []
    failures: list[str] = []
    tabs = RolePages(browser, live_server.url, people)
    # Thumbnails are made while the browser takes the next screenshots.
    with ThreadPoolExecutor(max_workers=1) as thumbnailer:
        made = {}
        try:
            wanted = {name for name, _ in shot_plan()}
            for found in every_page(people, data):
                if found.name not in wanted:
                    continue
                if not found.html:
                    left_out.append(found.name)
                    continue
                for role in found.roles:
                    tab = tabs[role]
                    answer = tab.goto(live_server.url + found.url)
                    if answer is None or answer.status != 200:
                        status = answer.status if answer else "no answer"
                        failures.append(f"{found.url} as {role}: {status}")
                        continue
                    for width, height in WIDTHS.items():
                        tab.set_viewport_size({"width": width, "height": height})
                        shot = Shot(found.name, found.url, role, width)
                        tab.screenshot(
                            path=str(OUTPUT / shot.image), full_page=True, animations="disabled"
                        )
                        shots.append(shot)
                        made[shot] = thumbnailer.submit(make_thumbnail, shot)
        finally:
            tabs.close()
        sizes = {shot: future.result() for shot, future in made.items()}
    seconds = time.monotonic() - started
    sheet = OUTPUT / "index.html"
    sheet.write_text(contact_sheet(shots, sizes, left_out, seconds), encoding="utf-8")
    with capsys.disabled():
        print(
            f"\n{len(shots)} screenshots of {len({shot.page for shot in shots})} pages in"
            f" {seconds:.0f} s. Contact sheet: {sheet}"
        )
    assert not failures, "\n".join(failures)
    readings = sum(len(roles) for name, roles in shot_plan() if name not in left_out)
    assert len(shots) == len(WIDTHS) * readings
