"""Open data: briefing.json, facts.csv, ClaimReview JSON-LD and the Atom feed, reloaded
and compared with the content they come from."""

from __future__ import annotations

import csv
import io
import json

import feedparser
import jsonschema
import yaml

from builder.content.load import load, read_content
from builder.web.jobs import render
from conftest import ROOT
from helpers import FILES, make_project

DISPUTED = FILES["content/facts/acme-orders.yaml"].replace("status: reported", "status: disputed")


def pages_of(project, **kwargs):
    briefing, problems = load(read_content(project))
    assert problems == []
    return render(briefing, templates=ROOT / "templates", **kwargs)


def test_briefing_json_holds_every_fact_with_its_evidence(tmp_path):
    project = make_project(tmp_path)
    data = json.loads(pages_of(project)["briefing.json"])
    content = yaml.safe_load((project / "content/facts/acme-orders.yaml").read_text())
    (fact,) = data["facts"]
    assert fact["id"] == content["id"] and fact["status"] == content["status"]
    assert [e["quote"] for e in fact["evidence"]] == [e["quote"] for e in content["evidence"]]
    assert fact["evidence"][0]["anchor"].startswith("s-")
    assert fact["origins"] == {"articles": ["s001-acme"], "independent": 0, "roots": {}, "unattributed": ["s001-acme"]}
    record = yaml.safe_load((project / "content/sources/s001-acme.yaml").read_text().split("\n", 4)[4])
    assert data["sources"][0]["seed"]["sha256"] == record["seed"]["sha256"]
    assert [e["id"] for e in data["entities"]] == ["acme"]


def test_export_validates_against_its_published_schema(tmp_path):
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    project = make_project(tmp_path)
    data = json.loads(pages_of(project)["briefing.json"])
    schemas = {p.name: json.loads(p.read_text()) for p in (ROOT / "builder/schemas").glob("*.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(s, default_specification=DRAFT202012)) for name, s in schemas.items()
    )
    errors = list(jsonschema.Draft202012Validator(schemas["export.schema.json"], registry=registry).iter_errors(data))
    assert errors == []


def test_facts_csv_has_one_row_per_fact_and_evidence(tmp_path):
    project = make_project(tmp_path)
    rows = list(csv.DictReader(io.StringIO(pages_of(project)["facts.csv"])))
    assert len(rows) == 1
    assert rows[0]["fact_id"] == "acme-orders"
    assert rows[0]["quote"] == "Acme Corp has reportedly placed bulk orders totaling two hundred thousand units"
    assert rows[0]["hedge"] == "reportedly" and rows[0]["expected"] == "false"


def test_claim_review_only_for_rated_statuses(tmp_path):
    plain = make_project(tmp_path / "a")
    assert json.loads(pages_of(plain)["claimreview.jsonld"]) == []
    disputed = make_project(tmp_path / "b", {"content/facts/acme-orders.yaml": DISPUTED})
    pages = pages_of(disputed, site_url="https://example.org/b/")
    (review,) = json.loads(pages["claimreview.jsonld"])
    assert review["@type"] == "ClaimReview"
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "disputed"}
    assert review["url"] == "https://example.org/b/facts/acme-orders/"
    assert review["claimReviewed"] == "Acme Corp placed bulk orders for two hundred thousand chips, it was reported."
    assert '<script type="application/ld+json">' in pages["facts/acme-orders.md"]


def test_atom_feed_is_valid_and_dated_from_records(tmp_path):
    project = make_project(tmp_path)
    feed = feedparser.parse(pages_of(project, site_url="https://example.org/b/")["feed.xml"])
    assert feed.bozo == 0
    assert feed.feed.title == "Chips head home" and feed.feed.id.startswith("urn:uuid:")
    assert feed.feed.updated == "2026-05-01T00:00:00Z"
    (entry,) = feed.entries
    assert entry.id.startswith("urn:uuid:") and entry.updated == "2026-05-01T00:00:00Z"
    assert entry.link == "https://example.org/b/facts/acme-orders/"
    again = feedparser.parse(pages_of(project, site_url="https://example.org/b/")["feed.xml"])
    assert again.entries[0].id == entry.id
