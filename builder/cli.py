"""The `briefing` command: parse arguments, call a stage, print problems, pick the exit code.

Exit codes: 0 clean, 1 content problems (or a failed build), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import textwrap
from pathlib import Path

from builder import __version__
from builder.core.problems import Problem, format_github, format_human, has_errors, notes_count, summary
from builder.publish import pipeline


def report(problems: list[Problem], fmt: str, *, notes: bool = False, closing: bool = True) -> None:
    """Print problems to stderr: errors and warnings, then info notes only with ``notes`` (and
    always as GitHub notices); then, with ``closing``, one summary line that counts the notes
    it did not show."""
    formatter = format_github if fmt == "github" else format_human
    shown = sorted(p for p in problems if p.severity != "info")
    serious = len(shown)
    if notes or fmt == "github":
        shown += sorted(p for p in problems if p.severity == "info")
    for problem in shown:
        print(formatter(problem), file=sys.stderr)
    if closing and serious:
        print(summary(shown[:serious]) + notes_line(problems, shown), file=sys.stderr)
    elif closing and len(problems) > len(shown):
        print(notes_line(problems, shown)[2:], file=sys.stderr)


def notes_line(problems: list[Problem], shown: list[Problem]) -> str:
    """``; 44 info notes (40 claim-uncovered, 4 evidence-missing): …`` or "" with no notes."""
    counted = notes_count(problems)
    if not counted:
        return ""
    hidden = len(problems) > len(shown)
    one = sum(p.severity == "info" for p in problems) == 1
    return f"; {counted}" + (f": `briefing check --info` lists {'it' if one else 'them'}" if hidden else " above")


def cmd_normalize(args: argparse.Namespace) -> int:
    from builder.sources.records import check_tree, normalize_tree

    root = Path(args.root)
    if args.check:
        problems = check_tree(root)
        report(problems, args.format)
        if not problems:
            print("normalize --check: every source record matches its seed")
        return 1 if has_errors(problems) else 0
    written, problems = normalize_tree(root, today=dt.date.today())
    for path in written:
        print(f"wrote {path}")
    report(problems, args.format)
    refused = sorted({p.file for p in problems if p.severity == "error"})
    if refused:
        others = f"{len(written)} file{'s' if len(written) != 1 else ''} written" if written else "no record written"
        seeds = f"{len(refused)} seed{'s' if len(refused) != 1 else ''}"
        print(f"normalize: {seeds} not normalized (see the errors above); {others}")
    elif not written:
        print("normalize: every source record is up to date")
    return 1 if has_errors(problems) else 0


def cmd_check(args: argparse.Namespace) -> int:
    _, problems, failed = pipeline.run_checks(Path(args.root), strict=args.strict, need_briefing=False)
    clean = not any(p.severity != "info" for p in problems)
    report(problems, args.format, notes=args.info, closing=not clean)
    if clean:
        shown = problems if args.info or args.format == "github" else []
        print("check: no problems" + notes_line(problems, shown))
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    built = pipeline.build(Path(args.root), strict=args.strict)
    if built.current:
        print("build: nothing changed since the last build; site/ is current")
        return 0
    report(built.problems, args.format)  # info notes are counted, and listed by `briefing check --info`
    if built.stopped == "checks":
        print("build stopped: fix the problems above; the previous site was kept", file=sys.stderr)
        return 1
    if built.stopped == "site":
        print("build stopped: the new site failed its checks; the previous site was kept", file=sys.stderr)
        return 1
    print(f"build: {built.pages} pages in site/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from builder.publish.preview import serve

    return serve(Path(args.root), args.dev_addr, say=lambda line: print(line, flush=True), poll=args.poll)


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
    from builder.content.ids import compare, published_pages

    checked = pipeline.run_checks(Path(args.root), notes=False)
    if checked.failed:
        report(checked.problems, args.format)
        return 1
    comparison = compare(checked.briefing)
    if comparison is None:
        print("ids: no git history here to tell which pages are published; check compares nothing")
        return 0
    published = published_pages(checked.briefing.published)
    print(f"published: {len(published)} pages at {comparison.base}")
    for url in comparison.added:
        print(f"new in this change: {url}")
    for url, target in sorted(comparison.redirected.items()):
        print(f"redirected: {url} -> {target}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from builder.claims.extract import extract, read_cache, write_cache
    from builder.claims.suggest import write_suggestions
    from builder.claims.triage import triage
    from builder.claims.triage_report import format_triage
    from builder.content.load import load, read_content

    root = Path(args.root)
    briefing, problems = load(read_content(root))
    report(problems, args.format)
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
        whole = format_triage(briefing, result, full=True)
        for path in write_suggestions(root, briefing, result.suggestions, whole):
            print(f"wrote {path}")
    return 0


EXIT_CODES = """\
exit status:
  0  nothing to fix (info notes never count; warnings count only with --strict)
  1  content problems, or a build that stopped (the previous site is kept)
  2  a usage error: an unknown command or option, a missing argument"""

# name: (one-line help, description, examples)
COMMANDS = {
    "normalize": (
        "turn seeds/ into content/sources/ records",
        "Normalize every article in seeds/ into its generated source record (sentences, anchors, flags) and, "
        "once, a metadata file for the editor. Unchanged seeds are not rewritten. With --check nothing is "
        "written: it fails if a record is missing, stale, orphaned or edited by hand.",
        ["briefing normalize", "briefing normalize --check --format github"],
    ),
    "check": (
        "check every record: schema, ids, links, quotes, dates, published pages",
        "Check the whole briefing and print every problem as file:line:col with what to do, then one "
        "closing line. Info notes (claims several sources share that no fact covers, evidence a fact "
        "could cite) never fail the check: they are counted in that line and listed with --info.",
        ["briefing check", "briefing check --info", "briefing check --strict --format github"],
    ),
    "build": (
        "check everything, then build the site into site/",
        "Run normalize --check and check, render every page, build the site with MkDocs and check its "
        "links; only then is site/ replaced. Any failure leaves the previous site as it was.",
        ["briefing build", "briefing build --strict"],
    ),
    "serve": (
        "live preview that re-checks and re-renders on every save",
        "Serve the site for preview and rebuild it whenever a file in content/, templates/ or seeds/ "
        "changes, with one line per rebuild: what changed and how long it took. While the briefing "
        "has errors every page shows them (file, line, message); the next good save brings the site back.",
        ["briefing serve", "briefing serve --dev-addr 127.0.0.1:8123", "make serve PORT=8123",
         "briefing serve --poll"],
    ),
    "new": (
        "write a commented new fact, entity or dispute",
        "Write a commented, schema-valid file for a new record; every value still to write starts with "
        "TODO, which check reports until it is gone. Never overwrites a file, and refuses an id in use.",
        ["briefing new fact huawei-chip-orders", "briefing new entity cambricon"],
    ),
    "ids": (
        "list the pages already published and what this change removes",
        "Print the record pages the published briefing (the merge base with the main branch, or "
        "BRIEFING_BASE) makes, marking those this working tree no longer makes and whether a "
        "redirect covers each. Nothing to update by hand: check compares the two by itself.",
        ["briefing ids", "BRIEFING_BASE=origin/main briefing ids"],
    ),
    "suggest": (
        "triage new articles: evidence, conflicts and draft facts for each new source",
        "For each new source (by default every source no fact or dispute quotes yet), what the editor "
        "should do: new evidence for an existing fact, a conflict with a fact (both quotes shown), a new "
        "claim two or more sources share (a draft fact that passes check as written); single-source, "
        "background and chrome sentences are only counted. About 20 lines per source; --all shows "
        "everything, --write also saves it under build/suggestions/, which the build ignores. "
        "Suggestions, not facts: read every quote before you use it.",
        ["briefing suggest", "briefing suggest s005-reuters-followup", "briefing suggest --all --write"],
    ),
}


def _help(name: str) -> dict:
    summary_line, description, examples = COMMANDS[name]
    epilog = "examples:\n" + "".join(f"  {example}\n" for example in examples) + "\n" + EXIT_CODES
    return {"help": summary_line, "description": textwrap.fill(description, 88), "epilog": epilog,
            "formatter_class": argparse.RawDescriptionHelpFormatter}


def build_parser() -> argparse.ArgumentParser:
    # --root and --format go before or after the command: both parsers know them, and the
    # command's copy has no default, so it overrides the main one only when given.
    # (Two sets of arguments: a parent's actions are shared objects, and set_defaults on one
    # parser would change the other's.)
    def options(target: argparse.ArgumentParser, **default) -> argparse.ArgumentParser:
        target.add_argument("--root", default=default.get("root", argparse.SUPPRESS),
                            help="the project folder (default: $BRIEFING_ROOT or .)")
        target.add_argument("--format", choices=("human", "github"), default=default.get("format", argparse.SUPPRESS),
                            help="how problems are printed: human (default) or github (workflow annotations)")
        return target

    common = options(argparse.ArgumentParser(add_help=False))
    parser = argparse.ArgumentParser(
        prog="briefing", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a sourced news briefing: seeds/ to checked records in content/ to a site.",
        epilog="examples:\n  briefing check\n  briefing build --strict\n  briefing serve --dev-addr 127.0.0.1:8123\n"
        "  briefing check --help\n\n" + EXIT_CODES,
    )
    options(parser, root=os.environ.get("BRIEFING_ROOT", "."), format="human")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    normalize = commands.add_parser("normalize", parents=[common], **_help("normalize"))
    normalize.add_argument(
        "--check", action="store_true", help="change nothing; fail if a record is missing, stale or edited"
    )
    normalize.set_defaults(func=cmd_normalize)
    check = commands.add_parser("check", parents=[common], **_help("check"))
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--info", action="store_true", help="list the info notes too (they are always counted)")
    check.set_defaults(func=cmd_check)
    build = commands.add_parser("build", parents=[common], **_help("build"))
    build.add_argument("--strict", action="store_true", help="fail on warnings too")
    build.set_defaults(func=cmd_build)
    new = commands.add_parser("new", parents=[common], **_help("new"))
    new.add_argument("kind", choices=("fact", "entity", "dispute"))
    new.add_argument("id", help="the new record's id, also its file name")
    new.set_defaults(func=cmd_new)
    ids = commands.add_parser("ids", parents=[common], **_help("ids"))
    ids.set_defaults(func=cmd_ids)
    serve = commands.add_parser("serve", parents=[common], **_help("serve"))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT",
                       help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--poll", action="store_true",
                       help="look for saves twice a second instead of being told of them by the system: "
                       "for a project on a network share or a container mount, where saves go unseen")
    serve.set_defaults(func=cmd_serve)
    suggest = commands.add_parser("suggest", parents=[common], **_help("suggest"))
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
