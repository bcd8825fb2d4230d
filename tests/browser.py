"""Helpers for browser tests: Debian's Chromium through Playwright, and axe-core from npm."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations",
        AXE_TAGS,
    )
    return list(result)


def describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in violations
        ],
        indent=2,
    )


class AccessibilityAudit:
    """Checks every page a journey visits and remembers which it checked."""

    def __init__(self) -> None:
        self.checked: list[str] = []

    def check(self, page: Any) -> None:
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        path = page.url.split("//", 1)[-1].split("/", 1)[-1]
        assert not violations, f"axe found problems on /{path}:\n{describe(violations)}"
        self.checked.append(f"/{path}")


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now, never one about to expire."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(page: Any, base_url: str, email: str, password: str, *, totp_secret: str = "") -> None:
    """Sign in through the real form; with ``totp_secret``, answer the authenticator step too."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code", exact=True).fill(current_totp_code(totp_secret))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


# --- Under the real Content Security Policy --------------------------------------------------
# Contexts made with strict_context() keep the site's CSP. axe-core goes in through the DevTools
# protocol (page.evaluate), which the page's CSP does not govern, and an init script (also outside
# the CSP) records every securitypolicyviolation event, so a blocked script or style is a failure.

PROBLEM_WATCH = """
window.__pageProblems = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__pageProblems.push(
    `Content Security Policy blocked ${event.effectiveDirective}: ${event.blockedURI || 'inline'}`
    + ` (${event.sourceFile || 'page'}:${event.lineNumber})`
  );
}, true);
"""

# Every chart (an <svg role="img">, or anything marked .app-chart) has a name and the same figures
# in a data table: in its <figure>, straight after it, or named by aria-describedby.
CHART_PROBLEMS = """
() => {
  const problems = [];
  const charts = new Set();
  document.querySelectorAll('svg[role="img"], .app-chart').forEach((element) => {
    const svg = element.matches('svg') ? element : element.querySelector('svg');
    charts.add(svg || element);
  });
  const textOf = (ids) => (ids || '').split(/\\s+/).filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
  const tableIn = (element) => element && (element.matches('table') ? element
    : element.querySelector('table'));
  for (const chart of charts) {
    const where = chart.closest('figure') || chart;
    const label = (chart.getAttribute('aria-label') || '').trim()
      || textOf(chart.getAttribute('aria-labelledby'));
    const name = label || (where.querySelector('figcaption') || {}).textContent || '';
    if (chart.getAttribute('role') !== 'img') problems.push('a chart without role="img"');
    if (!name.trim()) problems.push('a chart without a text alternative');
    const described = textOf(where.getAttribute('aria-describedby'))
      ? document.getElementById(where.getAttribute('aria-describedby').split(/\\s+/)[0]) : null;
    const table = tableIn(where) || tableIn(where.nextElementSibling) || tableIn(described);
    if (!table) {
      problems.push(`the chart "${name.trim().slice(0, 60)}" has no data table beside it`);
    } else if (!table.querySelector('caption') && !table.getAttribute('aria-label')) {
      problems.push(`the table for the chart "${name.trim().slice(0, 60)}" has no caption`);
    }
  }
  return {count: charts.size, problems};
}
"""


def axe_source() -> str:
    """axe-core's source, read once."""
    global _AXE_SOURCE
    if not _AXE_SOURCE:
        _AXE_SOURCE = AXE_SCRIPT.read_text(encoding="utf-8") + "\n;0"
    return _AXE_SOURCE


_AXE_SOURCE = ""


def strict_context(browser: Any, base_url: str = "", session: str | None = None) -> Any:
    """A browser context that keeps the site's Content Security Policy and records what it
    blocks; with ``session``, signed in with that session cookie."""
    context = browser.new_context()
    context.set_default_timeout(15_000)
    context.add_init_script(PROBLEM_WATCH)
    if session:
        context.add_cookies([{"name": "sessionid", "value": session, "url": base_url}])
    return context


def watch_console(page: Any) -> list[str]:
    """Collect the page's console errors and uncaught exceptions into the returned list."""
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(f"console {message.type}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"uncaught error: {error}"))
    return errors


def axe_violations_under_csp(page: Any) -> list[dict[str, Any]]:
    """Like axe_violations, without adding a <script> the page's CSP would block."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations",
        AXE_TAGS,
    )
    return list(result)


def chart_problems(page: Any) -> tuple[int, list[str]]:
    """How many charts the page has, and any without a text alternative or a data table."""
    found = page.evaluate(CHART_PROBLEMS)
    return int(found["count"]), list(found["problems"])


class StrictAudit:
    """Checks pages in strict_context()s: axe-core, nothing blocked by the CSP, no console
    errors, and every chart with a text alternative and a table. Remembers what it checked."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.charts = 0
        self._console: dict[int, list[str]] = {}

    def watch(self, page: Any) -> Any:
        """Start collecting the page's console errors (call before its first goto)."""
        self._console[id(page)] = watch_console(page)
        return page

    def problems(self, page: Any) -> list[str]:
        page.wait_for_load_state("load")
        found = list(page.evaluate("window.__pageProblems || ['the problem watch is missing']"))
        console = self._console.get(id(page))
        if console is None:
            found.append("the page's console was not watched (StrictAudit.watch)")
        else:
            found.extend(console)
            console.clear()
        return found

    def check(self, page: Any, label: str = "") -> None:
        page.wait_for_load_state("load")
        path = "/" + page.url.split("//", 1)[-1].split("/", 1)[-1]
        where = f"{path}{f' ({label})' if label else ''}"
        violations = axe_violations_under_csp(page)
        assert not violations, f"axe found problems on {where}:\n{describe(violations)}"
        charts, chart_issues = chart_problems(page)
        assert not chart_issues, f"charts on {where}: {chart_issues}"
        problems = self.problems(page)
        assert not problems, f"on {where}: {problems}"
        self.charts += charts
        self.checked.append(where)


# --- Reflow at 320 CSS pixels (WCAG 1.4.10) ---------------------------------------------------
# The page must not scroll sideways, and no text may be cut off. The one exception WCAG allows is
# a data table that needs two dimensions: it may scroll inside a labelled, focusable region.

REFLOW_PROBLEMS = """
() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  const hidden = (el) => {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return box.width <= 1 || box.height <= 1 || style.visibility === 'hidden'
      || style.clipPath !== 'none' || (style.clip && style.clip !== 'auto');
  };
  const scrollRegion = (el) => {
    const style = getComputedStyle(el);
    return ['auto', 'scroll'].includes(style.overflowX) && el.getAttribute('tabindex') === '0'
      && el.getAttribute('role') === 'region'
      && !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'))
      && !!el.querySelector('table');
  };
  const describe = (el) => {
    const cls = typeof el.className === 'string' && el.className
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls}> "${text}"`;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) problems.push(`the page scrolls sideways: ${scrollWidth}px wide`);
  const walk = (el) => {
    for (const child of el.children) {
      if (['SCRIPT', 'STYLE', 'TEMPLATE', 'svg', 'HEAD'].includes(child.tagName)) continue;
      if (getComputedStyle(child).display === 'none') continue;
      const box = child.getBoundingClientRect();
      if (box.right > width + 0.5 || box.left < -0.5) {
        const where = `${Math.round(box.left)}-${Math.round(box.right)}px`;
        problems.push(`sticks out of the screen (${where}): ${describe(child)}`);
        continue;
      }
      if (hidden(child) || scrollRegion(child)) continue;
      const style = getComputedStyle(child);
      const clips = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (clips && child.scrollWidth > child.clientWidth + 1 && (child.innerText || '').trim()) {
        problems.push(`text is cut off: ${describe(child)}`);
        continue;
      }
      walk(child);
    }
  };
  walk(document.body);
  if (problems.length === 1 && scrollWidth > width) {
    // Nothing in the flow sticks out: look for positioned elements escaping a scroll region.
    document.querySelectorAll('body *').forEach((el) => {
      const position = getComputedStyle(el).position;
      if (['absolute', 'fixed'].includes(position) && el.getBoundingClientRect().right > width) {
        problems.push(`a ${position} element sticks out: ${describe(el)}`);
      }
    });
  }
  return problems;
}
"""


def reflow_problems(page: Any) -> list[str]:
    """What stops the page reflowing at its current width (set the viewport to 320 first)."""
    return list(page.evaluate(REFLOW_PROBLEMS))


# --- Keyboard only ----------------------------------------------------------------------------

FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {tag: 'body', name: '', id: '', type: '', href: ''};
  const labels = el.labels ? Array.from(el.labels).map((l) => l.innerText).join(' ') : '';
  const name = (el.getAttribute('aria-label') || labels || el.innerText || el.value || '')
    .trim().replace(/\\s+/g, ' ');
  return {
    tag: el.tagName.toLowerCase(), name, id: el.id || '', type: el.getAttribute('type') || '',
    href: el.getAttribute('href') || '', role: el.getAttribute('role') || '',
  };
}
"""

FOCUS_IS_VISIBLE = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  const shows = (style) => {
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && !/^rgba\\(.*,\\s*0\\)$/.test(style.outlineColor) && style.outlineColor !== 'transparent';
    return outline || (style.boxShadow && style.boxShadow !== 'none');
  };
  if (shows(getComputedStyle(el))) return true;
  // GOV.UK radios and checkboxes draw the focus ring on the label's ::before or ::after.
  const label = el.labels && el.labels[0];
  return !!label && (shows(getComputedStyle(label, '::before'))
    || shows(getComputedStyle(label, '::after')));
}
"""


def focused(page: Any) -> dict[str, str]:
    """The element that has the keyboard focus: its tag, name, id, type, href and role."""
    return dict(page.evaluate(FOCUSED))


def focus_is_visible(page: Any) -> bool:
    """Whether the focused element shows a focus indicator (an outline or a box shadow)."""
    return bool(page.evaluate(FOCUS_IS_VISIBLE))


def tab_to(page: Any, wanted: Any, *, limit: int = 60, backwards: bool = False) -> dict[str, str]:
    """Press Tab (Shift+Tab when ``backwards``) until ``wanted(focused element)`` is true; fail
    after ``limit`` presses with the elements visited. Each stop must show its focus."""
    visited: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        element = focused(page)
        visited.append(f"{element['tag']} {element['name'][:40]!r}")
        if element["tag"] != "body":
            assert focus_is_visible(page), f"focus is not visible on {visited[-1]}"
        if wanted(element):
            return element
    raise AssertionError(f"never reached the element by keyboard; visited: {visited}")


def named(text: str, *, tag: str = "") -> Any:
    """A tab_to target: an element whose accessible name starts with ``text``."""
    return lambda element: element["name"].startswith(text) and (not tag or element["tag"] == tag)
