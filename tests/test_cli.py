"""The `briefing` command line: help for every command, options anywhere, and the one closing
line of `briefing check`."""

from __future__ import annotations

import re

import pytest

from builder.cli import build_parser, main, report
from builder.core.problems import Problem
from conftest import ROOT
from helpers import briefing, make_project

# The commands as `briefing --help` lists them (one per line, four spaces in).
HELP = build_parser().format_help()
COMMANDS = sorted(re.findall(r"^    (\w+) ", HELP.split("COMMAND\n", 1)[1].split("\n\n")[0], re.M))


def test_the_commands_are_the_ones_documented():
    assert COMMANDS == ["build", "check", "ids", "new", "normalize", "serve", "suggest"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_a_description_an_example_and_its_exit_codes(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    usage, description = text.split("\n\n")[:2]
    assert usage.startswith(f"usage: briefing {command} ")
    assert len(description.split()) >= 15, description  # a description, not the one-line help
    examples = text.split("\nexamples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    example = re.compile(rf"  (\w+=\S+ )?(briefing {command}\b|make \w+)")
    assert examples and all(example.match(line) for line in examples), examples
    assert "--root ROOT" in text and "--format {human,github}" in text
    assert text.rstrip().endswith(
        "exit status:\n"
        "  0  nothing to fix (info notes never count; warnings count only with --strict)\n"
        "  1  content problems, or a build that stopped (the previous site is kept)\n"
        "  2  a usage error: an unknown command or option, a missing argument"
    )


def test_root_and_format_are_accepted_before_or_after_the_command(tmp_path):
    project = make_project(tmp_path)
    fact = project / "content/facts/acme-orders.yaml"
    fact.write_text(fact.read_text().replace("status: reported", "status: rumoured"))
    before = briefing(tmp_path, "--format", "github", "check")
    after = briefing(ROOT / "content", "check", "--root", str(project), "--format", "github")
    assert before.returncode == after.returncode == 1
    assert before.stderr == after.stderr
    assert before.stderr.startswith("::error file=content/facts/acme-orders.yaml,line=3,col=9,")


def test_check_on_the_first_briefing_is_one_line_and_info_lists_the_notes():
    quiet = briefing(ROOT, "check")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert re.fullmatch(
        r"check: no problems; (\d+) info notes \((\d+ [a-z-]+(, \d+ [a-z-]+)*)\): "
        r"`briefing check --info` lists them\n", quiet.stdout
    ), quiet.stdout
    total = int(quiet.stdout.split("; ")[1].split()[0])
    listed = briefing(ROOT, "check", "--info")
    notes = [line for line in listed.stderr.splitlines() if ": info: " in line]
    assert len(notes) == total
    assert listed.stdout == quiet.stdout.replace(": `briefing check --info` lists them", " above")
    github = briefing(ROOT, "check", "--format", "github")
    assert sum(line.startswith("::notice file=content/") for line in github.stderr.splitlines()) == total


def test_notes_the_build_does_not_show_are_named_by_their_code(capsys):
    notes = [Problem("content/x.yaml", 1, 1, "pages-not-listed", "m", severity="info")]
    report(notes, "human")
    assert capsys.readouterr().err == "1 info note (1 pages-not-listed): `briefing check --info` lists it\n"
    report(notes + [Problem("content/x.yaml", 2, 1, "bad-date", "when 'x' is not a valid EDTF date")], "human")
    assert capsys.readouterr().err == (
        "content/x.yaml:2:1: error: when 'x' is not a valid EDTF date [bad-date]\n"
        "1 error in 1 file; 1 info note (1 pages-not-listed): `briefing check --info` lists it\n"
    )


def make_dry_run(*args: str) -> list[str]:
    import subprocess

    done = subprocess.run(["make", "-n", "-B", *args], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_make_serve_passes_the_port():
    assert ".venv/bin/briefing serve --dev-addr 127.0.0.1:8123" in make_dry_run("serve", "PORT=8123")


def test_make_site_installs_the_runtime_dependencies_only_and_make_test_adds_the_extras():
    site = [line for line in make_dry_run("site") if "pip install" in line]
    assert [line.split()[-1] for line in site] == ["."]
    tests = [line for line in make_dry_run("test") if "pip install" in line]
    assert [line.split()[-1] for line in tests] == [".", "'.[test]'"]
