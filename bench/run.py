"""Build benchmark: every stage of `briefing build` at growing synthetic sizes.

    python bench/run.py                 # N = 100, 1000, 5000 (3 runs below 5000, 1 run at 5000)
    python bench/run.py 20 50           # a quick run; or BENCH_SIZES=20,50 python bench/run.py
    python bench/run.py --mkdocs-max 1000 100 1000 5000   # skip MkDocs (and the link check) above 1000
    make bench                          # the same, through the Makefile (BENCH_SIZES, BENCH_ARGS)

For each size N, ``builder.synth.generate`` writes one synthetic project into a temporary
folder (not timed). Each run copies it, deletes the generated source records, and runs the
stages in order, each in a fresh subprocess (``python bench/run.py --worker STAGE DIR``):

  normalize      builder.sources.records.normalize_tree: seeds -> content/sources records
  normalize-check builder.sources.records.check_tree: what `briefing build`/`check` run first
  load           builder.content.load.read_content + load
  check          builder.checks.check.check, cold, as `briefing build` runs it: without the
                 shared-claim notes, which only `briefing check` shows (separately, for the
                 record: builder.claims.claims.claim_problems alone and builder.checks.quotes.check_quotes
                 alone, CPU, on the briefing loaded afresh, as the check keeps what it found with each
                 record: once after check and once with its hedge and name memos emptied)
  extract        builder.claims.extract.extract, uncached (informational: the claim notes of
                 `briefing check` run it, the build does not; not added to the sums)
  analyze        builder.web.analysis.analyze (the "extract" stage for now)
  render         builder.publish.site.write_docs: render to Markdown + write build/docs
                 (analyze is precomputed and reused, so it is not counted twice)
  render-edit    one fact's statement edited, then write_docs again with the page cache the
                 render stage left: the pages re-rendered and reused (not added to the sums;
                 a one-fact edit in a real build also re-runs check, MkDocs and the link check)
  mkdocs         builder.publish.site.run_mkdocs into a staging folder
  search         builder.publish.search.index_site: Pagefind indexes that folder (its process's
                 peak is the "largest worker" figure)
  linkcheck      builder.publish.linkcheck.check_site over that folder

Prerequisites of a stage (loading the briefing before `check`, and so on) run in the same
subprocess before the clock starts. Time: wall (time.perf_counter) and CPU
(time.process_time) of the stage call alone. Memory: peak resident set size of the
subprocess while the stage ran, read as VmHWM from /proc/self/status after resetting it with
``echo 5 > /proc/self/clear_refs`` just before the stage (Linux); where that reset is not
available, ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (peak of the whole subprocess,
prerequisites included). Both are in MiB and include the interpreter and the prerequisites'
data, so "RSS before" is reported too. For a stage that forks workers, the largest worker's
peak too (``ru_maxrss`` of RUSAGE_CHILDREN). No tracemalloc: it slows Python code several-fold.

Medians of 3 runs for N < 5000 (``--runs``), one run at N >= 5000 (``--big-runs``).
The table and the targets go to stdout and to bench/results.md (``--out``). Temporary
folders are deleted unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # bench/reader.py
from reader import QUERIES  # noqa: E402
from scratch import cold_copy, discard, empty, settle  # noqa: E402
STAGES = (
    "normalize", "normalize-check", "load", "check", "extract", "analyze", "render", "render-edit", "mkdocs", "search",
    "linkcheck",
)
OURS = ("normalize", "load", "check", "analyze", "render", "search", "linkcheck")  # "our stages", Pagefind counted
BUILD = ("normalize-check", "load", "check", "analyze", "render", "mkdocs", "search", "linkcheck")  # `briefing build`
MKDOCS_STAGES = ("mkdocs", "search", "linkcheck")  # need the staged site
SEARCH_TARGET, SEARCH_AT = 500 * 1000, 5000  # bytes a reader's search may transfer per query at 5,000 sources
MEMORY_TARGET, MEMORY_AT = 2 * 1024, 5000  # MiB the whole build may hold at once (summed PSS) at 5,000 sources
FLOOR_AT = 5000  # the size the time floors are set at
OURS_CPU_TARGET = 130  # CPU seconds our stages (all but MkDocs) may take at 5,000 sources
BUILD_WALL_TARGET = 210  # wall seconds `briefing build --strict` may take at 5,000 sources
GROWTH_PAIR, GROWTH_TARGET = (1000, 5000), 4.5  # the whole build's growth for 5× the content
PREVIEW_TARGET, PREVIEW_AT = 2.0, 1000  # seconds from a one-fact edit to the preview showing it
PREVIEW_EDITS = 3  # one-fact edits timed per size (bench/preview.py), up to PREVIEW_AT
STAGING = ".site-staging-bench"
EDIT_PAGES = 25  # pages a one-fact edit may re-render, whatever the briefing's size
DEFAULT_SIZES = (100, 1000, 5000)
BIG = 5000  # sizes from here on get --big-runs runs


# -- the worker: one stage in this process ---------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kib("VmHWM") is not None
    except OSError:
        return False


def _measure(call):
    """Run ``call()``: (result, wall s, cpu s, rss before MiB, peak MiB, worker peak MiB, method).

    CPU includes worker processes the stage started and waited for (RUSAGE_CHILDREN). The
    worker peak is the peak RSS of the largest such worker (``ru_maxrss`` of the children;
    pages a forked worker shares with this process count in both), or None if it started none.
    """
    exact = _reset_peak()
    before = (_status_kib("VmRSS") or 0) / 1024
    children = lambda: (lambda u: u.ru_utime + u.ru_stime)(resource.getrusage(resource.RUSAGE_CHILDREN))  # noqa: E731
    wall0, cpu0, kids0 = time.perf_counter(), time.process_time(), children()
    result = call()
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0 + children() - kids0
    if exact:
        peak, method = _status_kib("VmHWM") / 1024, "VmHWM"
    else:
        peak, method = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "ru_maxrss"
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if children() > kids0 else None
    return result, wall, cpu, before, peak, worker_peak, method


def _loaded(root: Path):
    from builder.content.load import load, read_content

    briefing, problems = load(read_content(root))
    return briefing


def edit_one_fact(root: Path) -> str:
    """Append words to the statement of the middle fact file (by name), or of the first after it
    whose statement is single-quoted and ends in a full stop; its id."""
    import re

    facts = sorted((root / "content/facts").glob("*.yaml"))
    for path in facts[len(facts) // 2:]:
        text = path.read_text(encoding="utf-8")
        text, count = re.subn(r"(?m)^(statement: '.*)\.'$", r"\1, as edited for the benchmark.'", text, count=1)
        if count == 1:
            path.write_text(text, encoding="utf-8")
            return path.stem
    raise SystemExit("render-edit: no single-quoted statement ending in a full stop in the second half of the facts")


def worker(stage: str, root: Path) -> dict:
    """Run one stage on the project in ``root`` and return its measurements."""
    import datetime as dt

    from builder.publish.pipeline import tune_collection

    tune_collection()  # as `briefing` does

    extra: dict = {}
    if stage == "normalize":
        from builder.sources.records import normalize_tree

        (written, problems), *m = _measure(lambda: normalize_tree(root, today=dt.date(2026, 4, 30)))
        extra = {"written": len(written), "problems": len(problems)}
    elif stage == "normalize-check":
        from builder.sources.records import check_tree

        problems, *m = _measure(lambda: check_tree(root))
        extra = {"problems": len(problems)}
    elif stage == "load":
        from builder.content.load import load, read_content

        (briefing, problems), *m = _measure(lambda: load(read_content(root)))
        extra = {"documents": len(briefing.documents), "problems": len(problems)}
    elif stage == "check":
        from builder.checks.check import check
        from builder.checks.quotes import check_quotes
        from builder.content.evidence import iter_evidence

        briefing = _loaded(root)
        problems, *m = _measure(lambda: check(briefing, notes=lambda clean: []))  # as the build runs it
        extra = {"problems": len(problems), "problem_codes": sorted({p.code for p in problems})[:10]}
        quotes = sum(1 for _ in iter_evidence(briefing))
        # A briefing loaded afresh (not timed): the check kept what it found with each document,
        # and where each quote stands; the rule must locate and judge every quote again.
        briefing = _loaded(root)
        wall0, cpu0 = time.perf_counter(), time.process_time()
        found = list(check_quotes(briefing))
        extra.update(
            quotes=quotes,
            quotes_cpu=time.process_time() - cpu0,
            quotes_wall=time.perf_counter() - wall0,
            quote_problems=len(found),
        )
        # Once more with the text memos (hedges, patterns) empty, as a first check would run.
        from builder.checks.quotes import clear_memos

        clear_memos()
        briefing = _loaded(root)
        cpu0 = time.process_time()
        list(check_quotes(briefing))
        extra["quotes_cold_cpu"] = time.process_time() - cpu0
        from builder.claims.claims import claim_problems

        wall0, cpu0 = time.perf_counter(), time.process_time()
        notes = claim_problems(briefing)
        extra.update(
            claims_cpu=time.process_time() - cpu0,
            claims_wall=time.perf_counter() - wall0,
            claim_notes=len(notes),
        )
        extra["info_notes"] = sum(1 for p in problems if p.severity == "info") + extra.get("claim_notes", 0)
        extra["problems"] = sum(1 for p in problems if p.severity != "info")
    elif stage == "extract":
        try:
            from builder.claims.extract import extract
        except ImportError:
            return {"skipped": "no builder.claims.extract"}
        briefing = _loaded(root)
        extraction, *m = _measure(lambda: extract(briefing))
        extra = {"sentences": len(extraction.sentences)}
    elif stage == "analyze":
        from builder.web.analysis import analyze

        briefing = _loaded(root)
        analysis, *m = _measure(lambda: analyze(briefing))
    elif stage == "render":
        import builder.web.jobs
        from builder.web.analysis import analyze
        from builder.publish.site import DOCS, write_docs

        briefing = _loaded(root)
        analysis = analyze(briefing)
        builder.web.jobs.analyze = lambda b: analysis  # write_docs renders without an analysis: reuse this one
        written, *m = _measure(lambda: write_docs(root, briefing))
        docs = root / DOCS
        extra = {
            "pages_md": sum(1 for _ in docs.rglob("*.md")),
            "docs_bytes": sum(p.stat().st_size for p in docs.rglob("*") if p.is_file()),
        }
    elif stage == "render-edit":
        import builder.web.jobs
        import builder.publish.site
        from builder.web.analysis import analyze

        edited = edit_one_fact(root)
        briefing = _loaded(root)
        analysis = analyze(briefing)
        builder.web.jobs.analyze = lambda b: analysis
        caches = []
        original = builder.publish.site.PageCache

        def recorded(*args, **kwargs):
            caches.append(original(*args, **kwargs))
            return caches[-1]

        builder.publish.site.PageCache = recorded
        written, *m = _measure(lambda: builder.publish.site.write_docs(root, briefing))
        extra = {
            "edited": edited,
            "rendered": len(caches[0].rendered),
            "reused": len(caches[0].reused),
            "written": len(written.written),
        }
    elif stage == "mkdocs":
        import yaml

        from builder.publish.site import run_mkdocs

        settings = yaml.safe_load((root / "content/briefing.yaml").read_text(encoding="utf-8"))
        as_of = dt.date.fromisoformat(settings["as_of"])
        epoch = int(dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc).timestamp())
        out = root / STAGING
        problems, *m = _measure(lambda: run_mkdocs(root, out, epoch))
        extra = {"problems": len(problems), "first_problem": str(problems[0]) if problems else ""}
    elif stage == "search":
        from builder.publish.search import BUNDLE, index_site

        site = root / STAGING
        problems, *m = _measure(lambda: index_site(site))
        files = [p for p in (site / BUNDLE).rglob("*") if p.is_file()]
        chunks = [p for p in files if p.parent.name in ("index", "fragment")]
        extra = {"problems": len(problems), "first_problem": str(problems[0]) if problems else "",
                 "index_bytes": sum(p.stat().st_size for p in files), "index_files": len(files),
                 "chunk_bytes": sum(p.stat().st_size for p in chunks)}
    elif stage == "linkcheck":
        from builder.publish.linkcheck import check_site

        problems, *m = _measure(lambda: check_site(root / STAGING))
        extra = {"problems": len(problems), "first_problem": str(problems[0]) if problems else ""}
    elif stage == "realcheck":
        from builder.publish.pipeline import run_checks

        walls = []
        for _ in range(5):
            t0 = time.perf_counter()
            _, problems, failed = run_checks(root)
            walls.append(time.perf_counter() - t0)
        return {"walls": walls, "problems": len(problems), "failed": failed}
    else:
        raise SystemExit(f"unknown stage {stage}")
    wall, cpu, before, peak, worker_peak, method = m
    return {
        "wall": wall,
        "cpu": cpu,
        "rss_before": before,
        "peak": peak,
        "worker_peak": worker_peak,
        "memory": method,
        **extra,
    }


def run_stage(stage: str, root: Path) -> dict:
    process = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", stage, str(root)],
        capture_output=True,
        text=True,
        cwd=root,
    )
    if process.returncode != 0:
        return {"error": (process.stderr.strip().splitlines() or ["failed"])[-1], "stderr": process.stderr[-3000:]}
    return json.loads(process.stdout.strip().splitlines()[-1])


# -- the driver ------------------------------------------------------------------------


def site_metrics(site: Path) -> dict:
    """Pages, bytes, page sizes (the shared assets apart), search index, per-page navigation size."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    index = site / "search" / "search_index.json"  # Material's search, before Pagefind replaced it
    shared = [p for p in files if p.relative_to(site).parts[0] == "assets"]  # CSS, JS, fonts: fetched once, cached
    sizes = sorted(p.stat().st_size for p in pages)
    sample = sorted((site / "facts").glob("*/index.html"))[:1] or pages[:1]
    nav = 0
    if sample:
        html = sample[0].read_text(encoding="utf-8")
        start, end = html.find("md-sidebar--primary"), html.find("md-sidebar--secondary")
        nav = end - start if 0 <= start < end else 0
    detail_kinds = ("facts", "sources", "entities", "disputes")
    detail = [p.stat().st_size for p in pages if p.parent.parent.name in detail_kinds]
    return {
        "pages": len(pages),
        "bytes": sum(p.stat().st_size for p in files),
        "search_index": index.stat().st_size if index.exists() else 0,
        "page_median": int(statistics.median(sizes)) if sizes else 0,
        "shared_assets": sum(p.stat().st_size for p in shared),
        "shared_assets_files": len(shared),
        "nav_bytes": nav,
        "detail_page_median": int(statistics.median(detail)) if detail else 0,
        "largest_page": max(
            ((p.stat().st_size, p.relative_to(site).as_posix()) for p in pages),
            default=(0, ""),
        ),
    }


def one_run(
    template: Path, work: Path, with_mkdocs: bool, log, reader: bool = False, preview: bool = False
) -> dict:
    root = work / "run"
    discard(root)
    cold_copy(template, root, records=False)  # every cache cold: the stages are timed from scratch
    settle()
    result: dict = {"stages": {}, "load_avg": os.getloadavg()[0]}
    for stage in STAGES:
        if stage in MKDOCS_STAGES and not with_mkdocs:
            continue
        measured = run_stage(stage, root)
        if "skipped" in measured:
            continue
        result["stages"][stage] = measured
        if "error" in measured:
            log(f"    {stage}: FAILED {measured['error']}")
            log(measured.get("stderr", ""))
            break
        note = ""
        if measured.get("problems"):
            codes = measured.get("problem_codes") or measured.get("first_problem", "")
            note = f" ({measured['problems']} problems {codes})"
        log(
            f"    {stage:<16} {measured['wall']:9.2f} s wall {measured['cpu']:9.2f} s cpu "
            f"{measured['peak']:8.0f} MiB peak{note}"
        )
    site = root / STAGING
    if with_mkdocs and site.is_dir():
        result["site"] = site_metrics(site)
        if reader:  # the bytes are the same in every run: measured once per size
            from reader import search_transfer

            result["search_transfer"] = transfer = search_transfer(site)
            if "skipped" in transfer:
                log(f"    search transfer: not measured ({transfer['skipped']})")
            else:
                log("    search transfer: " + ", ".join(
                    f"{q!r} {v['bytes']:,} B in {v['requests']} requests ({v['results']} results shown)"
                    for q, v in transfer["queries"].items()))
    if with_mkdocs:
        from reader import build_memory

        discard(root / STAGING)
        result["whole"] = whole = build_memory(template, work)
        if "skipped" not in whole:
            log(
                f"    whole build      {whole['wall']:9.2f} s wall {whole['cpu']:9.2f} s cpu "
                f"{whole['pss_peak']:8.0f} MiB "
                f"peak PSS, all processes ({whole['processes_at_peak']} then; exit {whole['exit']})"
            )
    if with_mkdocs and reader and preview:  # once per size, where a preview is the editor's tool
        from preview import preview_latency

        result["preview_edit"] = edit = preview_latency(template, edits=PREVIEW_EDITS)
        log(
            f"    preview edit     {edit['median']:9.2f} s wall, save to page served "
            f"(median of {len(edit['edits'])}); "
            f"{edit['cpu']:.2f} s cpu of the preview process"
        )
    result["load_avg_end"] = os.getloadavg()[0]
    discard(root)
    return result


def real_check(work: Path, log) -> dict:
    """`briefing check` on a copy of this repository's briefing: the CLI (wall) and in-process."""
    root = work / "real"
    root.mkdir()
    for name in ("seeds", "content", "templates"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, root / name)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    walls, codes = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        process = subprocess.run(
            [sys.executable, "-m", "builder.cli", "--root", str(root), "check"],
            capture_output=True,
            text=True,
            cwd=work,
        )
        walls.append(time.perf_counter() - t0)
        codes.append(process.returncode)
    inproc = run_stage("realcheck", root)
    discard(root)
    result = {"cli_walls": walls, "cli_median": statistics.median(walls), "exit_codes": codes, "inprocess": inproc}
    inproc_median = statistics.median(inproc.get("walls", [0]))
    log(
        f"  real briefing: `briefing check` {result['cli_median']:.2f} s wall "
        f"(CLI, median of 5; exit {codes[0]}), in-process run_checks {inproc_median:.2f} s"
    )
    return result


def summarize(size_runs: list[dict]) -> dict:
    """Median of every number over the runs of one size."""
    summary: dict = {"stages": {}, "runs": len(size_runs)}
    for stage in STAGES:
        rows = [
            r["stages"][stage]
            for r in size_runs
            if stage in r["stages"] and "error" not in r["stages"][stage]
        ]
        if rows:
            summary["stages"][stage] = {
                k: statistics.median(r[k] for r in rows) for k in ("wall", "cpu", "peak", "rss_before")
            }
            workers = [r["worker_peak"] for r in rows if r.get("worker_peak") is not None]
            summary["stages"][stage]["worker_peak"] = statistics.median(workers) if workers else None
            if stage == "check":
                summary["quotes"] = rows[0]["quotes"]
                summary["info_notes"] = rows[0].get("info_notes", 0)
                for key in ("quotes_cpu", "quotes_cold_cpu", "quotes_wall", "claims_cpu", "claims_wall"):
                    if all(key in r for r in rows):
                        summary[key] = statistics.median(r[key] for r in rows)
            if stage == "render":
                summary["docs_bytes"] = rows[0]["docs_bytes"]
            if stage == "render-edit":
                summary["edit"] = {k: rows[0][k] for k in ("edited", "rendered", "reused")}
    sites = [r["site"] for r in size_runs if "site" in r]
    if sites:
        summary["site"] = sites[0]
    transfers = [r["search_transfer"] for r in size_runs if "queries" in r.get("search_transfer", {})]
    if transfers:
        summary["search_transfer"] = transfers[0]
    if "search" in summary["stages"]:
        rows = [r["stages"]["search"] for r in size_runs if "index_bytes" in r["stages"].get("search", {})]
        index_keys = ("index_bytes", "index_files", "chunk_bytes")
        summary["search_index"] = {k: rows[0][k] for k in index_keys} if rows else {}
    edits = [r["preview_edit"] for r in size_runs if "preview_edit" in r]
    if edits:
        summary["preview_edit"] = edits[0]
    wholes = [r["whole"] for r in size_runs if r.get("whole", {}).get("exit") == 0]
    if wholes:
        summary["whole"] = {
            k: statistics.median(w[k] for w in wholes)
            for k in ("wall", "cpu", "pss_peak")
            if all(k in w for w in wholes)
        }
        summary["whole"]["runs"] = len(wholes)
    summary["load_avg"] = statistics.median(r["load_avg"] for r in size_runs)
    return summary


def fmt_s(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}" if value < 100 else f"{value:.0f}"


def report(sizes: list[int], results: dict, real: dict | None, meta: dict) -> str:
    out = []
    out.append("# Build benchmark results\n")
    runs = ", ".join(f"{results[n]['runs']} run(s) at N={n}" for n in sizes)
    loads = ", ".join(f"N={n}: {results[n]['load_avg']:.1f}" for n in sizes)
    out.append(
        f"Machine: {meta['cores']} cores, {meta['memory']}, Python {platform.python_version()}, "
        f"{platform.platform()}. "
        "Synthetic briefings from `builder/synth/`; each stage in its own subprocess. "
        f"Wall and CPU seconds are medians of {runs}. "
        "Peak memory: peak RSS of the stage's subprocess (VmHWM reset just before the stage), MiB, "
        "interpreter and prerequisites included; "
        "for stages that fork workers, also the largest worker's peak RSS "
        "(pages it shares with the parent count in both). "
        f"Load average (1 min) at the start of the runs: {loads} "
        "(the machine is shared: other work inflates wall time more than CPU time).\n"
    )
    out.append(f"Code measured: {meta['builder']}; {meta['head']}.\n")
    extract_note = (
        "`check` is timed as `briefing build` runs it, without the shared-claim notes "
        "(info notes only `briefing check` shows). "
        "`extract` (builder.claims.extract.extract, uncached) is shown for information and not added to the sums: "
        "only those notes run it."
    )
    apart = ", ".join(
        f"N={n}: claim notes (extraction included) {results[n]['claims_wall']:.2f} s, "
        f"check_quotes {results[n]['quotes_wall']:.2f} s, {results[n].get('info_notes', 0)} info notes"
        for n in sizes
        if "claims_wall" in results[n]
    )
    out.append(extract_note + " Measured apart: " + apart + ".\n")
    out.append("## Corpus\n")
    out.append("| N | facts | quotes | entities | disputes | seeds (bytes) | generation (s, not timed in stages) |")
    out.append("|---|---|---|---|---|---|---|")
    for n in sizes:
        g = results[n]["generated"]
        out.append(
            f"| {n} | {g['facts']} | {g['quotes']} | {g['entities']} | {g['disputes']} "
            f"| {g['seed_bytes']:,} | {g['seconds']:.0f} |"
        )
    out.append("")
    pair = (1000, 5000) if 1000 in sizes and 5000 in sizes else (tuple(sizes[-2:]) if len(sizes) >= 2 else None)
    tables = (
        ("wall", "Wall time per stage", "s"),
        ("cpu", "CPU time per stage", "s"),
        ("peak", "Peak RSS per stage", "MiB"),
        ("worker_peak", "Peak RSS of the stage's largest worker process, where it forks workers", "MiB"),
    )
    for metric, title, unit in tables:
        out.append(f"## {title} ({unit})\n")
        growth_head = f" | growth {pair[0]}→{pair[1]} |" if pair else " |"
        head = "| stage | " + " | ".join(f"N={n}" for n in sizes) + growth_head
        out.append(head)
        out.append("|---" * (len(sizes) + 1 + (1 if pair else 0)) + "|")
        for stage in STAGES + ("ours", "build"):
            if metric in ("peak", "worker_peak") and stage in ("ours", "build"):
                continue
            cells = []
            values = [_stage_value(results[n], stage, metric) for n in sizes]
            if metric == "worker_peak" and all(v is None for v in values):
                continue  # a stage that ran in one process at every size
            for v in values:
                cells.append(fmt_s(v) if metric in ("wall", "cpu") else (f"{v:.0f}" if v is not None else "—"))
            growth = ""
            if pair:
                a, b = _stage_value(results[pair[0]], stage, metric), _stage_value(results[pair[1]], stage, metric)
                growth = f" | {b / a:.2f}×" if a and b else " | —"
            label = STAGE_LABELS.get(stage, stage)
            out.append(f"| {label} | " + " | ".join(cells) + growth + " |")
        if metric in ("wall", "cpu", "peak"):
            out.append(_whole_row(sizes, results, pair, metric))
        out.append("")
    out.append("## Site\n")
    out.append("| N | pages (html) | build/docs (bytes) | site (bytes) "
               "| Material search_index.json (bytes; off: Pagefind) | nav per page (bytes) "
               "| median detail page (bytes) | largest page |")
    out.append("|---|---|---|---|---|---|---|---|")
    for n in sizes:
        s = results[n].get("site")
        if s:
            out.append(
                f"| {n} | {s['pages']:,} | {results[n].get('docs_bytes', 0):,} | {s['bytes']:,} "
                f"| {s['search_index']:,} | {s['nav_bytes']:,} | {s['detail_page_median']:,} "
                f"| {s['largest_page'][1]} ({s['largest_page'][0]:,}) |"
            )
        else:
            out.append(f"| {n} | MkDocs not run | {results[n].get('docs_bytes', 0):,} | — | — | — | — | — |")
    out.append("")
    out += reader_tables(sizes, results)
    out.append("## Ratios\n")
    for n in sizes:
        ours, mk = _stage_value(results[n], "ours", "wall"), _stage_value(results[n], "mkdocs", "wall")
        ratio = f"{ours / mk * 100:.0f} % ({fmt_s(ours)} s ÷ {fmt_s(mk)} s)" if ours and mk else "not measured"
        out.append(f"- N={n}: our stages ÷ MkDocs = " + ratio)
    if pair:
        for stage in OURS + ("mkdocs", "build"):
            a, b = _stage_value(results[pair[0]], stage, "wall"), _stage_value(results[pair[1]], stage, "wall")
            ca, cb = _stage_value(results[pair[0]], stage, "cpu"), _stage_value(results[pair[1]], stage, "cpu")
            if a and b:
                out.append(
                    f"- growth {pair[0]}→{pair[1]} ({pair[1] / pair[0]:g}× content) of {stage}: "
                    f"{b / a:.2f}× wall, {cb / ca:.2f}× CPU"
                )
    out.append("")
    out.append("## Targets\n")
    out += targets(sizes, results, real, pair)
    if real:
        out.append("")
        cli_walls = ", ".join(f"{w:.2f}" for w in real["cli_walls"])
        inproc_walls = ", ".join(f"{w:.2f}" for w in real["inprocess"].get("walls", []))
        out.append(
            "Real briefing (`briefing --root <copy> check`, CLI wall incl. interpreter start and imports, 5 runs; "
            "the first starts with no build/cache, the others reuse it): "
            f"{cli_walls} s; exit codes {real['exit_codes']}. In-process `run_checks` "
            f"(normalize --check + load + check): {inproc_walls} s."
        )
    out.append("")
    return "\n".join(out)


def reader_tables(sizes: list[int], results: dict) -> list[str]:
    """Search (bytes per query, index), page sizes and the whole build's memory."""
    out = ["## Search, pages and memory\n"]
    out.append(
        "Search: bytes a reader's search transfers per query (cold cache, uncompressed, every response counted at the "
        "server, Pagefind's worker and WebAssembly included; counted from pressing \"/\" to the results shown; "
        "median of the queries " + ", ".join(f"“{q}”" for q in QUERIES) + "). "
        "Index: Pagefind's folder on disk (all files; index "
        "chunks and page fragments alone). Pagefind time and peak: the `search` stage (its process's peak RSS). Whole "
        "build: `briefing build --strict` with no cache, the peak of the summed PSS of all its processes sampled every "
        "100 ms (median of the runs). Pages: HTML files; shared assets: the `assets/` folder (Material's and the "
        "briefing's CSS and JavaScript, fetched once and cached).\n"
    )
    out.append("| N | search per query (bytes, median) | per query | index on disk (bytes, files) "
               "| chunks + fragments (bytes) | index wall / CPU (s) | Pagefind peak (MiB) | median page (bytes) "
               "| largest page (bytes) | shared assets (bytes) | whole build: peak PSS (MiB) | whole build wall (s) |")
    out.append("|---" * 12 + "|")
    for n in sizes:
        r = results[n]
        transfer, index, whole = r.get("search_transfer"), r.get("search_index") or {}, r.get("whole")
        site = r.get("site") or {}
        stage = r.get("stages", {}).get("search", {})
        queries = transfer["queries"].items() if transfer else ()
        per = "; ".join(f"{q}: {v['bytes']:,} in {v['requests']}" for q, v in queries) or "—"
        cells = [
            f"{transfer['median_bytes']:,.0f}" if transfer else "not measured",
            per,
            f"{index['index_bytes']:,} ({index['index_files']:,})" if index else "—",
            f"{index['chunk_bytes']:,}" if index else "—",
            f"{fmt_s(stage.get('wall'))} / {fmt_s(stage.get('cpu'))}",
            f"{stage['worker_peak']:.0f}" if stage.get("worker_peak") else "—",
            f"{site['page_median']:,}" if site else "—",
            f"{site['largest_page'][0]:,} ({site['largest_page'][1]})" if site else "—",
            f"{site['shared_assets']:,} ({site['shared_assets_files']} files)" if site else "—",
            f"{whole['pss_peak']:.0f}" if whole else "not measured",
            fmt_s(whole["wall"]) if whole else "—",
        ]
        out.append(f"| {n} | " + " | ".join(cells) + " |")
    out.append("")
    return out


STAGE_LABELS = {
    "ours": "**our stages** (all but MkDocs, normalize-check, extract, render-edit)",
    "build": "**whole build** (`briefing build`: normalize-check … linkcheck)",
    "extract": "extract *(claim notes only; not summed)*",
    "render-edit": "render after a one-fact edit *(warm page cache; not summed)*",
}

WHOLE_LABELS = {
    "wall": "**whole build, measured** (`briefing build --strict` with no cache, in one run)",
    "cpu": "**whole build, measured** (`briefing build --strict`: its CPU and that of every process it waited for)",
    "peak": "**whole build peak memory (summed PSS, MiB)** (all its processes together, sampled every 100 ms)",
}


def _whole(summary: dict, metric: str):
    """A figure of the measured whole build: "wall", "cpu" or "peak" (summed PSS, MiB)."""
    return (summary.get("whole") or {}).get("pss_peak" if metric == "peak" else metric)


def _whole_row(sizes, results, pair, metric) -> str:
    values = [_whole(results[n], metric) for n in sizes]
    cells = [("—" if v is None else fmt_s(v) if metric != "peak" else f"{v:.0f}") for v in values]
    growth = ""
    if pair:
        a, b = _whole(results[pair[0]], metric), _whole(results[pair[1]], metric)
        growth = f" | {b / a:.2f}×" if a and b else " | —"
    return f"| {WHOLE_LABELS[metric]} | " + " | ".join(cells) + growth + " |"


def _stage_value(summary: dict, stage: str, metric: str):
    stages = summary.get("stages", {})
    group = {"ours": OURS, "build": BUILD}.get(stage)
    if group:
        if not all(s in stages for s in group):
            return None
        return sum(stages[s][metric] for s in group)
    return stages.get(stage, {}).get(metric)


def targets(sizes, results, real, pair) -> list[str]:
    lines = []

    def mark(ok) -> str:
        return "not measured" if ok is None else ("**met**" if ok else "**not met**")

    ours = _stage_value(results[FLOOR_AT], "ours", "cpu") if FLOOR_AT in results else None
    lines.append(
        f"- Our stages ≤ {OURS_CPU_TARGET:.0f} s CPU at {FLOOR_AT:,} sources (all but MkDocs, workers included): "
        + (f"{mark(ours <= OURS_CPU_TARGET)} ({ours:.0f} s)" if ours else f"not measured at {FLOOR_AT:,}")
    )
    whole = _whole(results[FLOOR_AT], "wall") if FLOOR_AT in results else None
    summed = _stage_value(results[FLOOR_AT], "build", "wall") if FLOOR_AT in results else None
    wall = whole or summed
    lines.append(f"- Whole build ≤ {BUILD_WALL_TARGET:.0f} s wall at {FLOOR_AT:,} sources: "
                 + (f"{mark(wall <= BUILD_WALL_TARGET)} ({wall:.0f} s, "
                    + ("`briefing build --strict` measured whole" if whole else "the sum of its stages") + ")"
                    if wall else f"not measured at {FLOOR_AT:,}"))
    a, b = (_whole(results[n], "wall") if n in results else None for n in GROWTH_PAIR)
    if not (a and b):
        a, b = (_stage_value(results[n], "build", "wall") if n in results else None for n in GROWTH_PAIR)
    ca, cb = (_whole(results[n], "cpu") if n in results else None for n in GROWTH_PAIR)
    if a and b:
        cpu_growth = f", {cb / ca:.2f}× CPU" if ca and cb else ""
        grown = f"{mark(b / a <= GROWTH_TARGET)} ({b / a:.2f}× wall" + cpu_growth + ")"
    else:
        grown = f"not measured (needs N={GROWTH_PAIR[0]} and N={GROWTH_PAIR[1]})"
    lines.append(
        f"- Whole build grows ≤ {GROWTH_TARGET:g}× from {GROWTH_PAIR[0]:,} to {GROWTH_PAIR[1]:,} sources "
        "(5× content): " + grown
    )
    if pair:
        limit = 1.15 * pair[1] / pair[0]
        growths = {}
        for stage in OURS:
            a, b = _stage_value(results[pair[0]], stage, "wall"), _stage_value(results[pair[1]], stage, "wall")
            if a and b:
                growths[stage] = b / a
        bad = [s for s, g in growths.items() if g > limit]
        ok = None if not growths else not bad
        grown = ", ".join(f"{s} {g:.2f}×" for s, g in growths.items())
        lines.append(f"- Each of our stages grows ≤ {limit:.2f}× from {pair[0]} to {pair[1]}: {mark(ok)} ({grown})")
    # The preview after a one-fact edit (bench/preview.py): seconds from the save to the page served.
    seen = (results.get(PREVIEW_AT) or {}).get("preview_edit")
    lines.append(f"- Preview after a one-fact edit ≤ {PREVIEW_TARGET:g} s at {PREVIEW_AT:,} sources: "
                 + (f"{mark(seen['median'] <= PREVIEW_TARGET)} ({seen['median']:.2f} s wall, {seen['cpu']:.2f} s CPU "
                    "of the preview process; medians)" if seen else f"not measured at {PREVIEW_AT:,}"))
    for label, at, target, value, unit in (
        ("Search ≤ 500 KB transferred per query", SEARCH_AT, SEARCH_TARGET,
         lambda r: (r.get("search_transfer") or {}).get("median_bytes"), "bytes"),
        ("Whole-build peak memory ≤ 2 GB (summed PSS of all its processes)", MEMORY_AT, MEMORY_TARGET,
         lambda r: (r.get("whole") or {}).get("pss_peak"), "MiB"),
    ):
        seen = {n: value(results[n]) for n in sizes if value(results[n]) is not None}
        shown = ", ".join(f"N={n}: {v:,.0f} {unit}" for n, v in seen.items()) or "—"
        if at in seen:
            lines.append(f"- {label} at {at:,} sources: {mark(seen[at] <= target)} ({shown})")
        else:
            lines.append(f"- {label} at {at:,} sources: not measured at {at:,} ({shown})")
    top = max(sizes)
    q = results[top].get("quotes_cpu")
    cold = results[top].get("quotes_cold_cpu")
    detail = ""
    if q is not None:
        cold_note = f"; {cold:.2f} s with the hedge and name memos emptied first" if cold is not None else ""
        detail = f" ({q:.2f} s CPU for {results[top]['quotes']} quotes" + cold_note + ")"
    lines.append(
        f"- Every quote of the {top}-source briefing checked in ≤ 1 s CPU (check_quotes alone, after check): "
        f"{mark(None if q is None else q <= 1.0)}" + detail
    )
    edits = {n: results[n]["edit"] for n in sizes if "edit" in results[n]}
    if edits:
        ok = all(e["rendered"] <= EDIT_PAGES for e in edits.values())
        per_size = ", ".join(
            f"N={n}: {e['rendered']} of {e['rendered'] + e['reused']:,} pages, "
            f"render {fmt_s(_stage_value(results[n], 'render-edit', 'wall'))} s "
            f"against {fmt_s(_stage_value(results[n], 'render', 'wall'))} s cold"
            for n, e in edits.items()
        )
        lines.append(
            f"- A one-fact edit re-renders only the pages that fact touches (≤ {EDIT_PAGES} pages at every size: "
            f"its page, the list, coverage, entity, source and dispute pages that show it): {mark(ok)} ("
            + per_size
            + ")"
        )
    if real:
        wall = real["cli_median"]
        cold = real["cli_walls"][0]
        inproc = statistics.median(real["inprocess"].get("walls", [0]))
        lines.append(
            f"- `briefing check` on the real briefing < 0.5 s wall: {mark(wall < 0.5)} "
            f"({wall:.2f} s CLI median, cache warm; {cold:.2f} s on the first run with no cache: {mark(cold < 0.5)}; "
            f"in-process run_checks {inproc:.2f} s)"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help="numbers of sources (default: BENCH_SIZES or 100 1000 5000)")
    parser.add_argument("--runs", type=int, default=3, help=f"runs per size below {BIG} (median reported)")
    parser.add_argument("--big-runs", type=int, default=1, help=f"runs per size from {BIG} on")
    parser.add_argument(
        "--mkdocs-max",
        type=int,
        default=None,
        help="skip MkDocs and the link check for sizes above this (default: run them everywhere)",
    )
    parser.add_argument("--no-real", action="store_true", help="skip `briefing check` on the real briefing")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument(
        "--json", type=Path, default=None, help="also write every measurement as JSON (after each size)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="take sizes already in the --json file from it instead of measuring them again",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="work folder (default: a new temporary one); "
        "a project generated there before (template-N with template-N.json) is reused",
    )
    parser.add_argument("--worker", nargs=2, metavar=("STAGE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker[0], Path(args.worker[1]))))
        return 0
    from builder.synth import generate

    env_sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "").replace(",", " ").split()]
    sizes = sorted(set(args.sizes or env_sizes or DEFAULT_SIZES))
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        print(message, flush=True)

    log(f"bench: sizes {sizes}, work folder {work}")
    results: dict = {}
    raw: dict = {}
    real = None
    if args.reuse and args.json and args.json.exists():
        saved = json.loads(args.json.read_text(encoding="utf-8"))
        results = {int(k): v for k, v in saved["results"].items() if int(k) in sizes}
        raw = {int(k): v for k, v in saved["runs"].items() if int(k) in sizes}
        real = saved.get("real")
        log(f"  reusing measurements of N={sorted(results)} from {args.json}")
    try:
        if real is None and not args.no_real:
            real = real_check(work, log)
        for n in sizes:
            if n in results:
                continue
            template = work / f"template-{n}"
            marker = work / f"template-{n}.json"
            if marker.exists() and template.is_dir():
                counts = json.loads(marker.read_text(encoding="utf-8"))
                log(f"  N={n}: reusing the project generated in {template}")
            else:
                if template.exists():
                    shutil.rmtree(template)
                t0 = time.perf_counter()
                counts = generate(template, n)
                counts["seconds"] = time.perf_counter() - t0
                counts["seed_bytes"] = sum(p.stat().st_size for p in (template / "seeds").iterdir())
                marker.write_text(json.dumps(counts), encoding="utf-8")
                log(f"  N={n}: generated {counts} in {counts['seconds']:.0f} s")
            with_mkdocs = args.mkdocs_max is None or n <= args.mkdocs_max
            runs = args.big_runs if n >= BIG else args.runs
            size_runs = []
            for run in range(runs):
                log(f"  N={n} run {run + 1}/{runs} (load average {os.getloadavg()[0]:.1f})")
                size_runs.append(
                    one_run(template, work, with_mkdocs, log, reader=run == 0, preview=n <= PREVIEW_AT)
                )
            results[n] = summarize(size_runs)
            results[n]["generated"] = counts
            raw[n] = size_runs
            if not args.keep:
                discard(template)
            text = report([s for s in sizes if s in results], results, real, _meta())
            args.out.write_text(text, encoding="utf-8")  # after every size, so a long run leaves partial results
            if args.json:
                measured = {"results": results, "runs": raw, "real": real}
                args.json.write_text(json.dumps(measured, indent=1, default=str), encoding="utf-8")
        text = report(sizes, results, real, _meta())
        args.out.write_text(text, encoding="utf-8")
        print()
        print(text)
    finally:
        empty()  # what the runs were done with, deleted once nothing more is timed
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")
    return 0


def _meta() -> dict:
    memory = "?"
    try:
        meminfo = Path("/proc/meminfo").read_text().splitlines()
        kib = int(next(l for l in meminfo if l.startswith("MemTotal")).split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import builder

    head = "?"
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip() or "?"
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "builder", "templates", "mkdocs.yml"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        head += " (with uncommitted changes in builder/, templates/ or mkdocs.yml)" if dirty else ""
    except OSError:
        pass
    head = os.environ.get("BENCH_CODE_NOTE") or f"repository HEAD {head}"
    if Path(builder.__file__).resolve().parent == REPO / "builder":
        where = "this checkout's builder/"
    else:
        where = "a copy of builder/ outside this checkout"
    return {"cores": os.cpu_count(), "memory": memory, "builder": where, "head": head}


if __name__ == "__main__":
    sys.exit(main())
