"""What an editor feels, for bench/run.py: how long a one-fact edit takes to reach the preview.

`briefing serve` runs on a copy of a project, on a free port of 127.0.0.1. Once its first
build is served, one fact's statement is edited (a few words added before its full stop) and
the file saved; the clock runs from the save until the fact's page, fetched again every 20 ms
over HTTP, is served with the new words. That is what the editor waits for: the watcher's
delay, the check, the render, MkDocs and the server are all inside it. Each edit is made to
a different fact, one at a time; the figure is their median. The CPU seconds the preview
process spent from the save to the page served are reported too: on a busy machine they
move less than the wall time. (Forked render workers are not counted there; a one-fact
edit renders too few pages to start them.)

Run alone: ``python bench/preview.py PROJECT [EDITS]`` (PROJECT: a folder with content/,
seeds/, templates/ and mkdocs.yml, such as `python -m builder.synth` writes).
"""

from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from scratch import cold_copy, discard, empty

WORDS = ("once", "twice", "again", "anew", "still", "yet", "more", "further", "later")
POLL = 0.02  # seconds between fetches of the edited page
TIMEOUT = 600  # seconds to wait for the first build, and for each edit


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return ""


def _cpu(pid: int) -> float:
    """CPU seconds (user and system) the process ``pid`` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _edit(path: Path, marker: str) -> None:
    """Add ``marker`` before the full stop that ends the fact's statement line."""
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^(statement: .*?)\.('?)$", rf"\1 {marker}.\2", text, count=1)
    if count != 1:
        raise SystemExit(f"preview bench: no statement ending in a full stop in {path}")
    path.write_text(text, encoding="utf-8")


def preview_latency(project: Path, edits: int = 5) -> dict:
    """Seconds from saving a one-fact edit to the page served with it (median of ``edits``),
    and the preview's own figure for each rebuild ("rebuilt in … s")."""
    scratch = Path(tempfile.mkdtemp(prefix="preview-bench-"))
    try:
        root = scratch / "project"
        cold_copy(project, root)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "builder.cli", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        )
        lines: list[str] = []
        built = threading.Semaphore(0)

        def read() -> None:
            for line in server.stdout:
                lines.append(line.rstrip("\n"))
                if line.startswith(("rebuilt in", "check failed in")):
                    built.release()

        threading.Thread(target=read, daemon=True).start()
        try:
            started = time.monotonic()
            if not built.acquire(timeout=TIMEOUT):
                raise SystemExit("preview bench: the first build did not finish:\n" + "\n".join(lines[-20:]))
            first = time.monotonic() - started
            facts = sorted((root / "content" / "facts").glob("*.yaml"))
            waits, rebuilds, cpus = [], [], []
            for n in range(edits):
                path = facts[(n + 1) * len(facts) // (edits + 1)]
                url = f"http://127.0.0.1:{port}/facts/{path.stem}/"
                waited = time.monotonic()
                while "<html" not in _fetch(url):  # the first build's line comes before the server listens
                    if time.monotonic() - waited > TIMEOUT:
                        raise SystemExit(f"preview bench: {url} is not served")
                    time.sleep(POLL)
                marker = f"as edited for the benchmark, {WORDS[n % len(WORDS)]}"  # no digit: numbers are checked
                time.sleep(0.5)  # a pause between edits, as an editor makes
                saved, cpu = time.monotonic(), _cpu(server.pid)
                _edit(path, marker)
                while marker not in _fetch(url):
                    if any(line.startswith("check failed") for line in lines):
                        raise SystemExit("preview bench: the edit did not check:\n" + "\n".join(lines[-10:]))
                    if time.monotonic() - saved > TIMEOUT:
                        raise SystemExit(f"preview bench: edit {n + 1} never reached {url}")
                    time.sleep(POLL)
                waits.append(time.monotonic() - saved)
                cpus.append(_cpu(server.pid) - cpu)
                built.acquire(timeout=TIMEOUT)  # the preview's line for this rebuild
                said = [line for line in lines if line.startswith(("rebuilt in", "check failed in"))][-1]
                rebuilds.append(float(said.split(" in ", 1)[1].split(" s", 1)[0]))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        discard(scratch)  # deleted when the bench ends (scratch.py): deleting files slows creating them
    return {"first": first, "median": statistics.median(waits), "edits": waits, "rebuilds": rebuilds,
            "cpu": statistics.median(cpus)}


if __name__ == "__main__":
    try:
        found = preview_latency(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 5)
    finally:
        empty()
    print(f"first build served after {found['first']:.1f} s")
    print("one-fact edit, save to page served (s): median {:.2f}; each {}".format(
        found["median"], ", ".join(f"{w:.2f}" for w in found["edits"])))
    print("the preview's own rebuild times (s): " + ", ".join(f"{r:.2f}" for r in found["rebuilds"]))
    print(f"CPU seconds of the preview process per edit (median): {found['cpu']:.2f}")
