"""The synthetic briefing's settings and word pools (the world made of them is ``world``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent  # the repository: builder/synth/ is two below it
AS_OF = dt.date(2026, 4, 30)
CHANGED = "2026-05-01"
FACTS_PER_SOURCE = 5
SCHEMA = "../../builder/schemas/{}.schema.json"


# -- vocabulary ------------------------------------------------------------------------

SYLLABLES_A = (
    "nor", "kal", "ver", "tam", "sol", "bri", "cor", "del", "fen", "gar", "hal", "ist", "jun", "lum", "mar", "ost",
    "pel", "quin", "ros", "tor", "ul", "vas", "wen", "zan",
)
SYLLABLES_B = ("va", "de", "ri", "to", "me", "la", "ka", "no", "si", "be", "xa", "lo", "ra", "mi", "te", "zo")
SYLLABLES_C = (
    "x", "n", "ton", "ra", "lis", "dor", "mark", "via", "tek", "gen", "sys", "core", "wave", "net", "forge", "ley",
)
COMPANY_SUFFIXES = (
    "Systems", "Semiconductor", "Technologies", "Holdings", "Group", "Labs", "Cloud", "Robotics", "Networks",
    "Microdevices",
)
ORG_SUFFIXES = ("Institute", "Alliance", "Foundation", "Consortium", "Research Council")
MODEL_WORDS = (
    "Atlas", "Beacon", "Cirrus", "Drift", "Ember", "Fathom", "Granite", "Helix", "Iris", "Juniper", "Kestrel", "Lumen",
    "Meridian", "Nimbus", "Orbit", "Pylon",
)
CHIP_WORDS = ("Ascent", "Basalt", "Crest", "Dynamo", "Flux", "Quarry", "Ridge", "Tensor", "Vertex", "Zenith")
PLACE_ROOTS = (
    "Veloria", "Castine", "Marrow", "Oskar", "Tessaly", "Brennan", "Calder", "Duvall", "Estmere", "Farrow", "Galen",
    "Holm",
)
PLACE_PREFIXES = ("", "Port ", "New ", "North ", "East ", "Lake ")
OUTLET_NOUNS = (
    "Ledger", "Courier", "Wire", "Gazette", "Dispatch", "Observer", "Tribune", "Monitor", "Herald", "Chronicle", "Post",
    "Review",
)
FIRST_NAMES = (
    "Lena", "Marcus", "Priya", "Tomas", "Aiko", "Daniel", "Sofia", "Kwame", "Elena", "Ravi", "Hannah", "Mateo", "Yuki",
    "Omar", "Ingrid", "Felix", "Nadia", "Victor", "Chloe", "Arjun", "Beatriz", "Jonas", "Mei", "Samuel", "Leila",
    "Oscar", "Freya", "Hugo", "Amara", "Luca", "Noor", "Pavel", "Rosa", "Stefan", "Tara", "Wen", "Zara", "Anton",
    "Clara", "Idris",
)
LAST_NAMES = (
    "Okafor", "Lindqvist", "Raman", "Novak", "Tanaka", "Brennan", "Alvarez", "Mensah", "Petrova", "Sharma", "Keller",
    "Duarte", "Mori", "Haddad", "Solberg", "Wagner", "Karimi", "Moreau", "Fischer", "Iyer", "Castillo", "Becker",
    "Zhou", "Adeyemi", "Nasser", "Holm", "Varga", "Quinn", "Ferreira", "Sato", "Osei", "Larsen", "Kovacs", "Ricci",
    "Yilmaz", "Dubois", "Hughes", "Nakamura", "Ortiz", "Walsh", "Costa", "Jensen", "Lopez", "Byrne", "Ahmed", "Moran",
    "Berg", "Rossi", "Park", "Meyer",
)
HANZI = "诺维克斯卡尔德瑞托梅拉诺西贝萨洛米特佐华科技达森波利安泰恒远星海云峰"
CYRILLIC = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    "а", "б", "к", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м", "н", "о", "п", "к", "р", "с", "т", "у", "в", "в",
    "кс", "ы", "з",
)))
GREEK = dict(zip("abcdefghijklmnopqrstuvwxyz", (
    "α", "β", "κ", "δ", "ε", "φ", "γ", "η", "ι", "ζ", "κ", "λ", "μ", "ν", "ο", "π", "κ", "ρ", "σ", "τ", "υ", "β", "ου",
    "ξ", "υ", "ζ",
)))
KATAKANA = (
    "ノ", "ル", "ヴ", "ェ", "ク", "ス", "カ", "デ", "リ", "ト",
    "メ", "ラ", "シ", "ベ", "ロ", "ミ", "テ", "ゾ", "ン", "ア",
)

# Claim predicates: (base form, past participle); {o} is the object, {num} a quantity.
PREDICATES = (
    ("sign a supply agreement with {o}", "signed a supply agreement with {o}", False),
    ("order {num} accelerators from {o}", "ordered {num} accelerators from {o}", True),
    ("open a joint research centre with {o}", "opened a joint research centre with {o}", False),
    ("buy a minority stake in {o}", "bought a minority stake in {o}", False),
    ("move its training workloads to {o}'s processors", "moved its training workloads to {o}'s processors", False),
    ("license its compiler stack to {o}", "licensed its compiler stack to {o}", False),
    ("hire {num} engineers from {o}", "hired {num} engineers from {o}", True),
    (
        "rewrite parts of its software to run on {o}'s chips", "rewritten parts of its software to run on {o}'s chips",
        False,
    ),
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

# (weight, name, frame): {S} subject, {D} past, {P} participle, {B} base, {T} time, {OUT}/{ORIG} outlets
PAST_FRAMES = (
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
CAPTIONS = (
    "Photo: {PERSON} speaks at an industry event in {PLACE} (File photo)",
    "Image: A server room operated by {CO} (Credit: company handout)",
)
TOP_CHROME = ("Text Size: A A A", "12.5K views", "Home › Technology › Chips", "Login to get 50 TimesPoints")
FOOTERS = (
    "Share this article", "Sign up for our morning technology newsletter", "Read more: {HEADLINE}",
    "Follow us on social media",
)
HEADLINES = (
    "{S} and {O} at the centre of a new chip deal",
    "Why {S} is turning to {O} for its next models",
    "{S} bets on {O} as supply tightens",
    "Inside the talks between {S} and {O}",
    "What the {S} move means for {O}",
)
HEADINGS = (
    "Why does {S} matter?", "What comes next for {S}?", "The bigger picture", "How the market reacted",
    "What we know so far",
)
