"""Published pages never break: a committed manifest of page URLs, and redirects.

``content/published-pages.txt`` lists every record page ever published, one URL per line.
`briefing ids --update` adds the current ones and never removes a line. `check` refuses a
change that drops a listed page unless ``content/redirects.yaml`` sends it to a live record;
render turns each redirect into a small page that forwards the reader.
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.content.load import Briefing
from builder.core.problems import Problem
from builder.core.urls import SECTIONS, page_url

# A record page is <section>/<id>.md, and each list's pages are <section>/index.md and
# <section>/pages/<n>.md: a record or redirect with one of these ids would take a list's place.
RESERVED_IDS = ("index", "pages")
MANIFEST = "content/published-pages.txt"
REDIRECTS = "content/redirects.yaml"


def record_pages(briefing: Briefing) -> dict[str, str]:
    """Page URL -> record id for every record page the site has now."""
    pages = {page_url("source", i): i for i in briefing.sources}
    for kind in ("entity", "fact", "dispute"):
        pages.update({page_url(kind, i): i for i in briefing.kind(kind)})
    return pages


def redirects(briefing: Briefing) -> list[dict]:
    document = briefing.kind("redirects").get("redirects")
    return list(document.data.get("redirects", [])) if document else []


def parse_manifest(text: str) -> list[tuple[int, str]]:
    """(line number, URL) for each listed page; blank lines and # comments skipped."""
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.startswith("#")]


def updated_manifest(briefing: Briefing, old: str) -> str:
    """The manifest with every current record page added; nothing is ever removed."""
    urls = {url for _, url in parse_manifest(old)} | set(record_pages(briefing))
    header = "# Every record page ever published. Never delete a line: add a redirect instead.\n# Updated by `briefing ids --update`.\n"
    return header + "".join(f"{url}\n" for url in sorted(urls))


def check_manifest(briefing: Briefing) -> Iterator[Problem]:
    """Published pages still exist or redirect to a live record; redirects are sound."""
    live = record_pages(briefing)
    moved = {}
    ids = set(live.values())
    document = briefing.kind("redirects").get("redirects")
    for n, item in enumerate(redirects(briefing)):
        source, target = item["from"], item["to"]
        if source in live:
            line, col = document.at(("redirects", n, "from"))
            yield Problem(document.path, line, col, "redirect-shadows-page", f"{source} is a live page, so it cannot redirect", "remove this redirect, or rename the record that lives there")
        elif source.strip("/").partition("/")[2].split("/")[0] in RESERVED_IDS:
            line, col = document.at(("redirects", n, "from"))
            yield Problem(document.path, line, col, "redirect-shadows-page", f"{source} is where a list's pages live, so it cannot redirect", "remove this redirect: no record page was ever published there")
        elif target not in ids:
            line, col = document.at(("redirects", n, "to"))
            yield Problem(document.path, line, col, "unknown-id", f"the redirect goes to '{target}', which is no record", "point it at the id that replaced the old page")
        moved[source] = target
    for line, url in parse_manifest(briefing.manifest or ""):
        if url not in live and url not in moved:
            folder, _, old_id = url.strip("/").partition("/")
            yield Problem(MANIFEST, line, 1, "published-page-removed", f"{url} was published, but no record makes it any more", f"readers' links would break: add to {REDIRECTS} an entry `- from: {url}` with `to: <the id that replaced {old_id}>`")
    listed = {url for _, url in parse_manifest(briefing.manifest or "")}
    missing = sorted(set(live) - listed)
    if briefing.manifest is not None and missing:
        yield Problem(MANIFEST, 1, 1, "pages-not-listed", f"{len(missing)} page(s) are not yet listed, e.g. {missing[0]}", "run `briefing ids --update` and commit the file", "info")


def redirect_pages(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """Docs path of each redirect page -> (old URL, new record page URL)."""
    live = {record_id: url for url, record_id in record_pages(briefing).items()}
    return {item["from"].rstrip("/") + ".md": (item["from"], live[item["to"]]) for item in redirects(briefing) if item["to"] in live and item["from"].split("/")[0] in SECTIONS.values()}
