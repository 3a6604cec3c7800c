"""What `briefing suggest` prints: each new source's triage, ranked, within a budget of lines
per source unless ``full``, then where the drafts are."""

from __future__ import annotations

from builder.claims.conflicts import quoted
from builder.claims.suggest import SUGGESTIONS_DIR, evidence_lines
from builder.claims.triage import Item, SourceTriage, Triage
from builder.content.load import Briefing

BUDGET = 20  # lines per new source in the default output
HEADINGS = {
    "evidence": "new evidence for an existing fact",
    "conflict": "conflicts with an existing fact: check both quotes",
    "shared": "new claims two or more sources share: draft facts",
}


def item_lines(briefing: Briefing, item: Item, full: bool) -> list[str]:
    s = item.unit.sentence
    if item.group == "evidence":
        lines = [f"    {item.fact} ({item.score:.2f} alike): {s.anchor} {quoted(item.unit.clause)}"]
        return lines + (evidence_lines(briefing, item.unit, "      ")[0] if full else [])
    if item.group == "conflict":
        c = item.conflict
        where = f"{c.like.sentence.source} {c.like.sentence.anchor}" if c.like else "its statement"
        return [
            f"    {c.fact}: {c.kind}: {c.detail} ({item.score:.2f} alike)",
            f"      here  {s.anchor} {quoted(item.unit.clause)}",
            f"      fact  {where} {quoted(c.quote)}",
        ]
    if item.group == "shared":
        others = [x for x in item.claim.sources if x != s.source]
        return [
            f"    draft {item.draft} (with {', '.join(others)}; {item.claim.score:.2f} alike)",
            f"      {s.anchor} {quoted(item.unit.clause)}",
        ]
    why = f" ({item.why})" if item.why else ""
    return [f"    {s.anchor} {quoted(s.text)}{why}"]


def visible_items(briefing: Briefing, entry: SourceTriage, budget: int | None = BUDGET) -> list[Item]:
    """The items to act on that fit the source's budget of lines, best first within each group
    (``budget=None``: all). The header, group headings, a "more" line and the folded line count too."""
    shown, used = [], 2  # the header and the folded line
    for group in ("evidence", "conflict", "shared"):
        heading = 1
        for item in entry.group(group):
            size = len(item_lines(briefing, item, False)) + heading
            if budget is None or used + size + 1 <= budget:  # + 1: room for the "more" line
                shown.append(item)
                used += size
                heading = 0
    return shown


def source_lines(briefing: Briefing, entry: SourceTriage, *, full: bool = False, budget: int = BUDGET) -> list[str]:
    """One source's triage: a header, the groups in order, the folded counts; within budget unless full."""
    act = [i for i in entry.items if i.group in HEADINGS]
    shown = visible_items(briefing, entry, None if full else budget)
    single, background = entry.group("single"), entry.group("background")
    title = f" {quoted(entry.title)}" if entry.title else ""
    out = [f"{entry.source}{title}: {len(act)} to act on"]
    for group in ("evidence", "conflict", "shared"):
        items = [i for i in shown if i.group == group]
        if items:
            shown_only = "" if len(items) == len(entry.group(group)) else " shown"
            out.append(f"  {HEADINGS[group]} ({len(items)}{shown_only}):")
            out += [line for item in items for line in item_lines(briefing, item, full)]
    if len(shown) < len(act):
        out.append(f"  ... {len(act) - len(shown)} more to act on: `briefing suggest --all {entry.source}`")
    out.append(f"  folded: {len(single)} single-source, {len(background)} background, "
               f"{entry.chrome} chrome or furniture"
               + ("" if full else " (--all lists the sentences)"))
    if full:
        for label, items in (("single-source", single), ("background", background)):
            if items:
                out.append(f"  {label} ({len(items)}):")
                out += [line for item in items for line in item_lines(briefing, item, full)]
    return out


def format_triage(briefing: Briefing, result: Triage, *, full: bool = False, budget: int = BUDGET) -> str:
    """What `briefing suggest` prints: each new source's triage, then where the drafts are."""
    if not result.sources:
        return "suggest: no new sources (every source is quoted by a fact or dispute); name one to triage it\n"
    out = []
    for entry in result.sources:
        out += source_lines(briefing, entry, full=full, budget=budget) + [""]
    drafts = result.suggestions.drafts
    used = sorted({i.draft for e in result.sources for i in e.items if i.draft})
    if full:
        for fact_id in used:
            out += [f"--- {SUGGESTIONS_DIR}/facts/{fact_id}.yaml", drafts[fact_id].rstrip("\n"), ""]
        for claim, problems in result.suggestions.dropped:
            out.append(f"(no draft for the claim of {', '.join(claim.sources)}: {problems[0].message})")
    acts = sum(1 for e in result.sources for i in e.items if i.group in HEADINGS)
    sources, drafts = len(result.sources), len(used)
    out.append(f"{sources} new source{'s' if sources != 1 else ''}, {acts} sentences to act on, {drafts} draft "
               f"fact{'s that pass' if drafts != 1 else ' that passes'} `briefing check` as written"
               + (": `briefing suggest --write` saves them under build/suggestions/facts/" if used else ""))
    return "\n".join(out) + "\n"
