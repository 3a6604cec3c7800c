"""Every page as a reader sees it, at 360, 390 and 1280 px: the first briefing here, the
100-source synthetic one under the ``sweep`` mark (``make sweep``; CI runs both).

For each page and width: the document never scrolls sideways; no table or block scrolls
sideways to hide cells; no status badge is clipped; the visible text has no record id or
internal word; every link to a fact is followed by exactly one status badge, the fact's own.
Axe-core finds no serious or critical violation on the largest page of each kind.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
import yaml

from helpers import briefing

pytestmark = pytest.mark.browser
WIDTHS = (360, 390, 1280)
# (JavaScript pattern, flags): internal words in any case; ids exactly as the records spell them.
INTERNAL = [(r"\bseeds?\b", "i"), (r"\bstandfirst\b", "i"), (r"\bs\d{3,4}\b", ""), (r"\bs-[0-9a-f]{8}\b", "")]

# One pass over a rendered page; returns what a reader would find wrong, in words.
CHECK_PAGE = r"""
([statuses, forbidden]) => {
  const problems = [];
  const W = document.documentElement.clientWidth;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const overflow = document.documentElement.scrollWidth - W;
  if (overflow > 0) problems.push(`the page scrolls sideways by ${overflow}px`);
  const content = document.querySelector('.md-content') || document.body;
  const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  for (const el of content.querySelectorAll('*')) {
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth <= 1 || !visible(el)) continue;  // 1px: visually hidden
    if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX))
      problems.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth}px of its content sideways`);
  }
  for (const el of content.querySelectorAll('table')) {
    if (visible(el) && el.getBoundingClientRect().right > W + 1)
      problems.push(`${name(el)} runs ${Math.round(el.getBoundingClientRect().right - W)}px past the screen`);
  }
  for (const badge of content.querySelectorAll('.status')) {
    if (!visible(badge)) continue;
    const box = badge.getBoundingClientRect();
    let clipped = box.left < -0.5 || box.right > W + 0.5 || badge.scrollWidth > badge.clientWidth + 1;
    // Clipped by a box it stands in (the page itself scrolls, so html and body do not count).
    for (let up = badge.parentElement; up && up !== document.body && !clipped; up = up.parentElement) {
      const s = getComputedStyle(up);
      const outer = up.getBoundingClientRect();
      if (s.overflowX !== 'visible') clipped = box.left < outer.left - 0.5 || box.right > outer.right + 0.5;
      if (!clipped && ['hidden', 'clip'].includes(s.overflowY))
        clipped = box.top < outer.top - 0.5 || box.bottom > outer.bottom + 0.5;
    }
    if (clipped) problems.push(`the badge "${badge.textContent}" is clipped`);
  }
  // An article's address shown as its own link text is the outlet's URL, not our wording.
  let text = document.body.innerText;
  for (const a of document.querySelectorAll('a[href^="http"]')) {
    if (a.textContent.trim() === a.getAttribute('href')) text = text.split(a.getAttribute('href')).join(' ');
  }
  for (const [pattern, flags] of forbidden) {
    const found = text.match(new RegExp(pattern, flags));
    const around = found && text.slice(Math.max(0, found.index - 40), found.index + 40).replace(/\s+/g, ' ');
    if (found) problems.push(`visible text has "${found[0]}" (${pattern}): …${around}…`);
  }
  const next = node => {
    let n = node.nextSibling;
    while (n && n.nodeType === 3 && !n.textContent.trim()) n = n.nextSibling;
    return n;
  };
  const isBadge = n => n && n.nodeType === 1 && n.classList.contains('status');
  for (const a of document.querySelectorAll('.briefing a[href]')) {
    const url = new URL(a.href);
    const m = url.pathname.match(/\/facts\/([a-z0-9-]+)\/$/);
    if (!m || m[1] === 'pages' || url.hash || !(m[1] in statuses)) continue;
    const badge = next(a);
    const link = `the link to ${m[1]}`;
    if (!isBadge(badge)) problems.push(`${link} ("${a.textContent.slice(0, 50)}") is not followed by a status badge`);
    else if (badge.textContent !== statuses[m[1]])
      problems.push(`${link} is followed by "${badge.textContent}", not its status "${statuses[m[1]]}"`);
    else if (isBadge(next(badge))) problems.push(`the link to ${m[1]} is followed by two status badges`);
  }
  return problems;
}
"""


def _statuses_and_ids(project: Path) -> tuple[dict[str, str], list[str]]:
    statuses, ids = {}, []
    for path in sorted((project / "content").rglob("*.yaml")):
        if path.name == "briefing.yaml" or path.name == "redirects.yaml":
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "id" not in data:
            continue
        ids.append(data["id"])
        if path.parent.name == "facts":
            statuses[data["id"]] = data["status"]
    return statuses, sorted(set(ids))


def _forbidden(ids: list[str]) -> list[str]:
    # An id of one word ("huawei") is spelled like the name it stands for: only ids a reader
    # could not mistake for words (with a hyphen or a digit) are looked for, case and all.
    literal = [(rf"(?<![\w-]){re.escape(i)}(?![\w-])", "") for i in ids if "-" in i or any(c.isdigit() for c in i)]
    return INTERNAL + literal


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        # Stylesheets, scripts and data are fetched once per sweep, not revalidated per page.
        if not self.path.endswith("/") and not self.path.endswith(".html"):
            self.send_header("Cache-Control", "max-age=3600")
        super().end_headers()


@contextlib.contextmanager
def reading(browser, site: Path):
    """The site served on a free local port and one page in a fresh browser context (its own
    cache, shared by every page it opens): yields (page, base URL)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 800})
    try:
        yield context.new_page(), f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        context.close()
        server.shutdown()


# The next animation frame after a resize: a frame runs the resize event (the theme's handlers),
# then evaluates media queries, then animation frame callbacks; measuring forces the layout.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => done()))"


def at_widths(page, widths, height: int = 800):
    """Resize the loaded page to each width in turn and let it settle: a reader turning a phone
    or resizing a window, measured exactly as a page loaded at that width (the same CSS and
    script, run again for the new size). Yields each width."""
    for width in widths:
        page.set_viewport_size({"width": width, "height": height})
        page.evaluate(SETTLED)
        yield width


def _pages(site: Path) -> list[str]:
    """Every page a reader reads: not the forwarding pages of moved URLs, which leave at once
    for the page they name (that page is swept itself)."""
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
        for p in site.rglob("index.html")
        if "search" not in p.parts and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )


def sweep(browser, site: Path, project: Path, paths: list[str] | None = None) -> dict[str, list[str]]:
    """Every page (or ``paths``) at every width: {"path @ width": [problem, ...]} for the
    pages with any. Each page is loaded once and measured at each width in turn."""
    statuses, ids = _statuses_and_ids(project)
    forbidden = _forbidden(ids)
    found: dict[str, list[str]] = {}
    with reading(browser, site) as (page, base):
        for path in _pages(site) if paths is None else paths:
            # The theme's script runs before DOMContentLoaded (it ends the body and waits for
            # the stylesheets), so the layout measured is the one a reader gets.
            page.goto(base + path, wait_until="domcontentloaded")
            for width in at_widths(page, WIDTHS):
                problems = page.evaluate(CHECK_PAGE, [statuses, forbidden])
                if problems:
                    found[f"{path or '/'} @ {width}"] = problems
    return found


def largest_of_each_kind(site: Path) -> list[str]:
    """The largest page (HTML bytes) of each kind: home, about, each list, each record kind."""
    best: dict[str, tuple[int, str]] = {}
    for path in _pages(site):
        parts = path.strip("/").split("/")
        kind = "home" if not path else parts[0] if len(parts) == 1 or parts[1] == "pages" else f"{parts[0]} record"
        size = (site / path / "index.html").stat().st_size
        if size > best.get(kind, (-1, ""))[0]:
            best[kind] = (size, path)
    return sorted(p for _, p in best.values())


def axe_serious(browser, site: Path, paths: list[str]) -> dict[str, list]:
    """Axe-core's serious and critical violations on each page at a phone's and a desktop's width."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()  # axe-core bundled with the package: nothing is fetched
    found = {}
    with reading(browser, site) as (page, base):
        for path in paths:
            page.goto(base + path)
            for width in at_widths(page, (390, 1280), height=900):
                violations = axe.run(page).response["violations"]
                bad = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
                if bad:
                    found[f"{path or '/'} @ {width}"] = bad
    return found


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from builder.synth import main as synth

    project = tmp_path_factory.mktemp("synthetic") / "project"
    assert synth([str(project), "100"]) == 0
    result = briefing(project, "build", "--strict")
    assert result.returncode == 0, result.stderr  # synth's sources are named: strict-clean
    return project


def test_every_page_of_the_first_briefing_reads_at_every_width(browser, built_first):
    assert sweep(browser, built_first / "site", built_first) == {}


def test_the_sweep_sees_what_a_reader_would(browser, built_first, tmp_path):
    """The sweep is not blind: a page with each fault planted is reported, in words, at the
    widths where a reader would see it (a box a phone's screen is too narrow for, at 360 px
    only: each width is really measured), and a clean page beside it is not."""
    import shutil

    site = tmp_path / "site"
    shutil.copytree(built_first / "site", site)
    page = site / "facts/index.html"
    html = page.read_text(encoding="utf-8")
    link = re.search(r'(<a class="fact-link" href="[^"]+/">[^<]+</a>) <abbr class="status[^>]*>[^<]*</abbr>', html)
    html = html.replace(link.group(0), link.group(1), 1)  # a fact link without its badge
    opening = re.search(r'<div class="briefing"[^>]*>', html).group(0)  # the page body
    assert html.count(opening) == 1
    planted = (
        '<p>The seed s002 says it.</p><div style="overflow-x:auto"><div style="width:2000px">wide</div></div>'
        '<p style="width:120px;overflow:hidden;white-space:nowrap">xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx '
        '<abbr class="status status-reported">reported</abbr></p>'
    )
    html = html.replace(opening, opening + planted, 1)
    narrow = '<table class="planted" style="width:370px;table-layout:fixed"><tr><td>narrow</td></tr></table>'
    html = html.replace("</article>", narrow + "</article>", 1)
    page.write_text(html, encoding="utf-8")
    found = sweep(browser, site, built_first, paths=["", "facts/"])
    assert set(found) == {f"facts/ @ {w}" for w in WIDTHS}
    assert any("table.planted" in p for p in found["facts/ @ 360"]), found["facts/ @ 360"]
    assert not any("table.planted" in p for w in WIDTHS[1:] for p in found[f"facts/ @ {w}"])
    problems = "\n".join(found["facts/ @ 390"])
    assert "is not followed by a status badge" in problems
    assert 'visible text has "seed"' in problems and 'visible text has "s002"' in problems
    assert "div hides" in problems and "px of its content sideways" in problems
    assert 'the badge "reported" is clipped' in problems


@pytest.mark.sweep
def test_every_page_of_the_synthetic_briefing_reads_at_every_width(browser, synthetic):
    found = sweep(browser, synthetic / "site", synthetic)
    assert found == {}, "\n".join(f"{k}: {v[:3]}" for k, v in list(found.items())[:20])


@pytest.mark.sweep
def test_no_serious_accessibility_violations_on_the_largest_synthetic_pages(browser, synthetic):
    paths = largest_of_each_kind(synthetic / "site")
    assert len(paths) >= 12
    assert axe_serious(browser, synthetic / "site", paths) == {}
