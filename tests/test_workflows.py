"""The GitHub workflows: valid against the workflow schema, and running the README's commands."""

from __future__ import annotations

import re
import subprocess
import sys

import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_are_valid_against_the_github_workflow_schema():
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def readme_commands() -> set[str]:
    text = (ROOT / "README.md").read_text()
    block = text.split("## The two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return set(re.findall(r"^(make \w+)", block, re.M))


def runs(workflow: str) -> str:
    data = yaml.safe_load((WORKFLOWS / workflow).read_text())
    return "\n".join(step.get("run", "") for job in data["jobs"].values() for step in job.get("steps", []))


def test_pull_request_check_runs_the_content_checks_and_both_commands():
    assert readme_commands() == {"make site", "make test"}
    text = runs("check.yml")
    assert "briefing --format github normalize --check" in text
    assert "briefing --format github check" in text
    assert "make site" in text
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash .ci/run" in text and "make test" in ci and "make sweep" in ci
    assert ci.index("make test") < ci.index("make sweep")  # the quicker suite fails first


def test_pages_publishes_through_the_artifact_route():
    data = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())
    assert data[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # PyYAML reads `on` as True
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    uses = [step.get("uses", "") for job in data["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert data["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert "make site" in runs("pages.yml")
    assert "gh-pages" not in (WORKFLOWS / "pages.yml").read_text()


def test_pull_requests_reuse_the_caches_main_builds_make():
    """build/cache holds only content-hash-keyed entries, so restoring any older one is safe."""
    for name in ("check.yml", "pages.yml"):
        data = yaml.safe_load((WORKFLOWS / name).read_text())
        steps = [step for job in data["jobs"].values() for step in job.get("steps", [])]
        cache = [step for step in steps if str(step.get("uses", "")).startswith("actions/cache@")]
        assert len(cache) == 1 and cache[0]["with"]["path"] == "build/cache", name
        assert cache[0]["with"]["restore-keys"] == "briefing-cache-"


def test_no_file_of_the_repository_holds_a_merge_conflict_left_unresolved():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    marker = re.compile(r"^(<{7} |>{7} |={7}$)", re.M)
    left = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".ico", ".woff2"}:
            continue
        text = path.read_bytes().decode("utf-8", errors="replace")
        left += [f"{name}:{text.count(chr(10), 0, m.start()) + 1}" for m in marker.finditer(text)]
    assert left == []
