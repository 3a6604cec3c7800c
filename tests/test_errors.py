"""The editors' error corpus: every bad input in tests/fixtures/errors.md gets its exact
message at file:line:col, exit 1, no traceback, no site, and no editor file changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it.utils import read_fixture_file

from builder.cli import main
from helpers import make_project

CASES = read_fixture_file(Path(__file__).parent / "fixtures" / "errors.md")


def parse_files(block: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    current = None
    for line in block.splitlines(keepends=True):
        if line.startswith("=== "):
            current = line[4:].strip()
            files[current] = ""
        else:
            files[current] += line
    decoded: dict[str, str | bytes] = {}
    for path, text in files.items():
        if text.startswith("hex:"):
            decoded[path] = bytes.fromhex(text[4:].strip())
        elif text.startswith("repeat:"):
            _, count, char = text.strip().split(":")
            decoded[path] = char.encode() * int(count)
        else:
            decoded[path] = text
    return decoded


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "seeds") for p in sorted((root / folder).rglob("*")) if p.is_file()
    }


def blocks(output: str) -> list[str]:
    found: list[str] = []
    for line in output.splitlines():
        if line.startswith("  ") and found:
            found[-1] += "\n" + line
        elif ": error: " in line or ": warning: " in line:
            found.append(line)
    return sorted(found)


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40


@pytest.mark.parametrize("line,title,files,expected", CASES, ids=[c[1] for c in CASES])
def test_bad_input(tmp_path, capsys, line, title, files, expected):
    files = parse_files(files)
    edits = {k[len("edit:"):]: v for k, v in files.items() if k.startswith("edit:")}
    project = make_project(tmp_path, {k: v for k, v in files.items() if not k.startswith("edit:")})
    for path, change in edits.items():
        old, new = change.strip().split("|")
        target = project / path
        text = target.read_text()
        expected = expected.replace("{line}", str(text[: text.index(old)].count("\n") + 1))
        target.write_text(text.replace(old, new))
    if "{anchor}" in expected:
        record = (project / "content/sources/s001-acme.yaml").read_text()
        expected = expected.replace("{anchor}", "s-" + record.split("anchor: s-")[2][:8])  # the seed's line 2
    before = snapshot(project)
    code = main(["--root", str(project), "build"])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert blocks(err) == blocks(expected)
    assert err.rstrip().endswith("build stopped: fix the problems above; the previous site was kept")
    assert not (project / "site").exists() and not (project / "build" / "docs").exists()
    assert snapshot(project) == before
