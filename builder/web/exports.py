"""The briefing as open data: briefing.json, facts.csv and schema.org ClaimReview JSON-LD.

Everything is ordered by id and serialised with fixed options, so the same content gives
the same bytes. Dates stay EDTF strings at their real precision.
"""

from __future__ import annotations

import csv
import functools
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
    """Compact JSON and a newline: no indent, so json's C encoder writes it (indent forces the
    pure-Python one, several times slower on a large briefing); any JSON viewer lays it out."""
    return _compact(data) + "\n"


def _compact(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def briefing_json_and_rows(
    b: Briefing, a: Analysis, cites: Citations, plain: Text, source_label: Text
) -> tuple[str, str]:
    """briefing.json: the whole briefing as one JSON document (described by
    export.schema.json); and the rows of facts.csv, every fact's evidence (``facts_csv``).

    Each fact's part of both is kept with the fact while the rest of what it shows is unchanged
    (its statement's plain words, its citations; its origins come from the fact alone), so the
    preview's next render encodes only the facts an edit touched. The document is the one
    ``_dump`` gives, joined from its parts: compact JSON is each key and value, comma-separated.
    """
    home = b.briefing.data
    facts = [
        doc.derived("export", functools.partial(_fact_texts, fact_id, doc.data, a, cites, plain),
                    given=(plain(doc.data["statement"]), cites.of("fact", fact_id)))
        for fact_id, doc in sorted(b.kind("fact").items())
    ]
    fields = {
        "export_version": _compact(EXPORT_VERSION),
        "generator": _compact({"name": "briefing", "version": __version__}),
        "title": _compact(home["title"]),
        "as_of": _compact(home["as_of"]),
        "as_of_basis": _compact(home["as_of_basis"]),
        "summary": _compact(home["summary"]),
        "watch": _compact(home["watch"]),
        "entities": _compact([doc.data for _, doc in sorted(b.kind("entity").items())]),
        "facts": "[" + ",".join(text for text, _ in facts) + "]",
        "disputes": _compact([doc.data for _, doc in sorted(b.kind("dispute").items())]),
        "sources": _compact([_source(b, source_id, source_label) for source_id in sorted(b.sources)]),
    }
    document = "{" + ",".join(f"{_compact(key)}:{value}" for key, value in fields.items()) + "}\n"
    return document, "".join(rows for _, rows in facts)


def _fact_texts(fact_id: str, fact: dict, a: Analysis, cites: Citations, plain: Text) -> tuple[str, str]:
    """One fact's part of briefing.json, and its rows of facts.csv."""
    exported = _fact(fact_id, fact, a, cites, plain)
    return _compact(exported), facts_csv_rows(exported)


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


def facts_csv(rows: str) -> str:
    """One row per fact × evidence item: the header, then ``briefing_json_and_rows``' rows."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(CSV_COLUMNS)
    return out.getvalue() + rows


def facts_csv_rows(fact: dict) -> str:
    """One fact's rows of facts.csv, from its part of briefing.json."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
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
    document, rows = briefing_json_and_rows(b, a, cites, plain, source_label)
    return {
        "briefing.json": document,
        "facts.csv": facts_csv(rows),
        "claimreview.jsonld": _dump(list(reviews.values())),
    }
