"""The command line: ``python -m builder.synth <folder> <n> [--seed S]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from builder.synth.project import generate


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

