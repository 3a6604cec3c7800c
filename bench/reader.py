"""What readers and the machine feel, for bench/run.py: the bytes a reader's search transfers,
and the peak memory of a whole `briefing build`, all its processes together.

Search: the built site is served under a sub-path on 127.0.0.1 (as GitHub Pages serves it) by
a server that counts the body bytes of every response, so the fetches of Pagefind's worker and
its WebAssembly count too (the page's Performance API does not see a worker's fetches). Each
query runs in a new browser context (cold cache), from a page already loaded: counting starts
when the reader presses "/" and ends when the results are shown. Uncompressed: the server
sends files as they are, with no Content-Encoding.

Memory: `briefing build --strict` in its own process; every 100 ms the PSS of it and of every
process below it (render and link-check workers, Pagefind) is read from /proc/PID/smaps_rollup
and summed. PSS divides each shared page among the processes that map it, so pages a forked
worker shares with its parent count once, as the machine holds them. The same run gives the
whole build's wall time and its CPU time (the build's and every process it waited for).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from scratch import cold_copy, discard, settle

PREFIX = "/briefing/"
QUERIES = ("chips", "Meridian", "Tanaka")  # a common word, a product name, a person's name
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SAMPLE = 0.1  # seconds between memory samples


class _Counting(http.server.SimpleHTTPRequestHandler):
    served: list[tuple[str, int]]  # (path, body bytes), shared by the server's threads

    def log_message(self, *args):
        pass

    def copyfile(self, source, outputfile):
        start = source.tell()
        super().copyfile(source, outputfile)
        self.served.append((self.path, source.tell() - start))


def search_transfer(site: Path, queries=QUERIES) -> dict:
    """Bytes and requests each query costs a reader with a cold cache, served from ``site``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed"}
    if not Path(CHROMIUM).exists():
        return {"skipped": f"no Chromium at {CHROMIUM}"}
    www = site.parent / "www"
    www.mkdir(exist_ok=True)
    (www / PREFIX.strip("/")).symlink_to(site.resolve())
    served: list[tuple[str, int]] = []
    handler = type("Handler", (_Counting,), {"served": served})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    per_query = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for query in queries:
                context = browser.new_context()  # a cold cache
                page = context.new_page()
                page.goto(base + "facts/")
                page.wait_for_load_state("networkidle")
                served.clear()
                page.keyboard.press("/")
                page.keyboard.type(query)
                page.wait_for_function(
                    "q => document.getElementById('briefing-search-status').textContent.includes('for “' + q + '”')",
                    arg=query,
                    timeout=120_000,
                )
                page.wait_for_load_state("networkidle")
                results = page.locator(".briefing-search__results a").count()
                per_query[query] = {"bytes": sum(b for _, b in served), "requests": len(served), "results": results,
                                    "largest": max(served, key=lambda s: s[1]) if served else ("", 0)}
                context.close()
            browser.close()
    finally:
        server.shutdown()
        discard(www)
    return {"queries": per_query, "median_bytes": statistics.median(q["bytes"] for q in per_query.values())}


def _children() -> dict[int, int]:
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def build_memory(template: Path, work: Path) -> dict:
    """A whole `briefing build --strict` of a copy of ``template`` with no cache: wall time and
    the peak of the summed PSS of its processes, sampled every 100 ms."""
    root = work / "whole"
    discard(root)
    cold_copy(template, root)
    settle()
    if not Path("/proc/self/smaps_rollup").exists():
        return {"skipped": "no /proc/PID/smaps_rollup"}
    command = [sys.executable, "-m", "builder.cli", "--root", str(root), "build", "--strict"]
    start = time.perf_counter()
    log = work / "whole-build.log"
    with log.open("w") as errors:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
        peak, peak_processes, samples, code, cpu = _sample(process)
    wall = time.perf_counter() - start
    error = log.read_text(errors="replace")[-2000:] if code else ""
    discard(root)
    return {"wall": wall, "cpu": cpu, "pss_peak": peak / 1024, "processes_at_peak": peak_processes,
            "samples": samples, "exit": code, "error": error}


def _sample(process: subprocess.Popen) -> tuple[int, int, int, int, float]:
    """Sample ``process`` and its descendants until it ends: peak summed PSS (KiB), processes
    then, samples, exit code and CPU seconds (its own and every process it waited for)."""
    peak, peak_processes, samples = 0, 0, 0
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            return peak, peak_processes, samples, process.returncode, usage.ru_utime + usage.ru_stime
        parents = _children()
        tree, grew = {process.pid}, True
        while grew:
            below = {pid for pid, parent in parents.items() if parent in tree} - tree
            grew = bool(below)
            tree |= below
        total = sum(_pss_kib(pid) for pid in tree)
        samples += 1
        if total > peak:
            peak, peak_processes = total, len(tree)
        time.sleep(SAMPLE)
