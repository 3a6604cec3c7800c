"""`briefing serve`: the preview re-renders when content changes, not only generated pages."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT
from helpers import copy_project


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


def wait_for(url: str, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_editing_content_rerenders_the_preview(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        assert wait_for(url, "DeepSeek V4 on Huawei chips</h1>"), "the preview never came up"
        briefing_file = project / "content/briefing.yaml"
        briefing_file.write_text(briefing_file.read_text().replace('title: "DeepSeek V4 on Huawei chips"', 'title: "A retitled briefing"'))
        assert wait_for(url, "A retitled briefing</h1>"), "the preview did not re-render after a content change"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
