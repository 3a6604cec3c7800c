"""`make eval`: precision and recall of shared-claim detection on the hand-labelled seeds.

Gold: eval/claims.yaml (claims two or more sources state, each with its sentences as
source#anchor). Predicted: builder.claims.claims.shared_claims on the project's own records.

Claim level (the headline). A predicted cluster *matches* a gold claim when the cluster's
sentences labelled with that claim come from two or more sources AND make up at least half
of the cluster (strict), or just come from two or more sources (lenient). Precision is the
share of predicted clusters that match some claim; recall the share of gold claims matched
by some cluster. Pair level: every cross-source pair of sentences put in one cluster,
against every cross-source pair of sentences that share a gold claim.

Usage: python eval/evaluate.py [--root .] [--sweep]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from pathlib import Path

import triage_eval
import yaml
from rapidfuzz import fuzz

from builder.claims import claims as S
from builder.claims.extract import extract
from builder.claims.worth import claim_worth_a_fact
from builder.content.load import load, read_content


def gold_labels(path: Path) -> tuple[dict[str, set], dict[tuple, set]]:
    claims = yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]
    members = {cid: {tuple(ref.split("#")) for ref in c["sentences"]} for cid, c in claims.items()}
    labels: dict[tuple, set] = defaultdict(set)
    for cid, refs in members.items():
        for ref in refs:
            labels[ref].add(cid)
    return members, labels


def claim_scores(
    clusters: list[list[tuple]], gold: dict[str, set], labels, strict: bool
) -> tuple[float, float, int, list[str]]:
    matched, good = set(), 0
    for sentences in clusters:
        hit = False
        for cid in gold:
            inside = [s for s in sentences if cid in labels.get(s, ())]
            if len({s[0] for s in inside}) >= 2 and (not strict or 2 * len(inside) >= len(sentences)):
                matched.add(cid)
                hit = True
        good += hit
    precision = good / len(clusters) if clusters else 0.0
    return precision, len(matched) / len(gold), len(clusters), sorted(set(gold) - matched)


def pair_scores(clusters: list[list[tuple]], labels) -> tuple[float, float]:
    predicted = {tuple(sorted(p)) for c in clusters for p in itertools.combinations(set(c), 2) if p[0][0] != p[1][0]}
    refs = sorted(labels)
    gold = {(a, b) for a, b in itertools.combinations(refs, 2) if a[0] != b[0] and labels[a] & labels[b]}
    hits = len(predicted & gold)
    return (hits / len(predicted) if predicted else 0.0), (hits / len(gold) if gold else 0.0)


def run(index, score, threshold, keep=None) -> list[list[tuple]]:
    claims = [c for c in S.shared_claims(index, score=score, threshold=threshold) if keep is None or keep(c)]
    return [[(u.sentence.source, u.sentence.anchor) for u in c.units] for c in claims]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".")
    parser.add_argument("--verbose", action="store_true",
                        help="also list the labelled update sentences the triage missed, and its wrong proposals")
    parser.add_argument(
        "--sweep", action="store_true", help="also print the TF-IDF threshold sweep (to read, not to tune)"
    )
    args = parser.parse_args(argv)
    root = Path(args.root)
    gold, labels = gold_labels(root / "eval" / "claims.yaml")
    briefing, _ = load(read_content(root))
    extraction = extract(briefing)
    eligible = {(s.source, s.anchor) for s in extraction.claims()}
    stray = sorted(ref for ref in labels if ref not in eligible)
    if stray:
        print(f"labelled sentences the extractor skips or does not know: {stray}", file=sys.stderr)
    index = S.build_index(extraction)
    fuzzy = lambda i, j: fuzz.token_set_ratio(" ".join(index.terms[i]), " ".join(index.terms[j])) / 100  # noqa: E731
    rows = [
        (f"TF-IDF cosine >= {S.SIMILAR} (builder.claims.claims), all clusters", None, S.SIMILAR, None),
        ("the same, only claims worth a fact: what claim notes are raised for", None, S.SIMILAR, claim_worth_a_fact),
        ("rapidfuzz token_set_ratio >= 0.60 (baseline, its best on this set)", fuzzy, 0.60, None),
    ]
    if args.sweep:
        rows += [(f"TF-IDF cosine >= {t:.2f} (sweep)", None, t, None) for t in (0.15, 0.20, 0.30, 0.35)]
    print(
        f"{len(gold)} gold claims stated by two or more sources; {sum(len(v) for v in gold.values())} labels on "
        f"{len(labels)} sentences; {len(index.units)} clauses from {len(eligible)} eligible sentences\n"
    )
    print("| method | clusters | strict P | strict R | lenient P | lenient R | pair P | pair R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    missed = []
    for name, score, threshold, keep in rows:
        clusters = run(index, score, threshold, keep)
        sp, sr, n, miss = claim_scores(clusters, gold, labels, strict=True)
        lp, lr, _, _ = claim_scores(clusters, gold, labels, strict=False)
        pp, pr = pair_scores(clusters, labels)
        print(f"| {name} | {n} | {sp:.2f} | {sr:.2f} | {lp:.2f} | {lr:.2f} | {pp:.2f} | {pr:.2f} |")
        missed.append((name, miss))
    for name, miss in missed[:2]:
        print(f"\nmissed by {name}: {', '.join(miss) or 'none'}")
    triage_eval.report(root, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
