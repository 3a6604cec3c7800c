"""A deterministic synthetic briefing of any size, for benchmarks and scale tests.

``generate(root, n)`` writes a complete project folder: ``seeds/*.txt`` (n articles with a
headline, byline, site chrome, captions, highlights, paragraphs, hedged and attributed
sentences, footers), the source records made by the real normaliser
(``builder.sources.records.normalize_tree``) from those seeds, editor metadata with reasons for
every null, about n/3 entities with aliases (some in other scripts), about 5 facts per
source whose quotes are copied from the normalized records, disputes, ``briefing.yaml``,
and ``mkdocs.yml`` and ``templates/`` copied from this repository.

Everything comes from one ``random.Random`` seeded with ``(n, seed)``: the same arguments
give the same bytes. Facts are written only after normalization, from the records'
sentences, and their hedge lists, statuses and dates are derived with the same functions
``briefing check`` uses (``quotes.locate``, ``hedges.evidence_scope``, ``lexicon.ceiling``,
``lexicon.phrase_precision``), so the project passes ``briefing check --strict``.

Command line: ``python -m builder.synth <folder> <n> [--seed S]`` (the folder must be
empty or absent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml

from builder.core import dates
from builder.core.lexicon import NUMBER, STATUS_RANK, ceiling, phrase_precision
from builder.content.hedges import evidence_scope
from builder.content.load import index_source
from builder.checks.trust import hedged_wording, is_flat
from builder.content.evidence import MIN_QUOTE_WORDS, locate
from builder.sources.records import SOURCES_DIR, dump_yaml, normalize_tree, source_id_for
from builder.core.text import fold

REPO = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 4, 30)
CHANGED = "2026-05-01"
FACTS_PER_SOURCE = 5
SCHEMA = "../../builder/schemas/{}.schema.json"

# -- vocabulary ------------------------------------------------------------------------

SYLLABLES_A = ("nor", "kal", "ver", "tam", "sol", "bri", "cor", "del", "fen", "gar", "hal", "ist", "jun", "lum", "mar", "ost", "pel", "quin", "ros", "tor", "ul", "vas", "wen", "zan")
SYLLABLES_B = ("va", "de", "ri", "to", "me", "la", "ka", "no", "si", "be", "xa", "lo", "ra", "mi", "te", "zo")
SYLLABLES_C = ("x", "n", "ton", "ra", "lis", "dor", "mark", "via", "tek", "gen", "sys", "core", "wave", "net", "forge", "ley")
COMPANY_SUFFIXES = ("Systems", "Semiconductor", "Technologies", "Holdings", "Group", "Labs", "Cloud", "Robotics", "Networks", "Microdevices")
ORG_SUFFIXES = ("Institute", "Alliance", "Foundation", "Consortium", "Research Council")
MODEL_WORDS = ("Atlas", "Beacon", "Cirrus", "Drift", "Ember", "Fathom", "Granite", "Helix", "Iris", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orbit", "Pylon")
CHIP_WORDS = ("Ascent", "Basalt", "Crest", "Dynamo", "Flux", "Quarry", "Ridge", "Tensor", "Vertex", "Zenith")
PLACE_ROOTS = ("Veloria", "Castine", "Marrow", "Oskar", "Tessaly", "Brennan", "Calder", "Duvall", "Estmere", "Farrow", "Galen", "Holm")
PLACE_PREFIXES = ("", "Port ", "New ", "North ", "East ", "Lake ")
OUTLET_NOUNS = ("Ledger", "Courier", "Wire", "Gazette", "Dispatch", "Observer", "Tribune", "Monitor", "Herald", "Chronicle", "Post", "Review")
FIRST_NAMES = ("Lena", "Marcus", "Priya", "Tomas", "Aiko", "Daniel", "Sofia", "Kwame", "Elena", "Ravi", "Hannah", "Mateo", "Yuki", "Omar", "Ingrid", "Felix", "Nadia", "Victor", "Chloe", "Arjun", "Beatriz", "Jonas", "Mei", "Samuel", "Leila", "Oscar", "Freya", "Hugo", "Amara", "Luca", "Noor", "Pavel", "Rosa", "Stefan", "Tara", "Wen", "Zara", "Anton", "Clara", "Idris")
LAST_NAMES = ("Okafor", "Lindqvist", "Raman", "Novak", "Tanaka", "Brennan", "Alvarez", "Mensah", "Petrova", "Sharma", "Keller", "Duarte", "Mori", "Haddad", "Solberg", "Wagner", "Karimi", "Moreau", "Fischer", "Iyer", "Castillo", "Becker", "Zhou", "Adeyemi", "Nasser", "Holm", "Varga", "Quinn", "Ferreira", "Sato", "Osei", "Larsen", "Kovacs", "Ricci", "Yilmaz", "Dubois", "Hughes", "Nakamura", "Ortiz", "Walsh", "Costa", "Jensen", "Lopez", "Byrne", "Ahmed", "Moran", "Berg", "Rossi", "Park", "Meyer")
HANZI = "诺维克斯卡尔德瑞托梅拉诺西贝萨洛米特佐华科技达森波利安泰恒远星海云峰"
CYRILLIC = dict(zip("abcdefghijklmnopqrstuvwxyz", ("а", "б", "к", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м", "н", "о", "п", "к", "р", "с", "т", "у", "в", "в", "кс", "ы", "з")))
GREEK = dict(zip("abcdefghijklmnopqrstuvwxyz", ("α", "β", "κ", "δ", "ε", "φ", "γ", "η", "ι", "ζ", "κ", "λ", "μ", "ν", "ο", "π", "κ", "ρ", "σ", "τ", "υ", "β", "ου", "ξ", "υ", "ζ")))
KATAKANA = ("ノ", "ル", "ヴ", "ェ", "ク", "ス", "カ", "デ", "リ", "ト", "メ", "ラ", "シ", "ベ", "ロ", "ミ", "テ", "ゾ", "ン", "ア")

# Claim predicates: (base form, past participle); {o} is the object, {num} a quantity.
PREDICATES = (
    ("sign a supply agreement with {o}", "signed a supply agreement with {o}", False),
    ("order {num} accelerators from {o}", "ordered {num} accelerators from {o}", True),
    ("open a joint research centre with {o}", "opened a joint research centre with {o}", False),
    ("buy a minority stake in {o}", "bought a minority stake in {o}", False),
    ("move its training workloads to {o}'s processors", "moved its training workloads to {o}'s processors", False),
    ("license its compiler stack to {o}", "licensed its compiler stack to {o}", False),
    ("hire {num} engineers from {o}", "hired {num} engineers from {o}", True),
    ("rewrite parts of its software to run on {o}'s chips", "rewritten parts of its software to run on {o}'s chips", False),
    ("win a cloud contract from {o}", "won a cloud contract from {o}", False),
    ("cut prices for customers of {o}", "cut prices for customers of {o}", False),
    ("file a complaint against {o}", "filed a complaint against {o}", False),
    ("raise {num} in a funding round led by {o}", "raised {num} in a funding round led by {o}", True),
    ("test its new accelerators with {o}", "tested its new accelerators with {o}", False),
    ("share early versions of its model with {o}", "shared early versions of its model with {o}", False),
    ("stop shipping servers to {o}", "stopped shipping servers to {o}", False),
    ("build a data centre for {o}", "built a data centre for {o}", False),
    ("expand its partnership with {o}", "expanded its partnership with {o}", False),
    ("pause its talks with {o}", "paused its talks with {o}", False),
    ("deploy {num} servers built by {o}", "deployed {num} servers built by {o}", True),
    ("drop {o} as a supplier", "dropped {o} as a supplier", False),
)
QUANTITIES = {  # phrase in the article -> the same phrase in the statement (numbers are copied, never rounded)
    "order": ("hundreds of thousands of", "40,000", "two million", "several thousand", "120,000"),
    "hire": ("dozens of", "300", "several hundred", "two thousand"),
    "raise": ("$2 billion", "$450 million", "1.2 billion dollars", "hundreds of millions of dollars"),
    "deploy": ("10,000", "tens of thousands of", "three thousand", "hundreds of"),
}

# Time phrases: (phrase, EDTF, expected, relative_to, derivation). The phrase precision rule of
# lexicon.phrase_precision holds for each; expected ones lie after the as-of day.
PAST_TIMES = (
    ("last year", "2025", "as-of", "'last year' against the as-of day names 2025, to the year only."),
    ("last year", "2025~", "as-of", "'last year' of an article of uncertain date: about 2025."),
    ("earlier this year", "2026", "as-of", "'earlier this year', read against the as-of day: 2026, to the year."),
    ("earlier this year", "2026?", "as-of", "'earlier this year' in an undated article: probably 2026."),
    ("last month", "2026-03", "as-of", "'last month' against the as-of day: March 2026."),
    ("last month", "2026-03?", "published", "'last month' against a publication day that is itself uncertain."),
    ("on Tuesday", "2026-04-28", "as-of", "the Tuesday before the as-of day."),
    ("on Tuesday", "2026-04-21~", "published", "the Tuesday of the publication week, about 21 April."),
    ("in March 2026", "2026-03", "absolute", "the article names the month."),
    ("on 14 April 2026", "2026-04-14", "absolute", "the article names the day."),
    ("in 2025", "2025", "absolute", "the article names the year."),
    ("between February and March 2026", "2026-02/2026-03", "absolute", "the article names both months."),
    ("in recent months", "2025-11/2026-04", "as-of", "'in recent months' read as the six months before the as-of day."),
    ("this spring", "2026-21", "as-of", "'this spring' of 2026, an EDTF season."),
)
FUTURE_TIMES = (
    ("within weeks", "2026-05/2026-06", "as-of", "'within weeks' of the as-of day: May to June 2026, to the month."),
    ("in the coming weeks", "2026-05~", "as-of", "'in the coming weeks': about May 2026."),
    ("next month", "2026-05", "as-of", "'next month' against the as-of day."),
    ("soon", "2026-05?", "as-of", "'soon' is vague; May 2026 is a guess, marked uncertain."),
    ("next year", "2027", "as-of", "'next year' against the as-of day."),
    ("next year", "2027?", "published", "'next year' of an article whose year is not certain."),
    ("later this year", "2026", "as-of", "'later this year' gives only the year."),
)

ALL_TIMES = tuple(t for pair in zip(PAST_TIMES, FUTURE_TIMES) for t in pair) + PAST_TIMES[len(FUTURE_TIMES) :]

PAST_FRAMES = (  # (weight, name, frame): {S} subject, {D} past, {P} participle, {B} base, {T} time, {OUT}/{ORIG} outlets
    (4, "plain", "{S} {D}{T}."),
    (2, "spokesperson", "{S} {D}{T}, a company spokesperson said on the record."),
    (4, "reportedly", "{S} reportedly {D}{T}."),
    (4, "according", "According to {OUT}, {S} {D}{T}."),
    (2, "citing", "{OUT} reported, citing {ORIG}, that {S} had {P}{T}."),
    (3, "familiar", "{S} {D}{T}, people familiar with the matter said."),
    (2, "appears", "{S} appears to have {P}{T}."),
    (2, "suggests", "This suggests that {S} {D}{T}."),
    (1, "signals", "The filing signals that {S} {D}{T}."),
    (2, "report-says", "The report says {S} {D}{T}."),
)
FUTURE_FRAMES = (
    (4, "expected", "{S} is expected to {B}{T}."),
    (3, "could", "{S} could {B}{T}, according to {OUT}."),
    (2, "may", "{S} may {B}{T}, two people briefed on the plans said."),
    (3, "plans", "{S} plans to {B}{T}, the company said in a statement."),
    (1, "said-to-be", "{S} is said to be preparing to {B}{T}."),
)

FILLERS = (
    "Analysts at {ORG} said the shift would take at least two quarters to show up in revenue.",
    "Shares of {CO} rose {PCT} percent in afternoon trading after the news.",
    "{CO} did not respond to a request for comment.",
    "{CO} declined to comment on the matter when contacted by email.",
    "Industry executives have long argued that software support matters as much as raw performance.",
    "The market for AI accelerators has grown quickly as cloud providers race to add capacity.",
    "{PERSON}, a chip analyst based in {PLACE}, said buyers were watching supply closely.",
    "Such arrangements are common in the sector, though rarely announced in advance.",
    "Officials in {PLACE} have not commented publicly on the arrangement.",
    "Demand for high-bandwidth memory has outpaced supply for much of the past year.",
    "The deal could reshape purchasing across the region, analysts said.",
    "Engineers familiar with both platforms describe the porting work as slow and expensive.",
    "{CO} reported revenue of {MONEY} for the quarter, slightly ahead of expectations.",
    "Export rules have tightened twice since the start of the decade.",
    "The company’s chief executive, {PERSON}, has spoken often about building a domestic supply chain.",
    "Competition for trained engineers in {PLACE} remains intense.",
    "Smaller developers say they struggle to get access to the newest hardware.",
    "It is not clear how many of the chips have been delivered so far.",
    "Investors have pushed the sector’s valuations to record highs — and some warn of a correction.",
    "{ORG} published a survey showing that most buyers still prefer proven suppliers.",
    "Training large models requires thousands of accelerators working in parallel for weeks.",
    "The two companies have worked together on smaller projects before.",
    "Regulators in {PLACE} are reviewing several similar agreements.",
    "Power supply has become a limiting factor for new data centres in {PLACE}.",
    "{PERSON} of {ORG} called the move “a bet on the long term”.",
    "Prices for used accelerators have fallen sharply since the start of the quarter.",
    "The software gap, rather than the hardware, is the main obstacle, according to several engineers.",
    "A spokesperson for {CO} said the company does not comment on market rumours.",
)
CAPTIONS = ("Photo: {PERSON} speaks at an industry event in {PLACE} (File photo)", "Image: A server room operated by {CO} (Credit: company handout)")
TOP_CHROME = ("Text Size: A A A", "12.5K views", "Home › Technology › Chips", "Login to get 50 TimesPoints")
FOOTERS = ("Share this article", "Sign up for our morning technology newsletter", "Read more: {HEADLINE}", "Follow us on social media")
HEADLINES = (
    "{S} and {O} at the centre of a new chip deal",
    "Why {S} is turning to {O} for its next models",
    "{S} bets on {O} as supply tightens",
    "Inside the talks between {S} and {O}",
    "What the {S} move means for {O}",
)
HEADINGS = ("Why does {S} matter?", "What comes next for {S}?", "The bigger picture", "How the market reacted", "What we know so far")


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


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _past(participle: str) -> str:
    """The simple past of a predicate's participle clause (all regular but one)."""
    return participle.replace("rewritten", "rewrote", 1)


def _weighted(rng: random.Random, options):
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
    return {"name": "".join(KATAKANA[(ord(c) + i) % len(KATAKANA)] for i, c in enumerate(letters[:5])), "lang": "ja", "basis": "editor"}


def make_entities(rng: random.Random, count: int) -> list[Entity]:
    """``count`` entities of every kind with unique ids and names."""
    kinds = (("company", 40), ("outlet", 12), ("person", 14), ("organisation", 6), ("government", 4), ("product", 6), ("model", 6), ("chip", 8), ("place", 4))
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
            elif kind == "outlet":
                name = f"The {rng.choice(PLACE_ROOTS)} {rng.choice(OUTLET_NOUNS)}" if attempt < 30 else f"The {root} {rng.choice(OUTLET_NOUNS)}"
            elif kind == "person":
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if attempt < 30 else f"{rng.choice(FIRST_NAMES)} {root}"
            elif kind == "organisation":
                name = f"{root} {rng.choice(ORG_SUFFIXES)}"
            elif kind == "government":
                name = f"{rng.choice(PLACE_PREFIXES)}{rng.choice(PLACE_ROOTS)} Ministry of Industry" if attempt < 30 else f"{root} Ministry of Industry"
            elif kind in ("product", "model"):
                owner = rng.choice(companies) if companies else root
                name = f"{owner} {rng.choice(MODEL_WORDS)}" if attempt < 30 else f"{owner} {root}"
            elif kind == "chip":
                name = f"{root} {rng.choice(CHIP_WORDS)}"
            else:
                name = f"{rng.choice(PLACE_PREFIXES)}{root}"
            entity_id = _slug(name)[:60].strip("-")
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


# -- articles --------------------------------------------------------------------------


def _fill(rng: random.Random, template: str, pools: dict) -> str:
    return re.sub(r"\{([A-Z]+)\}", lambda m: pools[m.group(1)](), template)


def _render_claim(rng: random.Random, claim: Claim, outlets: list[Entity], own_outlet: Entity, frame_hint: str | None = None) -> Occurrence:
    frames = FUTURE_FRAMES if claim.future else PAST_FRAMES
    _, frame, template = next((f for f in frames if f[1] == frame_hint), None) or _weighted(rng, frames)
    out = rng.choice([o for o in outlets if o is not own_outlet] or outlets)
    orig = rng.choice([o for o in outlets if o is not out and o is not own_outlet] or [o for o in outlets if o is not out] or outlets)
    obj = claim.obj.mention(rng)
    quantity = claim.quantity or ""
    part = claim.part.format(o=obj, num=quantity)
    base = claim.base.format(o=obj, num=quantity)
    time = f" {claim.time[0]}" if claim.time else ""
    sentence = template.format(S=claim.subject.mention(rng), D=_past(part), P=part, B=base, T=time, OUT=out.name, ORIG=orig.name)
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
        via = [{"entity": out.id, "basis": "editor", "note": f"'The report' is the one the article credits to {out.name} in its opening paragraph."}]
    return Occurrence(claim, -1, frame, sentence, attribution, via)


def _article(rng: random.Random, index: int, occurrences: list[Occurrence], entities: list[Entity], own_outlet: Entity, byline: str) -> str:
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
            fact_id = re.sub(r"-+", "-", f"{_slug(verb)}-{subject.id[:28]}-{obj.id[:28]}-{i:04d}{k}")
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
            occurrence = _render_claim(rng, claim, outlets, own_outlets[j], hint)
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
        _write(root / "seeds" / seed_names[j], _article(rng, j, per_source[j], entities, own_outlets[j], bylines[j]))

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
            item = _evidence(sources[source_ids[occurrence.source]], occurrence, rng, allow_prefix=number > 0 and not claim.time)
            if item is None:
                lost += 1
            else:
                evidence.append(item)
        if not evidence:
            continue
        facts[claim.fact_id] = _fact(rng, claim, evidence)

    # Disputes: pairs and triples of facts about one subject, or neighbouring facts.
    fact_ids = list(facts)
    disputes = _disputes(rng, max(2, n // 8), fact_ids, facts, claims, entities)
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
        _write(root / "content/entities" / f"{entity.id}.yaml", _yaml_file("entity", _entity_data(rng, entity, facts, claims)))
    for fact_id, data in facts.items():
        _write(root / "content/facts" / f"{fact_id}.yaml", _yaml_file("fact", data))
    for dispute in disputes:
        _write(root / "content/disputes" / f"{dispute['id']}.yaml", _yaml_file("dispute", dispute))
    for j, source_id in enumerate(source_ids):
        meta = _meta(rng, source_id, seed_names[j], own_outlets[j], bylines[j], sources[source_id], per_source[j])
        _write(root / SOURCES_DIR / f"{source_id}.meta.yaml", meta)
    _write(root / "content/briefing.yaml", _briefing(rng, n, facts, entities))
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if (root / "templates").exists():
        shutil.rmtree(root / "templates")
    shutil.copytree(REPO / "templates", root / "templates")
    return {"sources": n, "facts": len(facts), "entities": len(entities), "disputes": len(disputes), "quotes": sum(len(f["evidence"]) for f in facts.values()), "lost quotes": lost}


def _fact(rng: random.Random, claim: Claim, evidence: list[dict]) -> dict:
    quantity = f"{claim.quantity}" if claim.quantity else ""
    if claim.future:
        verb = rng.choice(("is expected to", "plans to", "may"))
        clause = claim.base.format(o=f"[[{claim.obj.id}]]", num=quantity)
    else:
        verb = ""
        clause = _past(claim.part.format(o=f"[[{claim.obj.id}]]", num=quantity))
    statement = f"[[{claim.subject.id}]] {verb} {clause}".replace("  ", " ")
    quotes = " ".join(fold(e["quote"]) for e in evidence)
    if claim.time and claim.time[0].lower() in quotes.lower() and rng.random() < 0.5:
        statement += f" ({claim.time[0]})"
    statement += "."
    plain = re.sub(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]", " ", statement)
    if any(not re.search(r"(?<!\w)" + re.escape(m.group(0)) + r"(?!\w)", quotes, re.I) for m in NUMBER.finditer(plain)):
        statement = statement.replace(quantity + " ", "") if quantity else statement  # the quantity was cut from every quote
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
        data["tags"] = sorted({rng.choice(("supply", "orders", "funding", "talent", "launch", "policy")), _slug(claim.base.split()[0])})
    if rng.random() < 0.15:
        data["note"] = f"Synthetic note: the claim is carried by {len(evidence)} quote{'s' if len(evidence) != 1 else ''}; see [[{claim.subject.id}]]."
    data["changed"] = CHANGED
    return data


def _disputes(rng: random.Random, count: int, fact_ids: list[str], facts: dict, claims: list[Claim], entities: list[Entity]) -> list[dict]:
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
            position = {"claim": f"{rng.choice(('It did', 'Only partly', 'Not yet', 'It was the other way round'))}, per [[{fact_id}]].", "status": facts[fact_id]["status"]}
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
            "note": "The sources disagree on the details. **Can be concluded:** that something was reported. **Cannot:** which account is right.",
            "changed": CHANGED,
        })
    return disputes


def _entity_data(rng: random.Random, entity: Entity, facts: dict, claims: list[Claim]) -> dict:
    own = next((c.fact_id for c in claims if c.subject is entity and c.fact_id in facts), None)
    description = f"A {entity.kind} named in the synthetic articles."
    if own:
        description += f" See [[{own}]]."
    data = {"id": entity.id, "name": entity.name, "kind": entity.kind, "description": description, "aliases": entity.aliases}
    if rng.random() < 0.1:
        data["note"] = "Synthetic entity; its aliases include names in other scripts supplied by an editor."
    data["changed"] = CHANGED
    return data


def _meta(rng: random.Random, source_id: str, seed_name: str, outlet: Entity, byline: str, source, occurrences: list[Occurrence]) -> str:
    known = rng.random() < 0.6
    unknown = {}
    data: dict = {"id": source_id}
    if known:
        data["outlet"] = outlet.name
        data["outlet_entity"] = outlet.id
        data["url"] = f"https://{_slug(outlet.name)}.example/2026/04/{source_id}"
        data["byline"] = byline
        data["role"] = rng.choice((None, "Technology correspondent", "Asia business editor"))
        day = rng.randint(1, 30)
        data["published"] = rng.choice((f"2026-04-{day:02d}", "2026-04", f"2026-04-{day:02d}~"))
    else:
        data.update({"outlet": None, "url": None, "byline": byline if rng.random() < 0.5 else None, "role": None, "published": None})
        unknown["outlet"] = "The text names no publication: no masthead or credit line."
        unknown["url"] = "The article came as pasted text, with no address in it."
        if data["byline"] is None:
            unknown["byline"] = "The printed byline could not be matched to a person."
        unknown["published"] = "The text gives no date; it speaks only in relative time."
    credited = []
    for occurrence in occurrences:
        if occurrence.attribution and occurrence.via and occurrence.via[0]["basis"] == "stated" and fold(occurrence.attribution) in source.folded:
            words = occurrence.attribution
            if all(c["words"] != words for c in credited):
                credited.append({"words": words, "entities": [v["entity"] for v in occurrence.via]})
    data["credited"] = credited[:3]
    # Readers know a source by its outlet or, where that is unknown, by a short title.
    data["title"] = None if known else _headline(source)
    data["unknown"] = unknown
    data["notes"] = "" if rng.random() < 0.7 else "A synthetic article: its claims are invented, its structure is not."
    data["changed"] = CHANGED
    header = f"# yaml-language-server: $schema={SCHEMA.format('source')}\n# Editor-owned metadata for the article in seeds/{seed_name}.\n"
    return header + dump_yaml(data)


def _headline(source) -> str:
    """The article's first line (its headline) in at most 80 characters, cut at a word."""
    words, out = source.sentences[0]["text"].split(), ""
    for word in words:
        if len(out) + len(word) + 1 > 80:
            break
        out = f"{out} {word}".strip()
    return out


def _briefing(rng: random.Random, n: int, facts: dict, entities: list[Entity]) -> str:
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
        "questions": [{"question": f"What is reported, point {k + 1}?", "answer": prose(i), "more": i} for k, i in enumerate(ids[2:5])],
        "summary": summary,
        "watch": watch,
        "changed": CHANGED,
    }
    return f"# yaml-language-server: $schema={SCHEMA.format('briefing').replace('../../', '../')}\n" + dump_yaml(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder.synth", description="Write a synthetic briefing project.")
    parser.add_argument("folder", type=Path)
    parser.add_argument("n", type=int, help="number of sources")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.folder.exists() and any(args.folder.iterdir()):
        print(f"error: {args.folder} is not empty", file=sys.stderr)
        return 2
    counts = generate(args.folder, args.n, seed=args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
