"""An Atom feed (RFC 4287) of facts and disputes, newest change first.

Entry ids are stable URNs derived from record ids; every date comes from a record's
``changed`` field, never from the build clock.
"""

from __future__ import annotations

import uuid
from xml.etree import ElementTree as ET

from collections.abc import Callable

from builder.content.load import Briefing
from builder.core.urls import page_url
from builder.web.analysis import Analysis

ATOM = "http://www.w3.org/2005/Atom"
NAMESPACE = uuid.UUID("6f1d0c3e-5b43-4b7e-9f0e-3a1c2b9d7e10")  # this project's, fixed forever
MAX_ENTRIES = 200


def record_urn(kind: str, record_id: str) -> str:
    """A permanent entry id: the same record always gets the same URN."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{record_id}')}"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def atom_feed(b: Briefing, a: Analysis, plain: Callable[[str], str], site_url: str | None) -> str:
    """The feed document; links are relative to the feed (site root) unless a site URL is set."""
    ET.register_namespace("", ATOM)
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = []
    for fact_id, doc in b.kind("fact").items():
        summary = f"{doc.data['status']}; {len(a.origins[fact_id].articles)} article(s)"
        entries.append((doc.data["changed"], "fact", fact_id, plain(doc.data["statement"]), summary))
    for dispute_id, doc in b.kind("dispute").items():
        summary = f"dispute, {doc.data['state']}"
        entries.append((doc.data["changed"], "dispute", dispute_id, plain(doc.data["question"]), summary))
    entries.sort(key=lambda e: (e[0], e[1], e[2]), reverse=True)
    entries = entries[:MAX_ENTRIES]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "title", b.briefing.data["title"])
    _text(feed, "id", record_urn("briefing", "briefing"))
    _text(feed, "updated", _stamp(max([e[0] for e in entries] + [b.briefing.data["changed"]])))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", b.briefing.data["title"])
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base or "./"})
    for changed, kind, record_id, title, summary in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", title)
        _text(entry, "id", record_urn(kind, record_id))
        _text(entry, "updated", _stamp(changed))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": base + page_url(kind, record_id)})
        _text(entry, "summary", summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = value
