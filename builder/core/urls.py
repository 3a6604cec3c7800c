"""The site's URL scheme: where each kind of record's page lives, and relative links.

Its own module so the check (which validates ids and the pages already published against
these URLs) need not import the renderer and Jinja.
"""

from __future__ import annotations

SECTIONS = {"fact": "facts", "entity": "entities", "dispute": "disputes", "source": "sources"}  # record kind -> folder


def page_url(kind: str, record_id: str) -> str:
    """Site-root-relative URL of a record's page (MkDocs directory URLs)."""
    return f"{SECTIONS[kind]}/{record_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A link from one page URL to another, relative so the site works under any sub-path.

    Page URLs are site-root-relative and normalised ("facts/x/", "timeline/"), so the link
    is "../" for each folder of ``from_url`` below the common prefix, then the rest of
    ``to_url``: what posixpath.relpath gives, without its filesystem work.
    """
    to_path, _, fragment = to_url.partition("#")
    base = [part for part in (from_url.rstrip("/") + "/x").split("/")[:-1] if part] if from_url else []
    target = [part for part in to_path.split("/") if part]
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    link = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if (to_path.endswith("/") or not to_path) and not link.endswith("/"):
        link += "/"
    return link + (f"#{fragment}" if fragment else "")
