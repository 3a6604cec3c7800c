"""The synthetic project's own records as data: facts, disputes, entities, source metadata and
briefing.yaml, each derived with the functions `briefing check` uses."""

from __future__ import annotations

import random
import re

from builder.core import dates
from builder.core.lexicon import NUMBER, STATUS_RANK, ceiling, phrase_precision
from builder.core.text import fold
from builder.sources.recordfile import dump_yaml
from builder.synth.vocabulary import (
    AS_OF,
    CHANGED,
    SCHEMA,
)
from builder.synth.world import Claim, Entity, Occurrence, past, slug

# -- the project -----------------------------------------------------------------------


def make_fact(rng: random.Random, claim: Claim, evidence: list[dict]) -> dict:
    quantity = f"{claim.quantity}" if claim.quantity else ""
    if claim.future:
        verb = rng.choice(("is expected to", "plans to", "may"))
        clause = claim.base.format(o=f"[[{claim.obj.id}]]", num=quantity)
    else:
        verb = ""
        clause = past(claim.part.format(o=f"[[{claim.obj.id}]]", num=quantity))
    statement = f"[[{claim.subject.id}]] {verb} {clause}".replace("  ", " ")
    quotes = " ".join(fold(e["quote"]) for e in evidence)
    if claim.time and claim.time[0].lower() in quotes.lower() and rng.random() < 0.5:
        statement += f" ({claim.time[0]})"
    statement += "."
    plain = re.sub(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", " ", statement)
    if any(not re.search(r"(?<!\w)" + re.escape(m.group(0)) + r"(?!\w)", quotes, re.I) for m in NUMBER.finditer(plain)):
        # the quantity was cut from every quote
        statement = statement.replace(quantity + " ", "") if quantity else statement
    allowed = max(ceiling(e["hedge"]) for e in evidence)
    if allowed == STATUS_RANK["confirmed"]:
        status = "confirmed" if rng.random() < 0.6 else "reported"
    else:
        status = next(name for name, rank in STATUS_RANK.items() if rank == allowed)
    data: dict = {"id": claim.fact_id, "statement": statement, "status": status}
    if claim.time:
        phrase, when, relative, derivation = claim.time
        quotes_lower = quotes.lower()
        if phrase.lower() in quotes_lower:
            data["when"] = when
            data["when_basis"] = {"phrase": phrase, "relative_to": relative, "derivation": derivation}
            bounds = dates.bounds(when)
            expected = bounds[1] >= AS_OF if claim.future else False
            if expected:
                data["expected"] = True
            precision = phrase_precision(phrase)
            assert precision is None or dates.precision(when) <= precision, (phrase, when)
    data["evidence"] = evidence
    if rng.random() < 0.2:
        data["tags"] = sorted({
            rng.choice(("supply", "orders", "funding", "talent", "launch", "policy")), slug(claim.base.split()[0])
        })
    if rng.random() < 0.15:
        quotes = f"{len(evidence)} quote{'s' if len(evidence) != 1 else ''}"
        data["note"] = f"Synthetic note: the claim is carried by {quotes}; see [[{claim.subject.id}]]."
    data["changed"] = CHANGED
    return data


def make_disputes(
    rng: random.Random, count: int, fact_ids: list[str], facts: dict, claims: list[Claim], entities: list[Entity]
) -> list[dict]:
    by_subject: dict[str, list[str]] = {}
    for claim in claims:
        if claim.fact_id in facts:
            by_subject.setdefault(claim.subject.id, []).append(claim.fact_id)
    groups = [ids for _, ids in sorted(by_subject.items()) if len(ids) >= 2]
    rng.shuffle(groups)
    disputes = []
    for d in range(min(count, max(1, len(fact_ids) // 2))):
        members = groups[d][:3] if d < len(groups) else rng.sample(fact_ids, k=2)
        subject = next(c.subject for c in claims if c.fact_id == members[0])
        positions = []
        for p, fact_id in enumerate(members):
            answer = rng.choice(("It did", "Only partly", "Not yet", "It was the other way round"))
            position = {"claim": f"{answer}, per [[{fact_id}]].", "status": facts[fact_id]["status"]}
            if p == 1 and rng.random() < 0.4:
                position["evidence"] = [dict(facts[fact_id]["evidence"][0])]  # its own quote, not the fact's again
            else:
                position["facts"] = [fact_id]
            positions.append(position)
        disputes.append({
            "id": f"dispute-{d:04d}-{subject.id[:40]}",
            "question": f"What exactly did [[{subject.id}]] do?",
            "state": "open" if rng.random() < 0.7 else "settled",
            "positions": positions,
            "note": "The sources disagree on the details. **Can be concluded:** that something was reported. "
                    "**Cannot:** which account is right.",
            "changed": CHANGED,
        })
    return disputes


def entity_data(rng: random.Random, entity: Entity, facts: dict, claims: list[Claim]) -> dict:
    own = next((c.fact_id for c in claims if c.subject is entity and c.fact_id in facts), None)
    description = f"A {entity.kind} named in the synthetic articles."
    if own:
        description += f" See [[{own}]]."
    data = {
        "id": entity.id, "name": entity.name, "kind": entity.kind, "description": description,
        "aliases": entity.aliases,
    }
    if rng.random() < 0.1:
        data["note"] = "Synthetic entity; its aliases include names in other scripts supplied by an editor."
    data["changed"] = CHANGED
    return data


def meta_text(
    rng: random.Random, source_id: str, seed_name: str, outlet: Entity, byline: str, source,
    occurrences: list[Occurrence],
) -> str:
    known = rng.random() < 0.6
    unknown = {}
    data: dict = {"id": source_id}
    if known:
        data["outlet"] = outlet.name
        data["outlet_entity"] = outlet.id
        data["url"] = f"https://{slug(outlet.name)}.example/2026/04/{source_id}"
        data["byline"] = byline
        data["role"] = rng.choice((None, "Technology correspondent", "Asia business editor"))
        day = rng.randint(1, 30)
        data["published"] = rng.choice((f"2026-04-{day:02d}", "2026-04", f"2026-04-{day:02d}~"))
    else:
        data.update({
            "outlet": None, "url": None, "byline": byline if rng.random() < 0.5 else None, "role": None,
            "published": None,
        })
        unknown["outlet"] = "The text names no publication: no masthead or credit line."
        unknown["url"] = "The article came as pasted text, with no address in it."
        if data["byline"] is None:
            unknown["byline"] = "The printed byline could not be matched to a person."
        unknown["published"] = "The text gives no date; it speaks only in relative time."
    credited = []
    for occurrence in occurrences:
        stated = occurrence.attribution and occurrence.via and occurrence.via[0]["basis"] == "stated"
        if stated and fold(occurrence.attribution) in source.folded:
            words = occurrence.attribution
            if all(c["words"] != words for c in credited):
                credited.append({"words": words, "entities": [v["entity"] for v in occurrence.via]})
    data["credited"] = credited[:3]
    # Readers know a source by its outlet or, where that is unknown, by a short title.
    data["title"] = None if known else _headline(source)
    data["unknown"] = unknown
    data["notes"] = "" if rng.random() < 0.7 else "A synthetic article: its claims are invented, its structure is not."
    data["changed"] = CHANGED
    header = (
        f"# yaml-language-server: $schema={SCHEMA.format('source')}\n"
        f"# Editor-owned metadata for the article in seeds/{seed_name}.\n"
    )
    return header + dump_yaml(data)


def _headline(source) -> str:
    """The article's first line (its headline) in at most 80 characters, cut at a word."""
    words, out = source.sentences[0]["text"].split(), ""
    for word in words:
        if len(out) + len(word) + 1 > 80:
            break
        out = f"{out} {word}".strip()
    return out


def briefing_text(rng: random.Random, n: int, facts: dict, entities: list[Entity]) -> str:
    ids = list(facts)
    expected = [i for i, f in facts.items() if f.get("expected")]
    summary = []
    for k in range(min(8, len(ids))):
        picked = rng.sample(ids, k=min(3, len(ids)))
        summary.append(f"Line {k + 1}: " + ", ".join(f"[[{i}]]" for i in picked) + ".")
    watch = [f"Whether it happens: [[{i}]]." for i in (expected[:4] or ids[:1])]

    def prose(fact_id: str) -> str:
        # Held to the prose rule: a speculative fact only as the outlets' reading, others as reports.
        if facts[fact_id]["status"] == "speculative":
            return f"The outlets' own reading suggests this: [[{fact_id}]]."
        return f"According to the articles: [[{fact_id}]]."

    data = {
        "title": f"Synthetic briefing: {n} sources",
        "as_of": AS_OF.isoformat(),
        "as_of_basis": "A synthetic briefing: every relative date resolves against this fixed day.",
        "reporting_window": f"{AS_OF.year}-{AS_OF.month:02d}",
        "lede": " ".join(prose(i) for i in ids[:2]),
        "questions": [
            {"question": f"What is reported, point {k + 1}?", "answer": prose(i), "more": i}
            for k, i in enumerate(ids[2:5])
        ],
        "summary": summary,
        "watch": watch,
        "changed": CHANGED,
    }
    return f"# yaml-language-server: $schema={SCHEMA.format('briefing').replace('../../', '../')}\n" + dump_yaml(data)
