"""`briefing suggest`: new evidence for existing facts and draft facts for shared claims.

Drafts are YAML text in the fact schema that ``briefing check`` accepts as written: every
draft is run through the same check rules before it is shown. ``write_suggestions`` is the
only file edge; it writes under build/suggestions/, which the build never reads.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from builder.core import dates
from builder.claims.claims import Claim, shared_claims, uncovered
from builder.claims.coverage import NewEvidence, cited_sentences, new_evidence, quoted_spans
from builder.claims.index import WORD, Unit, build_index
from builder.claims.extract import Extraction, as_of_day
from builder.core.lexicon import STATUS_RANK, ceiling, hedges_in
from builder.content.load import Briefing, Document
from builder.core.problems import Problem
from builder.checks.trust import hedged_wording, is_flat
from builder.content.evidence import locate
from builder.content.hedges import evidence_scope
from builder.claims.stopwords import ENGLISH_STOP_WORDS
from builder.claims.worth import claim_worth_a_fact

SUGGESTIONS_DIR = "build/suggestions"

# -- editor suggestions ------------------------------------------------------------------

@dataclass
class Suggestions:
    evidence: list[NewEvidence] = field(default_factory=list)
    drafts: dict[str, str] = field(default_factory=dict)  # fact id -> YAML text
    dropped: list[tuple[Claim, list[Problem]]] = field(default_factory=list)
    claims: dict[str, Claim] = field(default_factory=dict)  # fact id of each draft -> its claim
    whole: dict[str, Claim] = field(default_factory=dict)  # each draft's claim before ``skip`` trimmed it


def suggest(briefing: Briefing, extraction: Extraction, *, today, sources=(), skip=None) -> Suggestions:
    """New evidence for existing facts and draft facts for uncovered shared claims worth a fact.
    With ``skip`` (sentences as (source, sentence index) the caller has placed elsewhere), a draft
    holds a claim's other sentences that no fact quotes, when two or more sources remain."""
    index, spans = build_index(extraction), quoted_spans(briefing)
    cited = cited_sentences(briefing, spans)
    evidence = new_evidence(briefing, index, spans)
    wholes: dict[int, Claim] = {}
    if skip is None:  # a claim a fact quotes, or one offered to a fact as new evidence, is covered
        claims = [c for c in uncovered(shared_claims(index), cited, evidence) if claim_worth_a_fact(c)]
    else:  # the caller has sorted the sentences: drafts hold the others, less any a fact quotes
        taken = set(skip) | cited
        pairs = [(_without(c, taken), c) for c in shared_claims(index)]
        claims = [c for c, _ in pairs if c and claim_worth_a_fact(c)]
        wholes = {id(c): whole for c, whole in pairs if c}
    if sources:
        evidence = [e for e in evidence if e.unit.sentence.source in sources]
        claims = [c for c in claims if set(c.sources) & set(sources)]
    result, taken = Suggestions(evidence=evidence), set(briefing.all_ids()).union(*briefing.known.values())
    for claim in claims:
        fact_id = _slug(claim, taken)
        for with_when in (True, False):
            text = draft_fact(briefing, claim, fact_id, today=today, with_when=with_when)
            problems = validate(briefing, {fact_id: text})
            if not problems:
                result.drafts[fact_id] = text
                result.claims[fact_id] = claim
                result.whole[fact_id] = wholes.get(id(claim), claim)
                taken.add(fact_id)
                break
        else:
            result.dropped.append((claim, problems))
    return result


def _without(claim: Claim, skip) -> Claim | None:
    """The claim without its sentences in ``skip``; None when fewer than two sources remain."""
    units = [u for u in claim.units if (u.sentence.source, u.sentence.index) not in skip]
    if len(units) == len(claim.units):
        return claim
    if len({u.sentence.source for u in units}) < 2:
        return None
    return Claim(units, claim.score, claim.lead if claim.lead in units else units[0])


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def evidence_lines(briefing: Briefing, unit: Unit, indent: str = "  ") -> tuple[list[str], int]:
    """One evidence item as YAML lines, and the status rank its hedges allow."""
    source, quote = briefing.sources[unit.sentence.source], unit.sentence.text  # whole sentences quote safely
    span = locate(source, quote)
    hedges = evidence_scope(source, span).hedges if span else hedges_in(unit.sentence.text)  # as check scopes them
    lines = [
        f"{indent}- source: {source.id}", f"{indent}  quote: {_q(quote)}",
        f"{indent}  hedge: [{', '.join(_q(h) for h in hedges)}]",
    ]
    credit = next((c for c in unit.sentence.credits if c.names), None) or next(iter(unit.sentence.credits), None)
    known = set(briefing.kind("entity"))
    links = [e for e in (credit.via if credit else ()) if e in known]
    if credit:
        lines.append(f"{indent}  attribution: {_q(credit.phrase)}")
    lines.append(f"{indent}  via:" if links else f"{indent}  via: []")
    for entity in links:
        lines += [
            f"{indent}    - entity: {entity}", f"{indent}      basis: machine",
            f"{indent}      note: {_q('detected in the attribution ' + repr(credit.phrase))}",
        ]
    for name, entity in zip(credit.names if credit else (), credit.via if credit else ()):
        if entity not in known:
            lines.append(
                f"{indent}  # via: {name!r} names no entity record, so it is left out; add one under "
                "content/entities/ to link it"
            )
    return lines, ceiling(hedges)


def draft_fact(briefing: Briefing, claim: Claim, fact_id: str, *, today, with_when: bool = True) -> str:
    """A draft fact as YAML text: every source's clause as evidence, a status no firmer than it."""
    items, ranks, hedged = [], [], []
    for unit in claim.units:
        lines, rank = evidence_lines(briefing, unit)
        items += lines
        ranks.append(rank)
        credited = any(line.lstrip().startswith("attribution:") for line in lines)
        hedged.append(rank < STATUS_RANK["confirmed"] or credited)
    weakest = next(name for name, r in STATUS_RANK.items() if r == min(ranks))
    status = next(name for name, r in STATUS_RANK.items() if r == min(min(ranks), STATUS_RANK["reported"]))
    statement = _statement(briefing, claim.lead)
    if all(hedged) and is_flat(statement):  # the statement keeps the hedge every quote carries
        source_hedges = [h for unit in claim.units for h in hedges_in(unit.sentence.text)]
        statement = hedged_wording(statement, source_hedges, status)
    out = [
        "# yaml-language-server: $schema=../../builder/schemas/fact.schema.json",
        f"# DRAFT by `briefing suggest` (machine): {len(claim.sources)} sources state this claim, mean likeness "
        f"{claim.score:.2f}.",
        "# Rewrite the statement in the briefing's words, check status and via, then move it to content/facts/.",
        f"id: {fact_id}",
        f"statement: {_q(statement)}",
        f"status: {status}",
        f"# status: its most hedged quote allows at most '{weakest}'"
        + ("; the tool never proposes 'confirmed'" if weakest != status else ""),
        "evidence:",
        *items,
    ]
    if with_when:
        out += _when(briefing, claim)
    out.append(f'changed: "{today.isoformat()}"')
    return "\n".join(out) + "\n"


def _statement(briefing: Briefing, unit: Unit) -> str:
    """The lead clause as Markdown: Markdown characters escaped, first mention of each entity linked."""
    text, quote = unit.sentence.text, unit.clause
    start = text.find(quote, unit.start if quote != text else 0)
    parts, at, seen = [], start, set()
    for mention in unit.sentence.mentions:
        inside = start <= mention.start < start + len(quote)
        if inside and mention.entity not in seen and mention.entity in briefing.kind("entity"):
            seen.add(mention.entity)
            parts += [_escape(text[at : mention.start]), f"[[{mention.entity}|{_escape(mention.text)}]]"]
            at = mention.start + len(mention.text)
    statement = "".join(parts) + _escape(text[at : start + len(quote)])
    return statement[:1].upper() + statement[1:]


def _escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", text)


def _when(briefing: Briefing, claim: Claim) -> list[str]:
    refs = [t for u in claim.units for t in u.sentence.times if t.edtf and t.phrase.lower() in u.clause.lower()]
    values = sorted({t.edtf for t in refs})
    if len(values) != 1:
        return [f"# when: the quotes' time phrases resolve to {', '.join(values)}; an editor decides"] if values else []
    ref, as_of, span = refs[0], as_of_day(briefing), dates.bounds(values[0])
    lines = [
        f"when: {_q(ref.edtf)}", "when_basis:", f"  phrase: {_q(ref.phrase)}", f"  relative_to: {ref.relative_to}",
        f"  derivation: {_q(ref.derivation)}",
    ]
    forward = any(w in ref.phrase.lower() for w in ("within", "coming", "next", "soon", "tomorrow", "later"))
    if span and as_of and (span[0] > as_of or (forward and span[1] >= as_of)):
        lines.append("expected: true")
    return lines


def _slug(claim: Claim, taken: set[str]) -> str:
    words = [re.sub(r"['’]s$", "", w) for w in WORD.findall(claim.lead.clause.lower())]
    words = [w for w in words if w.isascii() and w not in ENGLISH_STOP_WORDS]
    base = "-".join(re.sub(r"[^a-z0-9]+", "-", w).strip("-") for w in words[:6]).strip("-")[:60].strip("-")
    base = base if re.match(r"^[a-z0-9]", base) else f"claim-{claim.units[0].sentence.anchor[2:10]}"
    fact_id, n = base, 2
    while fact_id in taken:
        fact_id, n = f"{base}-{n}", n + 1
    return fact_id


def validate(briefing: Briefing, drafts: dict[str, str]) -> list[Problem]:
    """The errors and warnings `briefing check` would report for these drafts in content/facts/."""
    from builder.checks.check import check_references, check_unfinished
    from builder.checks.dates import check_dates
    from builder.checks.links import check_links
    from builder.checks.quotes import check_numbers, check_quotes, check_status
    from builder.checks.trust import check_statements
    from builder.content.schemas import check_schema
    from builder.content.yamlstrict import parse

    problems, documents = [], []
    for fact_id, text in drafts.items():
        parsed, found = parse(text, f"content/facts/{fact_id}.yaml")
        document = Document(f"content/facts/{fact_id}.yaml", "fact", fact_id, text, parsed)
        found += check_schema(document) if parsed.data is not None else []
        problems += found
        documents += [] if found else [document]
    known = {kind: set(ids) for kind, ids in briefing.known.items()}
    known.setdefault("fact", set()).update(drafts)
    trial = Briefing(
        documents=documents, by_kind={"fact": {d.file_id: d for d in documents}}, sources=briefing.sources,
        briefing=briefing.briefing, known=known,
    )
    rules = (
        check_unfinished, check_references, check_links, check_quotes, check_status, check_numbers, check_statements,
        check_dates,
    )
    for rule in rules:
        problems += list(rule(trial))
    return [p for p in problems if p.severity in ("error", "warning")]


def format_suggestions(briefing: Briefing, result: Suggestions) -> str:
    """What `briefing suggest` prints: ranked evidence with ready YAML, then the drafts."""
    out = [f"New evidence for existing facts: {len(result.evidence)}"]
    for item in result.evidence:
        s, like = item.unit.sentence, item.like.sentence
        path = briefing.kind("fact")[item.fact].path
        out += [
            "",
            f"{item.fact} ({path}): {item.score:.2f} {s.source}#{s.anchor}, like {like.source}#{like.anchor}",
            f"  {_q(item.unit.clause)}",
        ]
        out += evidence_lines(briefing, item.unit, "    ")[0]
    out += ["", f"Draft facts for claims two or more sources state and no fact covers: {len(result.drafts)}"]
    for fact_id, text in result.drafts.items():
        out += ["", f"--- {SUGGESTIONS_DIR}/facts/{fact_id}.yaml", text.rstrip("\n")]
    for claim, problems in result.dropped:
        out += ["", f"(no draft for the claim of {', '.join(claim.sources)}: {problems[0].message})"]
    return "\n".join(out) + "\n"


def write_suggestions(root: Path, briefing: Briefing, result: Suggestions, report: str | None = None) -> list[str]:
    """The edge: replace build/suggestions/ with the report (``format_suggestions`` unless given) and
    one file per draft."""
    folder = root / SUGGESTIONS_DIR
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "facts").mkdir(parents=True)
    (folder / "suggestions.txt").write_text(report or format_suggestions(briefing, result), encoding="utf-8")
    for fact_id, text in result.drafts.items():
        (folder / "facts" / f"{fact_id}.yaml").write_text(text, encoding="utf-8")
    return [f"{SUGGESTIONS_DIR}/suggestions.txt"] + [f"{SUGGESTIONS_DIR}/facts/{i}.yaml" for i in result.drafts]
