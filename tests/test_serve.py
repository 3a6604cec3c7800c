"""`briefing serve`: the preview starts on any briefing, says what it does, shows errors on the
page instead of hanging, and re-renders when content changes."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import ROOT
from helpers import copy_project

FACT = "content/facts/huawei-chip-bulk-orders.yaml"
GOOD, TYPO = "have reportedly placed massive orders", "have reportedly placed huge orders"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def fetch_error(url: str) -> str:
    """The body of a page the server answers with an error status."""
    try:
        urllib.request.urlopen(url, timeout=5)
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")
    return ""


def wait_for(url: str, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.5)
    return False


def start(project, port, *options):
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "--root", str(project), "--dev-addr", f"127.0.0.1:{port}",
         *options],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True).start()
    return server, lines


def stop(server):
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()


def test_the_preview_starts_on_an_error_shows_it_then_the_fixed_site(tmp_path):
    project = copy_project(tmp_path)
    fact = project / FACT
    assert GOOD in fact.read_text()
    fact.write_text(fact.read_text().replace(GOOD, TYPO))
    port = free_port()
    server, lines = start(project, port)
    try:
        url = f"http://127.0.0.1:{port}/"
        # The page shows the error where it is and what it says, on the home page and any other.
        needle = f"<code>{FACT}:31:12</code> <strong>error</strong>: the quote is not in s004-cedb8213a262d0b9"
        assert wait_for(url, needle), f"no error page; the server said: {lines}"
        assert needle in fetch(url + "facts/")
        # A page never rendered shows them too, its links resolved from the site's root.
        deep = fetch_error(url + "facts/huawei-chip-bulk-orders/")
        assert needle in deep and '<head><base href="/">' in deep
        assert lines[0] == f"building the preview of {project.resolve()} ...\n"
        assert re.fullmatch(
            rf"check failed in \d+\.\d\d s: first build; 1 error in 1 file, shown on every page: {FACT}:31:12: "
            r"the quote is not in s004-cedb8213a262d0b9 \[quote-not-found\]\n", lines[1]), lines
        serving = f"serving the preview at http://127.0.0.1:{port}/ (Ctrl-C stops it); it rebuilds on every save\n"
        assert lines[2] == serving
        fact.write_text(fact.read_text().replace(TYPO, GOOD))
        assert wait_for(url, "DeepSeek V4 on Huawei chips</h1>"), f"the fixed site never came back: {lines}"
        # Every page comes back, not only those the fix changed (MkDocs' dirty build is told so).
        for page in ("facts/huawei-chip-bulk-orders/", "entities/", "entities/huawei/"):
            shown = fetch(url + page)
            assert "does not check" not in shown and "<h1" in shown, page
        assert re.fullmatch(rf"rebuilt in \d+\.\d\d s: {FACT} changed; \d+ pages re-rendered\n", lines[3]), lines
        briefing_file = project / "content/briefing.yaml"
        briefing_file.write_text(
            briefing_file.read_text().replace('title: "DeepSeek V4 on Huawei chips"', 'title: "A retitled briefing"')
        )
        assert wait_for(url, "A retitled briefing</h1>"), "the preview did not re-render after a content change"
        time.sleep(8)  # long enough for a second rebuild (there must be none) to print its line
        rebuilt = r"rebuilt in \d+\.\d\d s: content/briefing.yaml changed; \d+ pages re-rendered\n"
        assert re.fullmatch(rebuilt, lines[4]), lines
        assert len(lines) == 5, lines  # one line per rebuild: no second rebuild for the pages we wrote
        # Broken again once every page was rendered: each page shows the errors, then the pages again.
        fact.write_text(fact.read_text().replace(GOOD, TYPO))
        assert wait_for(url + "entities/huawei/", needle), f"a page the error does not touch hides it: {lines}"
        fact.write_text(fact.read_text().replace(TYPO, GOOD))
        assert wait_for(url + "entities/huawei/", "Huawei Technologies</h1>"), f"the page never came back: {lines}"
        assert needle not in fetch(url + "entities/")
        # The theme's own templates, compiled once for the session, are compiled again once edited.
        theme = project / "templates/theme/main.html"
        block = "{% block extrahead %}\n"
        theme.write_text(theme.read_text().replace(block, block + "<!-- edited -->\n"))
        assert wait_for(url + "entities/", "<!-- edited -->"), f"the theme's edit never showed: {lines}"
    finally:
        stop(server)


@pytest.mark.parametrize("options", [(), ("--poll",)], ids=["told by the system", "polling"])
def test_saves_are_seen_and_reads_are_not(tmp_path, options):
    """The preview learns of saves from the operating system (or, with --poll, by looking):
    a save to content/ or to mkdocs.yml rebuilds once; reading every watched file does not."""
    project = copy_project(tmp_path)
    port = free_port()
    server, lines = start(project, port, *options)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_for(url, "DeepSeek V4 on Huawei chips</h1>"), lines
        for path in sorted(project.rglob("*")):
            if path.is_file():
                path.read_bytes()  # an editor or a tool opening files: not a save
        fact = project / FACT
        fact.write_text(fact.read_text().replace("hundreds of thousands of units.", "hundreds of thousands, say."))
        assert wait_for(url + "facts/huawei-chip-bulk-orders/", "hundreds of thousands, say."), lines
        config = project / "mkdocs.yml"
        for name in ("Renamed", "Retitled"):  # saved as many editors save: a new file renamed over the old
            saved = project / "mkdocs.yml.new"
            saved.write_text(re.sub(r"(?m)^site_name: \w+", f"site_name: {name}", config.read_text(), count=1))
            os.replace(saved, config)
            assert wait_for(url, f"{name} V4 on Huawei chips"), f"an edit of mkdocs.yml went unseen: {lines}"
        time.sleep(3)  # long enough for a rebuild the reads would have caused to print its line
        said = [line for line in lines if line.startswith("rebuilt")]
        assert "first build" in said[0] and f": {FACT} changed;" in said[1], lines
        assert all(": mkdocs.yml changed;" in line for line in said[2:]) and len(said) == 4, lines
    finally:
        stop(server)


def test_a_taken_address_is_said_plainly(tmp_path):
    project = copy_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server, lines = start(project, port)
        try:
            assert server.wait(timeout=120) == 2
        finally:
            stop(server)
    time.sleep(0.2)
    said = f"error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another address with --dev-addr"
    assert lines[-1].startswith(said)


def test_the_preview_is_told_of_saves_instead_of_polling(tmp_path):
    """MkDocs' live server polls; the preview swaps in the system's own observer, which watches
    mkdocs.yml through its folder (a save that renames a new file over it replaces the file).
    In a process of its own: watchdog starts a thread to read the system's reports, and a
    process with a thread forks no workers, which later tests here expect."""
    config, content = tmp_path / "mkdocs.yml", tmp_path / "content"
    config.write_text("site_name: A briefing\n")
    content.mkdir()
    script = f"""
import json
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver
from builder.publish.preview import watch_natively

server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root={str(tmp_path)!r})
server.watch({str(config)!r})  # as MkDocs' serve does before the plugin's on_serve
watch_natively(server, {str(config)!r})
server.watch({str(content)!r})  # mkdocs.yml's watch: folders, after on_serve
print(json.dumps([isinstance(server.observer, PollingObserver),
                  sorted(emitter.watch.path for emitter in server.observer.emitters)]))
server.server_close()
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    polling, watched = json.loads(run.stdout.splitlines()[-1])
    assert not polling
    assert watched == [str(tmp_path), str(content)]
