"""Synthetic articles: claims told in varied frames, with headline, byline, chrome, captions and filler."""

from __future__ import annotations

import random
import re

from builder.synth.vocabulary import (
    CAPTIONS,
    FILLERS,
    FOOTERS,
    FUTURE_FRAMES,
    HEADINGS,
    HEADLINES,
    PAST_FRAMES,
    PLACE_ROOTS,
    TOP_CHROME,
)
from builder.synth.world import Claim, Entity, Occurrence, past, weighted

# -- articles --------------------------------------------------------------------------


def _fill(rng: random.Random, template: str, pools: dict) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: pools[m.group(1)](), template)


def render_claim(
    rng: random.Random, claim: Claim, outlets: list[Entity], own_outlet: Entity, frame_hint: str | None = None
) -> Occurrence:
    frames = FUTURE_FRAMES if claim.future else PAST_FRAMES
    _, frame, template = next((f for f in frames if f[1] == frame_hint), None) or weighted(rng, frames)
    out = rng.choice([o for o in outlets if o is not own_outlet] or outlets)
    orig = rng.choice(
        [o for o in outlets if o is not out and o is not own_outlet] or [o for o in outlets if o is not out] or outlets
    )
    obj = claim.obj.mention(rng)
    quantity = claim.quantity or ""
    part = claim.part.format(o=obj, num=quantity)
    base = claim.base.format(o=obj, num=quantity)
    time = f" {claim.time[0]}" if claim.time else ""
    sentence = template.format(
        S=claim.subject.mention(rng), D=past(part), P=part, B=base, T=time, OUT=out.name, ORIG=orig.name
    )
    sentence = sentence[0].upper() + sentence[1:]
    attribution, via = None, []
    if frame == "according":
        attribution, via = f"According to {out.name}", [{"entity": out.id, "basis": "stated"}]
    elif frame == "could":
        attribution, via = f"according to {out.name}", [{"entity": out.id, "basis": "stated"}]
    elif frame == "citing":
        attribution = f"{out.name} reported, citing {orig.name}"
        via = [{"entity": out.id, "basis": "stated"}, {"entity": orig.id, "basis": "stated"}]
    elif frame == "report-says":
        attribution = "The report says"
        note = f"'The report' is the one the article credits to {out.name} in its opening paragraph."
        via = [{"entity": out.id, "basis": "editor", "note": note}]
    return Occurrence(claim, -1, frame, sentence, attribution, via)


def article(
    rng: random.Random, index: int, occurrences: list[Occurrence], entities: list[Entity], own_outlet: Entity,
    byline: str,
) -> str:
    people = [e for e in entities if e.kind == "person"] or entities
    companies = [e for e in entities if e.kind == "company"] or entities
    orgs = [e for e in entities if e.kind in ("organisation", "company")] or entities
    places = [e for e in entities if e.kind == "place"]
    pools = {
        "CO": lambda: rng.choice(companies).mention(rng),
        "ORG": lambda: rng.choice(orgs).name,
        "PERSON": lambda: rng.choice(people).name,
        "PLACE": lambda: rng.choice(places).name if places else rng.choice(PLACE_ROOTS),
        "PCT": lambda: str(rng.randint(2, 14)),
        "MONEY": lambda: f"${rng.randint(2, 90)}.{rng.randint(1, 9)} billion",
    }
    lead = occurrences[0].claim if occurrences else None
    subject = lead.subject.name if lead else rng.choice(companies).name
    obj = lead.obj.name if lead else rng.choice(companies).name
    lines = [rng.choice(HEADLINES).format(S=subject, O=obj)]
    lines.append(f"By {byline}")
    if rng.random() < 0.5:
        lines.append(rng.choice(TOP_CHROME))
    if rng.random() < 0.3:
        lines.append(_fill(rng, rng.choice(CAPTIONS), pools))
    credited_outlets = [o.via[0]["entity"] for o in occurrences if o.frame == "report-says"]
    body: list[str] = []
    if credited_outlets:
        name = next(e.name for e in entities if e.id == credited_outlets[0])
        body.append(f"The account first appeared in a report by {name} earlier in the week.")
    fillers = rng.sample(FILLERS, k=min(len(FILLERS), rng.randint(7, 13)))
    claims = [o.sentence for o in occurrences]
    mixed: list[str] = []
    while claims or fillers:
        if claims and (not fillers or rng.random() < 0.45):
            mixed.append(claims.pop(0))
        else:
            mixed.append(_fill(rng, fillers.pop(), pools))
    body += mixed
    if rng.random() < 0.25 and occurrences:
        lines.append("Key Highlights")
        for occurrence in occurrences[:3]:
            c = occurrence.claim
            lines.append(f"- {c.subject.name} and {c.obj.name}: {c.base.format(o=c.obj.name, num=c.quantity or '')}")
    position = 0
    paragraph = 0
    while position < len(body):
        size = rng.randint(2, 4)
        text = " ".join(body[position : position + size])
        roll = rng.random()
        if roll < 0.1:
            text = text.replace(". ", " . ", 1)  # a space before punctuation, repaired by normalize
        elif roll < 0.2:
            text = text.replace(" ", "  ", 2)  # runs of whitespace
        lines.append(text)
        position += size
        paragraph += 1
        if paragraph % 3 == 0 and position < len(body) and rng.random() < 0.6:
            lines.append(rng.choice(HEADINGS).format(S=subject))
        if rng.random() < 0.08:
            lines.append("ADVERTISEMENT")
        if rng.random() < 0.04:
            lines.append("*")
    if rng.random() < 0.1 and len(body) > 2:
        lines.append(body[1])  # a paragraph repeated by the site: flagged duplicate
    footers = rng.sample(FOOTERS, k=rng.randint(1, 3))
    for footer in footers:
        lines.append(footer.format(HEADLINE=rng.choice(HEADLINES).format(S=obj, O=subject)))
    if rng.random() < 0.6:
        lines.append(f"© 2026 {own_outlet.name}. All rights reserved.")
    return "\n".join(lines) + "\n"
