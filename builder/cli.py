"""The `briefing` command: parse arguments, call a stage, print problems, pick the exit code.

Exit codes: 0 clean, 1 content problems (or a failed build), 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .problems import Problem, format_github, format_human, has_errors, summary


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


def run_checks(root: Path, *, strict: bool = False, need_briefing: bool = True, notes: bool = True):
    """normalize --check, then load and check; returns (briefing or None, problems, failed).

    The problems of load and check are a pure function of the content files, the builder's
    code and its libraries, so they are kept under build/cache/check/ by a hash of all of
    them: an unchanged briefing is not checked twice. ``need_briefing=False`` (the check
    command) then skips loading it too. ``notes=False`` (the build, which never shows info
    notes) skips the shared-claim notes, kept apart under build/cache/claims/.
    """
    from .cache import CACHE_DIR, cached_problems, code_key, content_key
    from .load import read_content
    from .sources import check_tree

    problems = check_tree(root)
    texts = read_content(root)
    key = content_key([code_key(), *(f"{path}\n{text}" for path, text in sorted(texts.items()))])
    briefing = None
    clean = None  # the records that passed their schema: what the claim notes read

    def load_and_check():
        nonlocal briefing, clean
        from .check import check
        from .load import load

        def keep(passed):
            nonlocal clean
            clean = passed
            return []

        briefing, found = load(texts)
        return found + check(briefing, notes=keep)

    problems += cached_problems(root / CACHE_DIR / "check", key, load_and_check)
    if briefing is None and need_briefing:
        from .load import load

        briefing = load(texts)[0]
    if notes:

        def schema_clean():
            nonlocal briefing
            from .check import schema_clean
            from .load import load

            if clean is not None:
                return clean
            if briefing is None:
                briefing = load(texts)[0]
            return schema_clean(briefing)

        problems += cached_claim_notes(root, key, schema_clean)
    failed = has_errors(problems) or (strict and any(p.severity == "warning" for p in problems))
    return briefing, sorted(set(problems)), failed


def cached_claim_notes(root: Path, key: str, briefing: Callable) -> list[Problem]:
    """The shared-claim notes, kept under build/cache/claims/ by ``key`` (the check's: every
    content file, the builder's code, its libraries). ``briefing()`` gives the records that
    passed their schema; it, like the notes' imports, is needed only on a miss.
    """
    from .cache import CACHE_DIR, cached_problems

    def compute() -> list[Problem]:
        from .check import check_claims
        from .extract import extract, read_cache, write_cache

        clean = briefing()
        extraction = extract(clean, read_cache(root))  # sources whose text is unchanged are not extracted again
        write_cache(root, extraction)
        return check_claims(clean, extraction)

    return cached_problems(root / CACHE_DIR / "claims", key, compute)


def cmd_check(args: argparse.Namespace) -> int:
    _, problems, failed = run_checks(Path(args.root), strict=args.strict, need_briefing=False)
    _report(problems, args.format)
    notes = sum(p.severity == "info" for p in problems)
    if len(problems) == notes:
        print("check: no problems" + (f" ({notes} info notes)" if notes else ""))
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    from .cache import CACHE_DIR
    from .site import build_key, publish

    root = Path(args.root)
    key, stamp = build_key(root) + (":strict" if args.strict else ""), root / CACHE_DIR / "site.key"
    if (root / "site").is_dir() and stamp.is_file() and stamp.read_text() == key:
        print("build: nothing changed since the last build; site/ is current")
        return 0
    briefing, problems, failed = run_checks(root, strict=args.strict, notes=False)  # info notes are for `briefing check`
    _report(problems, args.format, notes=False)
    if failed:
        print("build stopped: fix the problems above; the previous site was kept", file=sys.stderr)
        return 1
    problems = publish(root, briefing)
    if problems:
        _report(problems, args.format)
        print("build stopped: the new site failed its checks; the previous site was kept", file=sys.stderr)
        return 1
    pages = sum(1 for _ in (root / "site").rglob("*.html"))
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key)
    print(f"build: {pages} pages in site/")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    from .site import write_docs

    root = Path(args.root)
    briefing, problems, failed = run_checks(root)
    _report(problems, args.format)
    if failed:
        return 1
    write_docs(root, briefing)
    serve(config_file=str(root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .load import load, read_content
    from .scaffold import ScaffoldError, scaffold

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
    from .ids import MANIFEST, updated_manifest
    from .load import load, read_content

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
    from .extract import extract, read_cache, write_cache
    from .load import load, read_content
    from .suggest import format_suggestions, suggest, write_suggestions

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
    result = suggest(briefing, extraction, today=dt.date.today(), sources=args.sources)
    print(format_suggestions(briefing, result), end="")
    if args.write:
        for path in write_suggestions(root, briefing, result):
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
    suggest = commands.add_parser("suggest", parents=[common], help="print new evidence and draft facts for claims the sources share")
    suggest.add_argument("sources", nargs="*", metavar="SOURCE", help="only suggestions that involve these source ids")
    suggest.add_argument("--write", action="store_true", help="also save them under build/suggestions/, which the build ignores")
    suggest.set_defaults(func=cmd_suggest)
    return parser


def tune_collection() -> None:
    """Fewer young-generation garbage collections for this process.

    A build holds millions of long-lived objects (records, positions, pages); with CPython's
    default thresholds each older collection re-scans all of them, a cost that grows faster
    than the briefing (load of 5,000 synthetic sources: 21 s -> 15 s). Cycles are still
    collected, only less often.
    """
    gc.set_threshold(100_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `briefing` console script."""
    tune_collection()
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
