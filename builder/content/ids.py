"""Published pages never break: what was published, redirects, and the check that guards them.

What was published is read from git (``published.read_published``): the pages the merge base
of this change makes. `check` refuses a change that drops one of them unless
``content/redirects.yaml`` sends it to a live record; render turns each redirect into a
small page that forwards the reader. Nothing here is kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from builder.content.load import BRIEFING_FILE, REDIRECTS_FILE, Briefing, kind_of
from builder.content.published import Published
from builder.core.problems import Problem
from builder.core.urls import SECTIONS, page_url

# A record page is <section>/<id>.md, and each list's pages are <section>/index.md and
# <section>/pages/<n>.md: a record or redirect with one of these ids would take a list's place.
RESERVED_IDS = ("index", "pages")
REDIRECTS = REDIRECTS_FILE


def record_pages(briefing: Briefing) -> dict[str, str]:
    """Page URL -> record id for every record page the site has now."""
    pages = {page_url("source", i): i for i in briefing.sources}
    for kind in ("entity", "fact", "dispute"):
        pages.update({page_url(kind, i): i for i in briefing.kind(kind)})
    return pages


PAGE_KINDS = {"source-text": "source", "source": "source", "entity": "entity", "fact": "fact", "dispute": "dispute"}


def pages_of_files(paths) -> dict[str, str]:
    """URL -> file for every record page the content files ``paths`` make (by name alone)."""
    pages: dict[str, str] = {}
    for path in sorted(paths):
        placed = kind_of(path)
        if placed and placed[0] in PAGE_KINDS and path.endswith(".yaml"):
            pages.setdefault(page_url(PAGE_KINDS[placed[0]], placed[1]), path)
    return pages


def published_pages(published: Published) -> dict[str, str]:
    """URL -> what made it at the base: a record's file, or the redirects file."""
    pages = pages_of_files(published.files)
    for url in published.redirects:
        pages.setdefault(url, REDIRECTS)
    return pages


def file_pages(briefing: Briefing) -> dict[str, str]:
    """Page URL -> file for every record page a content file claims, whether or not the file
    parses or passes its schema: a record with a mistake in it still has its page."""
    paths = [f"content/sources/{i}.yaml" for i in briefing.known.get("source-text", ())]
    paths += [f"content/sources/{i}.meta.yaml" for i in briefing.known.get("source", ())]
    folders = {"entity": "entities", "fact": "facts", "dispute": "disputes"}
    paths += [f"content/{folders[kind]}/{i}.yaml" for kind in folders for i in briefing.known.get(kind, ())]
    return pages_of_files(paths)


def redirects(briefing: Briefing) -> list[dict]:
    document = briefing.kind("redirects").get("redirects")
    return list(document.data.get("redirects", [])) if document else []


@dataclass
class Comparison:
    """The published pages against this working tree's."""

    base: str
    removed: dict[str, str]  # URL -> the file that made it at the base; no page and no redirect now
    redirected: dict[str, str]  # URL -> the id its redirect now points at
    added: list[str]  # pages this change makes that the base did not


def compare(briefing: Briefing) -> Comparison | None:
    """None when nothing tells what was published (see ``published.read_published``)."""
    published = briefing.published
    if published is None or published.error:
        return None
    before, live = published_pages(published), file_pages(briefing)
    moved = {item["from"]: item["to"] for item in redirects(briefing)}
    removed = {url: made for url, made in before.items() if url not in live and url not in moved}
    redirected = {url: moved[url] for url in before if url not in live and url in moved}
    return Comparison(published.base, removed, redirected, sorted(set(live) - set(before)))


def check_published(briefing: Briefing) -> Iterator[Problem]:
    """Published pages still exist or redirect to a live record; redirects are sound.

    ``briefing`` holds the records that passed their schema (``known`` has every file)."""
    live = record_pages(briefing)
    ids = set(live.values())
    document = briefing.kind("redirects").get("redirects")
    for n, item in enumerate(redirects(briefing)):
        source, target = item["from"], item["to"]
        if source in live:
            line, col = document.at(("redirects", n, "from"))
            yield Problem(
                document.path, line, col, "redirect-shadows-page", f"{source} is a live page, so it cannot redirect",
                "remove this redirect, or rename the record that lives there",
            )
        elif source.strip("/").partition("/")[2].split("/")[0] in RESERVED_IDS:
            line, col = document.at(("redirects", n, "from"))
            yield Problem(
                document.path, line, col, "redirect-shadows-page",
                f"{source} is where a list's pages live, so it cannot redirect",
                "remove this redirect: no record page was ever published there",
            )
        elif target not in ids:
            line, col = document.at(("redirects", n, "to"))
            yield Problem(
                document.path, line, col, "unknown-id", f"the redirect goes to '{target}', which is no record",
                "point it at the id that replaced the old page",
            )
    published = briefing.published
    if published is not None and published.error:
        what = f"cannot tell which pages are published: {published.error}"
        yield Problem(BRIEFING_FILE, 1, 1, "published-base-missing", what,
                      "fetch the history (actions/checkout with fetch-depth: 0), or set BRIEFING_BASE to the published "
                      "branch, e.g. origin/main")
    if "redirects" in briefing.known and document is None:
        return  # the redirects file has a mistake, reported where it is: judge removals once it is fixed
    comparison = compare(briefing)
    for url, made in sorted((comparison.removed if comparison else {}).items()):
        folder, _, old_id = url.strip("/").partition("/")
        if made == REDIRECTS:
            what = (f"{url} is published as a redirect (in {REDIRECTS} at {comparison.base}), "
                    "but this change removes the redirect")
            fix = f"readers' links to it would break: keep its entry in {REDIRECTS}"
        else:
            what = f"{url} is published (made by {made} at {comparison.base}), but this change removes that file"
            fix = (f"readers' links to it would break: restore {made}, or, if the record was renamed or merged, "
                   f"add to {REDIRECTS}:\n  redirects:\n    - from: {url}\n      to: <the id that replaced {old_id}>\n"
                   '      changed: "<today, YYYY-MM-DD>"')
        yield Problem(made, 1, 1, "published-page-removed", what, fix)


def redirect_pages(briefing: Briefing) -> dict[str, tuple[str, str]]:
    """Docs path of each redirect page -> (old URL, new record page URL)."""
    live = {record_id: url for url, record_id in record_pages(briefing).items()}
    return {
        item["from"].rstrip("/") + ".md": (item["from"], live[item["to"]])
        for item in redirects(briefing)
        if item["to"] in live and item["from"].split("/")[0] in SECTIONS.values()
    }
