"""Precision and recall of `briefing suggest`'s triage on the labelled update articles.

The project's briefing is copied to a temporary folder with eval/updates/*.txt added as new
seeds, normalized, and triaged (``builder.claims.triage``) as `briefing suggest` would, and
what the DEFAULT output shows (within its line budget) is scored against eval/updates.yaml.

- A proposal is a sentence shown under evidence, conflict or shared. It is right when the
  sentence carries a label of that group and: for evidence and conflict, the fact shown is
  one the label names; for shared, the draft's claim also holds, from another article, a
  sentence labelled with the same claim.
- Item recall: labelled sentences (chrome aside) shown with a right proposal.
- Shared-claim recall: the claims two or more of the twenty state (each label's first fact
  for evidence and conflicts, its claim for shared), each recovered when a right proposal
  shows it for two or more of its articles.
- Chrome shown: labelled furniture listed anywhere, even in --all's folded lists (target 0).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

from builder.claims.extract import extract
from builder.claims.triage import triage
from builder.claims.triage_report import BUDGET, format_triage, visible_items
from builder.content.load import load, read_content
from builder.sources.records import normalize_tree, source_id_for

ACT = ("evidence", "conflict", "shared")


def _list(value) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def prepare(root: Path, folder: Path) -> list[str]:
    """The briefing with the update articles as new seeds, normalized in ``folder``; their source ids."""
    shutil.copytree(root / "seeds", folder / "seeds")
    shutil.copytree(root / "content", folder / "content")
    ids = []
    for seed in sorted((root / "eval" / "updates").glob("*.txt")):
        shutil.copy2(seed, folder / "seeds" / seed.name)
        ids.append(source_id_for(seed.name))
    normalize_tree(folder, today=dt.date(2026, 5, 14))
    return ids


def gold_sentences(briefing, labels: dict) -> dict[tuple[str, int], list[dict]]:
    """Each labelled sentence as (source, sentence index) with its labels; a bad label is an error."""
    found: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for source_id, items in labels["articles"].items():
        sentences = briefing.sources[source_id].sentences
        for label in items:
            hits = [n for n, s in enumerate(sentences) if label["text"] in s["text"]]
            if len(hits) != 1:
                raise SystemExit(f"eval/updates.yaml: {source_id}: {label['text']!r} is in {len(hits)} sentences, "
                                 "not one: make it a piece of one sentence only")
            found[(source_id, hits[0])].append(label)
    return found


def right(item, labels: list[dict], gold, source_id: str) -> dict | None:
    """The label a proposal satisfies, or None."""
    for label in labels:
        if item.group not in _list(label["group"]):
            continue
        if item.group in ("evidence", "conflict") and item.fact in _list(label.get("fact")):
            return label
        if item.group == "shared":
            claims = set(_list(label.get("claim")))
            for other in item.claim.units:
                key = (other.sentence.source, other.sentence.index)
                if other.sentence.source != source_id and any(
                    claims & set(_list(g.get("claim"))) for g in gold.get(key, ()) if "shared" in _list(g["group"])
                ):
                    return label
    return None


def claim_key(label: dict, group: str) -> str:
    return f"{group}:{_list(label.get('claim'))[0] if group == 'shared' else _list(label.get('fact'))[0]}"


def evaluate(root: Path) -> dict:
    labels = yaml.safe_load((root / "eval" / "updates.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        ids = prepare(root, Path(tmp))
        briefing, _ = load(read_content(Path(tmp)))
        result = triage(briefing, extract(briefing), today=dt.date(2026, 5, 14), sources=ids)
        text = format_triage(briefing, result)
        everything = format_triage(briefing, result, full=True)
    gold = gold_sentences(briefing, labels)
    proposals = good = 0
    wrong: list[str] = []
    satisfied: set[tuple[str, int, int]] = set()  # (source, sentence, label number)
    for entry in result.sources:
        for item in visible_items(briefing, entry, BUDGET):
            if item.group not in ACT:
                continue
            key = (entry.source, item.unit.sentence.index)
            label = right(item, gold.get(key, []), gold, entry.source)
            proposals += 1
            good += label is not None
            if label is None:
                wrong.append(f"{entry.source}#{item.unit.sentence.anchor} {item.group} {item.fact or item.draft}")
            if label is not None:
                satisfied.add((*key, id(label)))
    wanted = [(key, label) for key, ls in gold.items() for label in ls if label["group"] != "chrome"]
    hit = [(key, label) for key, label in wanted if (*key, id(label)) in satisfied]
    articles: dict[str, set[str]] = defaultdict(set)
    recovered: dict[str, set[str]] = defaultdict(set)
    for (source_id, _), label in wanted:
        groups = _list(label["group"])
        articles[claim_key(label, groups[0])].add(source_id)
    for (source_id, _), label in hit:
        articles_key = claim_key(label, _list(label["group"])[0])
        recovered[articles_key].add(source_id)
    shared = sorted(k for k, v in articles.items() if len(v) >= 2)
    got = [k for k in shared if len(recovered[k]) >= 2]
    new = [k for k in shared if k.startswith("shared:")]
    chrome = [(key, label) for key, ls in gold.items() for label in ls if label["group"] == "chrome"]
    listed = {(e.source, i.unit.sentence.index) for e in result.sources for i in e.items}
    return {
        "articles": len(ids),
        "lines": len(text.splitlines()),
        "widest": max(len(block.splitlines()) for block in text.split("\n\n")[:-1]),
        "lines_all": len(everything.splitlines()),
        "proposals": proposals,
        "precision": good / proposals if proposals else 0.0,
        "item_recall": len(hit) / len(wanted) if wanted else 0.0,
        "labels": len(wanted),
        "shared": len(shared),
        "shared_recall": len(got) / len(shared) if shared else 0.0,
        "new_shared": len(new),
        "new_shared_recall": sum(k in got for k in new) / len(new) if new else 0.0,
        "missed": [k for k in shared if k not in got],
        "missed_items": [f"{s}#{briefing.sources[s].sentences[n]['anchor']} {label['group']}"
                         for (s, n), label in wanted if (s, n, id(label)) not in satisfied],
        "wrong": wrong,
        "chrome_shown": sum(key in listed for key, _ in chrome),
        "chrome": len(chrome),
    }


def report(root: Path, verbose: bool = False) -> None:
    r = evaluate(root)
    print(f"\nTriage of {r['articles']} update articles (eval/updates/, labels eval/updates.yaml), default output:\n")
    print("| measure | value |")
    print("| --- | ---: |")
    print(f"| proposals shown (evidence, conflict, shared) | {r['proposals']} |")
    print(f"| precision of the proposals | {r['precision']:.2f} |")
    print(f"| recall of the {r['labels']} labelled sentences | {r['item_recall']:.2f} |")
    print(f"| recall of the {r['shared']} claims two or more articles state | {r['shared_recall']:.2f} |")
    print(f"| of which the {r['new_shared']} new claims no fact covers | {r['new_shared_recall']:.2f} |")
    print(f"| lines of default output (budget {BUDGET} a source) | {r['lines']} |")
    print(f"| lines with --all | {r['lines_all']} |")
    print(f"| labelled chrome sentences listed anywhere | {r['chrome_shown']} of {r['chrome']} |")
    print(f"\nshared claims not recovered: {', '.join(r['missed']) or 'none'}")
    if verbose:
        print("labelled sentences missed: " + "; ".join(r["missed_items"]))
        print("proposals no label supports: " + "; ".join(r["wrong"]))
