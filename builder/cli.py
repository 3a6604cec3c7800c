"""The `briefing` command: parse arguments, call a stage, print problems, pick the exit code.

Exit codes: 0 clean, 1 content problems (or a failed build), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import __version__
from .problems import Problem, format_github, format_human, has_errors, summary


def _report(problems: list[Problem], fmt: str) -> None:
    formatter = format_github if fmt == "github" else format_human
    for problem in sorted(problems):
        print(formatter(problem), file=sys.stderr)
    if problems:
        print(summary(problems), file=sys.stderr)


def cmd_normalize(args: argparse.Namespace) -> int:
    from .sources import check_tree, normalize_tree

    root = Path(args.root)
    if args.check:
        problems = check_tree(root)
        _report(problems, args.format)
        if not problems:
            print("normalize --check: every source record matches its seed")
        return 1 if has_errors(problems) else 0
    written, problems = normalize_tree(root, today=dt.date.today())
    for path in written:
        print(f"wrote {path}")
    if not written:
        print("normalize: every source record is up to date")
    _report(problems, args.format)
    return 1 if has_errors(problems) else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .sources import check_tree

    problems = check_tree(Path(args.root))
    _report(problems, args.format)
    if has_errors(problems):
        print("build stopped: fix the problems above; nothing was written", file=sys.stderr)
        return 1
    print("build: every source record matches its seed")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build a sourced news briefing.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--root", default=os.environ.get("BRIEFING_ROOT", "."), help="the project folder (default: .)")
    parser.add_argument("--format", choices=("human", "github"), default="human", help="how problems are printed")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    normalize = commands.add_parser("normalize", help="turn seeds/ into content/sources/ records")
    normalize.add_argument("--check", action="store_true", help="change nothing; fail if a record is missing, stale or edited")
    normalize.set_defaults(func=cmd_normalize)
    build = commands.add_parser("build", help="check everything, then build the site")
    build.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `briefing` console script."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
