"""The briefing as open data: briefing.json, facts.csv and schema.org ClaimReview JSON-LD.

Everything is ordered by id and serialised with fixed options, so the same content gives
the same bytes. Dates stay EDTF strings at their real precision.
"""

from __future__ import annotations

import csv
import io
import json

from collections.abc import Callable

from builder import __version__
from builder.content.load import Briefing
from builder.core.dates import precision
from builder.web.analysis import Analysis
from builder.web.citations import Citations

Text = Callable[[str], str]  # Markdown to plain text, or a source id to its name

EXPORT_VERSION = 1
PRECISION_WORDS = {1: "year", 2: "month", 3: "day"}
REVIEWED = ("confirmed", "refuted", "disputed")  # statuses a ClaimReview can honestly rate


def _dump(data) -> str:
    """Compact JSON: no indent, so json's C encoder writes it (indent forces the pure-Python
    one, several times slower on a large briefing); any JSON viewer lays it out."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"


def briefing_json(b: Briefing, a: Analysis, cites: Citations, plain: Text, source_label: Text) -> dict:
    """The whole briefing as one JSON document (described by export.schema.json)."""
    home = b.briefing.data
    return {
        "export_version": EXPORT_VERSION,
        "generator": {"name": "briefing", "version": __version__},
        "title": home["title"],
        "as_of": home["as_of"],
        "as_of_basis": home["as_of_basis"],
        "summary": home["summary"],
        "watch": home["watch"],
        "entities": [doc.data for _, doc in sorted(b.kind("entity").items())],
        "facts": [_fact(fact_id, doc.data, a, cites, plain) for fact_id, doc in sorted(b.kind("fact").items())],
        "disputes": [doc.data for _, doc in sorted(b.kind("dispute").items())],
        "sources": [_source(b, source_id, source_label) for source_id in sorted(b.sources)],
    }


def _fact(fact_id: str, fact: dict, a: Analysis, cites: Citations, plain: Text) -> dict:
    origins = a.origins[fact_id]
    out = {key: fact[key] for key in ("id", "statement", "status") if key in fact}
    out["statement_text"] = plain(fact["statement"])
    if fact.get("when"):
        out["when"] = fact["when"]
        out["when_precision"] = PRECISION_WORDS.get(precision(fact["when"]), "unknown")
        out["when_basis"] = fact["when_basis"]
    out["expected"] = bool(fact.get("expected", False))
    out["evidence"] = [
        {**item, "anchor": c.anchors[0] if c.anchors else None}
        for item, c in zip(fact["evidence"], cites.of("fact", fact_id))
    ]
    out["origins"] = {
        "articles": origins.articles, "independent": origins.independent, "roots": origins.roots,
        "unattributed": origins.unknown,
    }
    out["tags"] = fact.get("tags", [])
    for key in ("background", "flat_statement"):
        if fact.get(key):
            out[key] = fact[key]
    if fact.get("note"):
        out["note"] = fact["note"]
    out["changed"] = fact["changed"]
    return out


def _source(b: Briefing, source_id: str, source_label: Text) -> dict:
    record = b.sources[source_id].document.data
    meta = b.kind("source")[source_id].data
    return {
        "id": source_id,
        "title": source_label(source_id),
        **{key: meta.get(key) for key in ("outlet", "url", "byline", "published", "credited", "unknown")},
        "seed": record["seed"],
        "text_sha256": record["text_sha256"],
        "normalizer": {"name": record["normalizer"]["name"], "version": record["normalizer"]["version"]},
        "changed": meta["changed"],
    }


CSV_COLUMNS = (
    "fact_id", "status", "when", "expected", "statement", "source_id", "anchor", "quote", "hedge", "attribution", "via",
    "changed",
)


def facts_csv(exported: dict) -> str:
    """One row per fact × evidence item, from ``briefing_json``'s document."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for fact in exported["facts"]:
        for item in fact["evidence"]:
            via = " > ".join(f"{v['entity']} ({v['basis']})" for v in item["via"])
            writer.writerow([
                fact["id"], fact["status"], fact.get("when", ""), "true" if fact["expected"] else "false",
                fact["statement_text"], item["source"], item["anchor"] or "", item["quote"], "; ".join(item["hedge"]),
                item.get("attribution", ""), via, fact["changed"],
            ])
    return out.getvalue()


def claim_reviews(b: Briefing, plain: Text, source_label: Text, site_url: str | None) -> dict[str, dict]:
    """schema.org ClaimReview by fact id, for facts whose status rates the claim (textual rating)."""
    name = b.briefing.data["title"]
    reviews = {}
    for fact_id, doc in sorted(b.kind("fact").items()):
        fact = doc.data
        if fact["status"] not in REVIEWED:
            continue
        review = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": plain(fact["statement"]),
            "reviewRating": {"@type": "Rating", "alternateName": fact["status"]},
            "datePublished": fact["changed"],
            "author": {"@type": "Organization", "name": name},
            "itemReviewed": {
                "@type": "Claim", "appearance": [_appearance(b, e["source"], source_label) for e in fact["evidence"]],
            },
        }
        if site_url:
            review["url"] = site_url.rstrip("/") + f"/facts/{fact_id}/"
        reviews[fact_id] = review
    return reviews


def _appearance(b: Briefing, source_id: str, source_label: Text) -> dict:
    meta = b.kind("source")[source_id].data
    item = {"@type": "CreativeWork", "name": source_label(source_id)}
    if meta.get("url"):
        item["url"] = meta["url"]
    return item


def export_files(
    b: Briefing, a: Analysis, cites: Citations, plain: Text, source_label: Text, reviews: dict[str, dict]
) -> dict[str, str]:
    """Every export, by path under the docs folder; ``reviews`` is ``claim_reviews``'s answer."""
    exported = briefing_json(b, a, cites, plain, source_label)
    return {
        "briefing.json": _dump(exported),
        "facts.csv": facts_csv(exported),
        "claimreview.jsonld": _dump(list(reviews.values())),
    }
