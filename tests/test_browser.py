"""A reader in a real browser: the site served under a sub-path, as GitHub Pages serves it.

Drives Debian's Chromium through Playwright (never a downloaded browser). Under CI=true a
missing browser fails the suite instead of skipping it.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
import yaml

from conftest import ROOT

PREFIX = "/deepseek-briefing/"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(built_first, tmp_path_factory):
    """The real briefing, built and served at http://127.0.0.1:<port>/deepseek-briefing/."""
    project = built_first
    root = tmp_path_factory.mktemp("www")
    (root / PREFIX.strip("/")).symlink_to(project / "site")
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def open_page(browser, width=1280):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    failed: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    # A request cut short because the test moved on to the next page is not a failure.
    page.on("requestfailed", lambda r: failed.append(r.url) if "ERR_ABORTED" not in (r.failure or "") else None)
    return page, requests, failed


def test_quote_link_lands_on_the_quoted_highlighted_sentence(browser, served):
    page, requests, failed = open_page(browser)
    page.goto(served)
    assert page.locator("h1").first.inner_text() == "DeepSeek V4 on Huawei chips"
    page.locator("ul.summary a.wikilink[href*='facts/']").first.click()
    page.wait_for_load_state()
    assert "/facts/" in page.url
    quote_link = page.locator("a.quote-link").first
    quoted = quote_link.inner_text().strip("“”")
    quote_link.click()
    page.wait_for_load_state()
    anchor = page.url.split("#", 1)[1]
    target = page.locator(f"[id='{anchor}']")
    sentence = target.inner_text()
    assert " ".join(quoted.split()) in " ".join(sentence.split())
    assert "cited" in target.get_attribute("class")
    background = target.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    others = [u for u in requests if not u.startswith(served.rsplit(PREFIX, 1)[0])]
    assert others == [] and failed == []


def test_every_page_loads_nothing_from_other_hosts(browser, served):
    page, requests, failed = open_page(browser, width=390)
    for path in ("", "facts/", "sources/", "entities/", "disputes/", "facts/huawei-chip-bulk-orders/"):
        response = page.goto(served + path)
        assert response.status == 200, path
    origin = served.rsplit(PREFIX, 1)[0]
    assert [u for u in requests if not u.startswith(origin)] == []
    assert failed == []


def test_crawl_the_whole_site_on_a_phone(browser, served):
    """Every page: loads, no broken link or anchor, nothing from another host, no sideways scroll."""
    page, requests, failed = open_page(browser, width=390)
    page.set_viewport_size({"width": 390, "height": 844})
    origin = served.rsplit(PREFIX, 1)[0]
    queue, seen, anchors, links, files = [served], set(), {}, [], set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if not url.endswith("/"):  # a data file (JSON, CSV, feed): fetched, not opened as a page
            files.add(url)
            assert page.request.get(url).status == 200, url
            continue
        response = page.goto(url)
        assert response.status == 200, url
        anchors[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if href.startswith(served):
                target, _, fragment = href.partition("#")
                target = target.split("?", 1)[0]
                links.append((url, target, fragment))
                if target not in seen:
                    queue.append(target)
    assert len(seen) >= 20
    broken = [(a, t, f) for a, t, f in links if f and f not in anchors.get(t, set())]
    assert broken == []
    assert [u for u in requests if not u.startswith(origin)] == []
    assert failed == []


def search(page, query: str) -> list[str]:
    """Type ``query`` into the header's search box (opened with "/") and wait for its answer:
    the hrefs of the results shown."""
    page.evaluate("document.activeElement && document.activeElement.blur()")  # not in a field: "/" is the shortcut
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "briefing-search"
    page.keyboard.type(query)
    status = page.locator("#briefing-search-status")
    page.wait_for_function(
        "q => document.getElementById('briefing-search-status').textContent.includes('for “' + q + '”')",
        arg=query,
        timeout=15_000,
    )
    assert status.get_attribute("role") == "status"
    return page.eval_on_selector_all(".briefing-search__results a", "els => els.map(e => e.getAttribute('href'))")


def test_search_finds_an_english_word_and_its_results_open_under_the_sub_path(browser, served):
    page, requests, failed = open_page(browser)
    page.goto(served + "facts/huawei-chip-bulk-orders/")
    hrefs = search(page, "Cambricon")
    assert hrefs and all(h.startswith(PREFIX) for h in hrefs), hrefs  # Pagefind's URLs, based on the sub-path
    assert PREFIX + "entities/cambricon/" in hrefs
    assert search(page, "LLMs")  # stands in a seed only as "(LLMs)": next to punctuation
    page.locator(".briefing-search__results a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(served) and "LLMs" in page.locator(".briefing").inner_text()
    origin = served.rsplit(PREFIX, 1)[0]
    assert [u for u in requests if not u.startswith(origin)] == [] and failed == []
    assert any("/pagefind/" in u and u.endswith(".pf_fragment") for u in requests)
    assert "MkDocs" in page.locator("footer").inner_text()  # on every page, but only in the footer:
    assert search(page, "MkDocs") == []  # page bodies alone are indexed


def test_search_finds_an_entity_by_its_chinese_alias(browser, served):
    page, _, _ = open_page(browser, width=390)
    page.goto(served)
    hrefs = search(page, "华为")
    assert hrefs[0] == PREFIX + "entities/huawei/"


def test_on_a_phone_search_is_a_button_until_used_and_the_title_keeps_the_header(browser, served):
    page, _, _ = open_page(browser, width=390)
    page.goto(served + "facts/huawei-chip-bulk-orders/")
    width = "s => document.querySelector(s).getBoundingClientRect().width"
    form = page.locator("form.briefing-search")
    form.wait_for(state="visible")  # shown by search.js
    assert page.evaluate(width, ".briefing-search") <= 40  # a button, as Material draws its own
    assert page.evaluate(width, ".md-header__topic .md-ellipsis") >= 200  # the title has the room
    assert page.locator(".briefing-search__icon svg").is_visible()
    page.locator("#briefing-search").click()
    assert page.evaluate(width, ".briefing-search__input") >= 350  # opened across the header
    assert page.locator(".briefing-search__icon svg").is_hidden()
    page.keyboard.type("Huawei")
    page.wait_for_function("document.querySelectorAll('.briefing-search__results a').length > 0", timeout=15_000)
    page.keyboard.press("Escape")
    page.locator("h1").first.click()  # elsewhere: the field closes back into the button
    assert page.evaluate(width, ".briefing-search") <= 40


def test_search_finds_a_word_that_stands_only_in_a_quote(browser, served):
    fact = ROOT / "content/facts/v4-move-response-to-export-controls.yaml"
    record = yaml.safe_load(fact.read_text(encoding="utf-8"))
    assert "catalyst" in " ".join(e["quote"] for e in record["evidence"]).lower()
    assert "catalyst" not in (record["statement"] + record.get("title", "")).lower()
    page, _, _ = open_page(browser)
    page.goto(served + "entities/")
    hrefs = search(page, "catalyst")
    assert PREFIX + "facts/v4-move-response-to-export-controls/" in hrefs
    marks = page.eval_on_selector_all(
        ".briefing-search__results mark", "els => els.map(e => e.textContent.toLowerCase())"
    )
    assert "catalyst" in marks


def test_search_skips_the_words_every_page_repeats(browser, served):
    """The labels' legend stands on every fact page, but only the About page, where it is open,
    is a result for its words ("... or it can be checked independently"); the coverage table's
    rows, which repeat the facts' statements, and a source page's hashes are not indexed either."""
    page, _, _ = open_page(browser)
    page.goto(served)
    hrefs = search(page, "checked")
    assert PREFIX + "about/" in hrefs
    assert set(hrefs) <= {PREFIX + "about/", PREFIX + "data/"}, hrefs
    assert PREFIX + "coverage/" not in search(page, "Cambricon")  # the fact and entity pages are
    record = yaml.safe_load((ROOT / "content/sources/s000-4f3a7c88a7dc32a5.yaml").read_text(encoding="utf-8"))
    assert search(page, record["text_sha256"]) == []  # a source page's hashes are not words to search


def test_search_by_keyboard_alone(browser, served):
    page, _, _ = open_page(browser)
    page.goto(served + "timeline/")
    hrefs = search(page, "Huawei")
    assert len(hrefs) >= 3
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('href')") == hrefs[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "briefing-search"
    page.keyboard.press("Escape")
    assert page.locator(".briefing-search__panel").is_hidden()
    assert page.evaluate("document.activeElement.id") == "briefing-search"
    page.keyboard.press("ArrowDown")  # nothing to move to while the results are closed
    assert page.evaluate("document.activeElement.id") == "briefing-search"
    page.keyboard.press("Enter")  # the first result
    page.wait_for_url(served.rsplit(PREFIX, 1)[0] + hrefs[0])
    from axe_playwright_python.sync_playwright import Axe

    page.goto(served)
    search(page, "Huawei")  # the open results too: names, roles, contrast
    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations if v["impact"] in ("serious", "critical")]
    assert bad == []


HOSTILE = ("<>&\"'.*+?^${}()|[]\\/", "[^\\]*+?{2,}(?<=<)", "</><!-- -->`~@#%=;:,")


def test_a_hostile_query_finds_nothing_and_breaks_nothing(browser, served):
    page, requests, failed = open_page(browser)
    errors, dialogs = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served + "facts/")
    for query in HOSTILE:  # regex and HTML characters only
        assert search(page, query) == [], query
        # text, not markup
        assert page.locator("#briefing-search-status").inner_text() == f"No results for “{query}”"
    # Words inside markup are searched as words; the markup stays text and nothing runs.
    query = "<img src=x onerror=alert(1)><b>"
    search(page, query)
    assert page.locator("#briefing-search-status").inner_text().endswith(f"for “{query}”")
    assert page.locator("header img, header b").count() == 0
    assert search(page, "Huawei")  # and search still works
    assert errors == [] and dialogs == [] and failed == []
    assert not any(u.endswith("/x") for u in requests)


def test_month_precision_never_shows_or_claims_a_day(browser, served):
    page, _, _ = open_page(browser)
    page.goto(served + "timeline/")
    times = page.eval_on_selector_all("time", "els => els.map(e => [e.getAttribute('datetime'), e.textContent])")
    assert times
    for stamp, text in times:
        has_day_text = any(part.isdigit() and len(part) <= 2 for part in text.replace("?", " ").split())
        assert (len(stamp) == 10) == has_day_text, (stamp, text)
    month_entries = [(s, t) for s, t in times if len(s) == 7]
    assert month_entries, "the briefing has a month-precision entry"


PAGE_TYPES = (
    "", "about/", "facts/", "facts/huawei-chip-bulk-orders/", "sources/", "sources/s002-bda191870444a60c/",
    "entities/", "entities/huawei/", "timeline/", "coverage/", "disputes/", "disputes/does-v4-run-entirely-on-huawei/",
    "data/",
)


def test_no_serious_accessibility_violations_on_any_page_type(browser, served):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()  # axe-core bundled with the package: nothing is fetched
    found = {}
    for path in PAGE_TYPES:
        page, _, _ = open_page(browser)
        page.goto(served + path)
        violations = axe.run(page).response["violations"]
        bad = [(v["id"], len(v["nodes"])) for v in violations if v["impact"] in ("serious", "critical")]
        if bad:
            found[path or "home"] = bad
        page.close()
    assert found == {}


def test_keyboard_alone_reaches_every_link_of_a_fact_page(browser, served):
    page, _, _ = open_page(browser)
    page.goto(served + "facts/huawei-chip-bulk-orders/")
    wanted = set(page.eval_on_selector_all(".briefing a[href]", "els => els.map(e => e.href)"))
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.href || ''")
        if href:
            reached.add(href)
        if wanted <= reached:
            break
    assert wanted - reached == set()
