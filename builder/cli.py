"""The `briefing` command: parse arguments, call a stage, print problems, pick the exit code.

Exit codes: 0 clean, 1 content problems (or a failed build), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from builder import __version__
from builder.core.problems import Problem, format_github, format_human, has_errors, summary
from builder.publish import pipeline


def _report(problems: list[Problem], fmt: str, *, notes: bool = True) -> None:
    """Print problems to stderr, then one summary line; ``notes=False`` only counts info notes."""
    formatter = format_github if fmt == "github" else format_human
    # Errors and warnings first, notes after; on GitHub notes would crowd out the annotations.
    shown = sorted(p for p in problems if p.severity != "info")
    shown += sorted(p for p in problems if p.severity == "info" and notes and fmt != "github")
    for problem in shown:
        print(formatter(problem), file=sys.stderr)
    if shown:
        print(summary(shown), file=sys.stderr)
    hidden = len(problems) - len(shown)
    if hidden:
        print(f"{hidden} info note{'s' if hidden != 1 else ''} about shared claims: `briefing check` lists them", file=sys.stderr)


def cmd_normalize(args: argparse.Namespace) -> int:
    from builder.sources.records import check_tree, normalize_tree

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


def cmd_check(args: argparse.Namespace) -> int:
    _, problems, failed = pipeline.run_checks(Path(args.root), strict=args.strict, need_briefing=False)
    _report(problems, args.format)
    notes = sum(p.severity == "info" for p in problems)
    if len(problems) == notes:
        print("check: no problems" + (f" ({notes} info notes)" if notes else ""))
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    built = pipeline.build(Path(args.root), strict=args.strict)
    if built.current:
        print("build: nothing changed since the last build; site/ is current")
        return 0
    _report(built.problems, args.format, notes=False)  # info notes are for `briefing check`
    if built.stopped == "checks":
        print("build stopped: fix the problems above; the previous site was kept", file=sys.stderr)
        return 1
    if built.stopped == "site":
        print("build stopped: the new site failed its checks; the previous site was kept", file=sys.stderr)
        return 1
    print(f"build: {built.pages} pages in site/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    root = Path(args.root)
    checked = pipeline.prepare_preview(root)
    _report(checked.problems, args.format)
    if checked.failed:
        return 1
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from builder.content.load import load, read_content
    from builder.content.scaffold import ScaffoldError, scaffold

    root = Path(args.root)
    try:
        rel, text = scaffold(args.kind, args.id, today=dt.date.today())
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    briefing, _ = load(read_content(root))
    taken = [d.path for d in briefing.documents if d.file_id == args.id and d.kind != "source-text"]
    path = root / rel
    if path.exists() or taken:
        print(f"error: {(taken or [rel])[0]} already uses the id '{args.id}'; nothing was written", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # never overwrite, even in a race
        handle.write(text)
    print(f"wrote {rel}: replace every TODO, then run `briefing check`")
    return 0


def cmd_ids(args: argparse.Namespace) -> int:
    from builder.content.ids import MANIFEST, updated_manifest
    from builder.content.load import load, read_content

    root = Path(args.root)
    briefing, problems = load(read_content(root))
    if has_errors(problems):
        _report(problems, args.format)
        return 1
    path = root / MANIFEST
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    new = updated_manifest(briefing, old)
    if not args.update:
        print(new, end="")
        return 0
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"wrote {MANIFEST}")
    else:
        print(f"{MANIFEST} is up to date")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from builder.claims.extract import extract, read_cache, write_cache
    from builder.claims.suggest import write_suggestions
    from builder.claims.triage import format_triage, triage
    from builder.content.load import load, read_content

    root = Path(args.root)
    briefing, problems = load(read_content(root))
    _report(problems, args.format)
    if has_errors(problems):
        return 1
    unknown = [s for s in args.sources if s not in briefing.sources]
    if unknown:
        print(f"error: no source '{unknown[0]}'", file=sys.stderr)
        return 2
    extraction = extract(briefing, read_cache(root))
    write_cache(root, extraction)
    result = triage(briefing, extraction, today=dt.date.today(), sources=args.sources)
    print(format_triage(briefing, result, full=args.all), end="")
    if args.write:
        report = format_triage(briefing, result, full=True)
        for path in write_suggestions(root, briefing, result.suggestions, report):
            print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description="Build a sourced news briefing.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument("--root", default=os.environ.get("BRIEFING_ROOT", "."), help="the project folder (default: .)")
    parser.add_argument("--format", choices=("human", "github"), default="human", help="how problems are printed")
    # --format may also follow the command (`briefing check --format github`).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--format", choices=("human", "github"), default=argparse.SUPPRESS, help="how problems are printed")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    normalize = commands.add_parser("normalize", parents=[common], help="turn seeds/ into content/sources/ records")
    normalize.add_argument("--check", action="store_true", help="change nothing; fail if a record is missing, stale or edited")
    normalize.set_defaults(func=cmd_normalize)
    check = commands.add_parser("check", parents=[common], help="check every record: schema, ids, links, quotes, dates")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(func=cmd_check)
    build = commands.add_parser("build", parents=[common], help="check everything, then build the site")
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.set_defaults(func=cmd_build)
    new = commands.add_parser("new", parents=[common], help="write a commented new fact, entity or dispute")
    new.add_argument("kind", choices=("fact", "entity", "dispute"))
    new.add_argument("id", help="the new record's id, also its file name")
    new.set_defaults(func=cmd_new)
    ids = commands.add_parser("ids", parents=[common], help="print (or --update) the manifest of published pages")
    ids.add_argument("--update", action="store_true", help="add every current record page to content/published-pages.txt")
    ids.set_defaults(func=cmd_ids)
    serve = commands.add_parser("serve", parents=[common], help="live preview that re-renders when content, templates or seeds change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)
    suggest = commands.add_parser(
        "suggest", parents=[common], help="triage new articles: evidence, conflicts and draft facts for each new source"
    )
    suggest.add_argument("sources", nargs="*", metavar="SOURCE",
                         help="the sources to triage (default: every source no fact or dispute quotes yet)")
    suggest.add_argument("--all", action="store_true",
                         help="everything: no line budget, evidence as YAML, the folded sentences and every draft")
    suggest.add_argument("--write", action="store_true",
                         help="also save the whole triage and the drafts under build/suggestions/ "
                              "(the build ignores it)")
    suggest.set_defaults(func=cmd_suggest)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `briefing` console script."""
    pipeline.tune_collection()
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
