"""A whole synthetic project: seeds, records by the real normaliser, facts whose quotes stand in
their sources, entities, disputes, metadata and briefing.yaml."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import yaml

from builder.checks.trust import hedged_wording, is_flat
from builder.content.evidence import MIN_QUOTE_WORDS, locate
from builder.content.hedges import evidence_scope
from builder.content.load import index_source
from builder.core.text import fold
from builder.sources.recordfile import dump_yaml
from builder.sources.records import SOURCES_DIR, normalize_tree, source_id_for
from builder.synth.articles import article, render_claim
from builder.synth.facts import briefing_text, entity_data, make_disputes, make_fact, meta_text
from builder.synth.vocabulary import (
    ALL_TIMES,
    AS_OF,
    FACTS_PER_SOURCE,
    FIRST_NAMES,
    FUTURE_FRAMES,
    FUTURE_TIMES,
    LAST_NAMES,
    PAST_FRAMES,
    PAST_TIMES,
    PREDICATES,
    QUANTITIES,
    REPO,
    SCHEMA,
)
from builder.synth.world import Claim, Occurrence, make_entities, slug

# -- the project -----------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def _yaml_file(kind: str, data: dict) -> str:
    return f"# yaml-language-server: $schema={SCHEMA.format(kind)}\n" + dump_yaml(data)


def _load_sources(root: Path, ids: list[str]) -> dict:
    """The records normalize wrote, indexed as `briefing check` indexes them."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    sources = {}
    for source_id in ids:
        data = yaml.load((root / SOURCES_DIR / f"{source_id}.yaml").read_text(encoding="utf-8"), Loader=loader)
        sources[source_id] = index_source(source_id, SimpleNamespace(data=data))
    return sources


def _evidence(source, occurrence: Occurrence, rng: random.Random, allow_prefix: bool) -> dict | None:
    """An evidence item for an occurrence, quoted from the normalized text, or None if lost."""
    folded_sentence = fold(occurrence.sentence)
    quote = None
    for sentence in source.sentences:
        if fold(sentence["text"]) == folded_sentence:
            quote = sentence["text"]
            break
    if quote is None:
        return None
    if allow_prefix and rng.random() < 0.3:
        words = quote.split()
        if len(words) > 10:
            quote = " ".join(words[: rng.randint(8, len(words) - 2)]).rstrip(",;:")
    span = locate(source, quote)
    if span is None or len(quote.split()) < MIN_QUOTE_WORDS:
        return None
    item = {"source": source.id, "quote": quote, "hedge": evidence_scope(source, span).hedges}
    if occurrence.attribution and fold(occurrence.attribution) in source.folded:
        item["attribution"] = occurrence.attribution
    item["via"] = occurrence.via if occurrence.attribution or occurrence.frame == "report-says" else []
    return item


def generate(root: Path, n: int, *, seed: int = 0) -> dict:
    """Write a synthetic project of ``n`` sources into ``root``; return counts."""
    if n < 1:
        raise ValueError("n must be at least 1")
    root = Path(root)
    rng = random.Random(f"briefing-synth/{n}/{seed}")
    entities = make_entities(rng, max(8, round(n / 3)))
    outlets = [e for e in entities if e.kind == "outlet"]
    actors = [e for e in entities if e.kind in ("company", "organisation", "government")]
    targets = [e for e in entities if e.kind in ("company", "chip", "product", "model", "organisation")]
    seed_names = [f"{i:04d}_{rng.getrandbits(32):08x}.txt" for i in range(n)]
    source_ids = [source_id_for(name) for name in seed_names]
    own_outlets = [rng.choice(outlets) for _ in range(n)]
    bylines = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(n)]

    # Claims: about five per source, some repeated by up to two neighbouring sources.
    claims: list[Claim] = []
    for i in range(n):
        for k in range(FACTS_PER_SOURCE):
            base, part, has_quantity = rng.choice(PREDICATES)
            subject = rng.choice(actors)
            obj = rng.choice([t for t in targets if t is not subject] or targets)
            verb = base.split()[0]
            quantity = rng.choice(QUANTITIES[verb]) if has_quantity else None
            future = rng.random() < 0.2
            time = None
            if len(claims) < len(ALL_TIMES):  # the first claims take every time phrase once
                time = ALL_TIMES[len(claims)]
                future = time in FUTURE_TIMES
            elif future and rng.random() < 0.7:
                time = rng.choice(FUTURE_TIMES)
            elif not future and rng.random() < 0.3:
                time = rng.choice(PAST_TIMES)
            fact_id = re.sub(r"-+", "-", f"{slug(verb)}-{subject.id[:28]}-{obj.id[:28]}-{i:04d}{k}")
            claim = Claim(fact_id, subject, obj, base, part, quantity, future, time, i)
            roll = rng.random()
            count = 0 if roll < 0.5 or n == 1 else (1 if roll < 0.85 or n == 2 else 2)
            choices = [j for j in range(max(0, i - 12), min(n, i + 13)) if j != i]
            claim.echoes = sorted(rng.sample(choices, k=min(count, len(choices))))
            claims.append(claim)

    # Articles: each source's own claims, the claims it echoes, filler, chrome.
    per_source: list[list[Occurrence]] = [[] for _ in range(n)]
    rendered = {False: 0, True: 0}
    for claim in claims:
        for j in [claim.home] + claim.echoes:
            frames = FUTURE_FRAMES if claim.future else PAST_FRAMES
            count = rendered[claim.future]
            rendered[claim.future] += 1
            hint = frames[count][1] if count < len(frames) else None  # every frame at least once
            occurrence = render_claim(rng, claim, outlets, own_outlets[j], hint)
            occurrence.source = j
            per_source[j].append(occurrence)
    for j in range(n):
        rng.shuffle(per_source[j])
        # A sentence should not stand twice in one article (the quote would find the first).
        seen: set[str] = set()
        for occurrence in per_source[j]:
            while fold(occurrence.sentence) in seen:
                occurrence.sentence = occurrence.sentence[:-1] + ", the article adds."
            seen.add(fold(occurrence.sentence))
        _write(root / "seeds" / seed_names[j], article(rng, j, per_source[j], entities, own_outlets[j], bylines[j]))

    # The real normaliser makes the records (and metadata skeletons, replaced below).
    _, problems = normalize_tree(root, today=AS_OF)
    if problems:
        raise RuntimeError(f"normalize refused a synthetic seed: {problems[0]}")
    sources = _load_sources(root, source_ids)

    # Facts from the normalized text.
    facts: dict[str, dict] = {}
    lost = 0
    occurrences_of: dict[str, list[Occurrence]] = {}
    for j in range(n):
        for occurrence in per_source[j]:
            occurrences_of.setdefault(occurrence.claim.fact_id, []).append(occurrence)
    for claim in claims:
        evidence = []
        ordered = sorted(occurrences_of[claim.fact_id], key=lambda o: (o.source != claim.home, o.source))
        for number, occurrence in enumerate(ordered):
            source = sources[source_ids[occurrence.source]]
            item = _evidence(source, occurrence, rng, allow_prefix=number > 0 and not claim.time)
            if item is None:
                lost += 1
            else:
                evidence.append(item)
        if not evidence:
            continue
        facts[claim.fact_id] = make_fact(rng, claim, evidence)

    # Disputes: pairs and triples of facts about one subject, or neighbouring facts.
    fact_ids = list(facts)
    disputes = make_disputes(rng, max(2, n // 8), fact_ids, facts, claims, entities)
    for dispute in disputes:
        for position in dispute["positions"]:
            for fact_id in position.get("facts", []):
                if rng.random() < 0.3:
                    facts[fact_id]["status"] = "disputed"

    # A statement keeps the hedge its quotes carry, as `briefing check` asks (statement-drops-hedge).
    for data in facts.values():
        evidence = data["evidence"]
        carried = all(e["hedge"] or e.get("attribution") or e["via"] for e in evidence)
        if data["status"] != "confirmed" and carried and is_flat(data["statement"]):
            hedges = sorted({h for e in evidence for h in e["hedge"]})
            data["statement"] = hedged_wording(data["statement"], hedges, data["status"])

    # Files.
    for entity in entities:
        record = entity_data(rng, entity, facts, claims)
        _write(root / "content/entities" / f"{entity.id}.yaml", _yaml_file("entity", record))
    for fact_id, data in facts.items():
        _write(root / "content/facts" / f"{fact_id}.yaml", _yaml_file("fact", data))
    for dispute in disputes:
        _write(root / "content/disputes" / f"{dispute['id']}.yaml", _yaml_file("dispute", dispute))
    for j, source_id in enumerate(source_ids):
        meta = meta_text(rng, source_id, seed_names[j], own_outlets[j], bylines[j], sources[source_id], per_source[j])
        _write(root / SOURCES_DIR / f"{source_id}.meta.yaml", meta)
    _write(root / "content/briefing.yaml", briefing_text(rng, n, facts, entities))
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if (root / "templates").exists():
        shutil.rmtree(root / "templates")
    shutil.copytree(REPO / "templates", root / "templates")
    return {
        "sources": n, "facts": len(facts), "entities": len(entities), "disputes": len(disputes),
        "quotes": sum(len(f["evidence"]) for f in facts.values()), "lost quotes": lost,
    }
