"""The synthetic world: its entities (names in several scripts), the claims made of them and
where each is told, and the small helpers the articles and records share."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from builder.synth.vocabulary import (
    CHIP_WORDS,
    COMPANY_SUFFIXES,
    CYRILLIC,
    FIRST_NAMES,
    GREEK,
    HANZI,
    KATAKANA,
    LAST_NAMES,
    MODEL_WORDS,
    ORG_SUFFIXES,
    OUTLET_NOUNS,
    PLACE_PREFIXES,
    PLACE_ROOTS,
    SYLLABLES_A,
    SYLLABLES_B,
    SYLLABLES_C,
)


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    aliases: list[dict] = field(default_factory=list)

    def mention(self, rng: random.Random) -> str:
        """A name the articles use: the name, a source alias, or the name with another script."""
        roll = rng.random()
        short = [a["name"] for a in self.aliases if a["basis"] == "source"]
        other = [a["name"] for a in self.aliases if a["basis"] == "editor"]
        if short and roll < 0.25:
            return short[0]
        if other and roll > 0.9:
            return f"{self.name} ({other[0]})"
        return self.name


@dataclass
class Claim:
    fact_id: str
    subject: Entity
    obj: Entity
    base: str
    part: str
    quantity: str | None
    future: bool
    time: tuple | None  # one of PAST_TIMES / FUTURE_TIMES, or None
    home: int  # the source whose article carries it first
    echoes: list[int] = field(default_factory=list)  # other sources that repeat it


@dataclass
class Occurrence:
    claim: Claim
    source: int
    frame: str
    sentence: str
    attribution: str | None
    via: list[dict]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def past(participle: str) -> str:
    """The simple past of a predicate's participle clause (all regular but one)."""
    return participle.replace("rewritten", "rewrote", 1)


def weighted(rng: random.Random, options):
    total = sum(o[0] for o in options)
    pick = rng.uniform(0, total)
    for option in options:
        pick -= option[0]
        if pick <= 0:
            return option
    return options[-1]


def _other_script(rng: random.Random, root: str) -> dict:
    letters = [c for c in root.lower() if c.isalpha()]
    script = rng.randrange(4)
    if script == 0:
        name = "".join(HANZI[(ord(c) * 7 + i) % len(HANZI)] for i, c in enumerate(letters[: max(2, len(letters) // 2)]))
        return {"name": name, "lang": "zh-Hans", "basis": "editor"}
    if script == 1:
        return {"name": "".join(CYRILLIC[c] for c in letters).capitalize(), "lang": "ru", "basis": "editor"}
    if script == 2:
        return {"name": "".join(GREEK[c] for c in letters).capitalize(), "lang": "el", "basis": "editor"}
    name = "".join(KATAKANA[(ord(c) + i) % len(KATAKANA)] for i, c in enumerate(letters[:5]))
    return {"name": name, "lang": "ja", "basis": "editor"}


# Outlets, people and governments are named from the word pools first; past 30 attempts (the
# pools' names all taken), from the made-up root. Each draws from ``rng`` in the same order as
# the names read, so a seed always makes the same project.
POOLED_NAMES = {
    "outlet": (lambda rng: f"The {rng.choice(PLACE_ROOTS)} {rng.choice(OUTLET_NOUNS)}",
               lambda rng, root: f"The {root} {rng.choice(OUTLET_NOUNS)}"),
    "person": (lambda rng: f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
               lambda rng, root: f"{rng.choice(FIRST_NAMES)} {root}"),
    "government": (lambda rng: f"{rng.choice(PLACE_PREFIXES)}{rng.choice(PLACE_ROOTS)} Ministry of Industry",
                   lambda rng, root: f"{root} Ministry of Industry"),
}


def make_entities(rng: random.Random, count: int) -> list[Entity]:
    """``count`` entities of every kind with unique ids and names."""
    kinds = (
        ("company", 40), ("outlet", 12), ("person", 14), ("organisation", 6), ("government", 4), ("product", 6),
        ("model", 6), ("chip", 8), ("place", 4),
    )
    total = sum(w for _, w in kinds)
    plan = []
    for kind, weight in kinds:
        plan += [kind] * max(1, round(count * weight / total))
    plan = plan[:count] if len(plan) >= count else plan + ["company"] * (count - len(plan))
    rng.shuffle(plan)
    # A small project still needs outlets, companies and people.
    needed = {"company": 2, "outlet": 3, "person": 1, "chip": 1}
    for kind, least in needed.items():
        while plan.count(kind) < least:
            spare = next(i for i in range(len(plan) - 1, -1, -1) if plan.count(plan[i]) > needed.get(plan[i], 0))
            plan[spare] = kind
    used_names: set[str] = set()
    used_ids: set[str] = set()
    entities = []
    companies: list[str] = []
    eligible = 0
    for kind in plan:
        for attempt in range(1000):
            root = (rng.choice(SYLLABLES_A) + rng.choice(SYLLABLES_B) + rng.choice(SYLLABLES_C)).capitalize()
            if attempt > 50:
                root += rng.choice(SYLLABLES_B)
            aliases: list[dict] = []
            if kind == "company":
                name = f"{root} {rng.choice(COMPANY_SUFFIXES)}"
                aliases.append({"name": root, "basis": "source"})
            elif kind in POOLED_NAMES:
                pooled, rooted = POOLED_NAMES[kind]
                name = pooled(rng) if attempt < 30 else rooted(rng, root)
            elif kind == "organisation":
                name = f"{root} {rng.choice(ORG_SUFFIXES)}"
            elif kind in ("product", "model"):
                owner = rng.choice(companies) if companies else root
                name = f"{owner} {rng.choice(MODEL_WORDS)}" if attempt < 30 else f"{owner} {root}"
            elif kind == "chip":
                name = f"{root} {rng.choice(CHIP_WORDS)}"
            else:
                name = f"{rng.choice(PLACE_PREFIXES)}{root}"
            entity_id = slug(name)[:60].strip("-")
            if name not in used_names and entity_id not in used_ids:
                break
        used_names.add(name)
        used_ids.add(entity_id)
        if kind == "company":
            companies.append(root)
        if kind in ("company", "chip", "organisation", "model"):
            eligible += 1
            if eligible % 3 == 1 or rng.random() < 0.2:  # the first and every third at least
                aliases.append(_other_script(rng, root))
        entities.append(Entity(entity_id, name, kind, aliases))
    return entities
