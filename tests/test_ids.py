"""Published pages keep working: what was published is read from git (the merge base), redirects,
and the check that guards them; nothing for an editor to keep up to date."""

from __future__ import annotations

import os
import shutil
import subprocess

from conftest import ROOT
from helpers import FILES, briefing, make_project

FACT = FILES["content/facts/acme-orders.yaml"]
REDIRECT = 'redirects:\n  - from: facts/acme-orders/\n    to: acme-bulk-orders\n    changed: "2026-05-02"\n'
RENAMED = FACT.replace("id: acme-orders", "id: acme-bulk-orders").replace("        ", "")


def git(project, *args):
    person = (("NAME", "Editor"), ("EMAIL", "e@example.org"))
    who = {f"GIT_{role}_{what}": value for role in ("AUTHOR", "COMMITTER") for what, value in person}
    env = {**os.environ, **who, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True, env=env)
    return done.stdout


def commit_all(project, message):
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def published_project(tmp_path, *, renamed=False):
    """The small project, committed on main (what the site publishes), checked out on a branch, edit;
    with the fact acme-orders already renamed and redirected on main if ``renamed``."""
    project = make_project(tmp_path)
    if renamed:
        rename_fact(project, redirect=True)
    git(project, "init", "-q", "-b", "main")
    commit_all(project, "published")
    git(project, "switch", "-q", "-c", "edit")
    return project


def rename_fact(project, *, redirect=False):
    """Rename the fact acme-orders to acme-bulk-orders, as an editor would on a branch; with
    ``redirect``, send its old page to the new one."""
    (project / "content/facts/acme-orders.yaml").unlink()
    (project / "content/facts/acme-bulk-orders.yaml").write_text(RENAMED)
    brief = project / "content/briefing.yaml"
    brief.write_text(brief.read_text().replace("acme-orders", "acme-bulk-orders"))
    if redirect:
        (project / "content/redirects.yaml").write_text(REDIRECT)


def test_a_new_page_needs_no_step_and_ids_lists_it(tmp_path):
    project = published_project(tmp_path)
    rename_fact(project, redirect=True)
    assert briefing(project, "check").returncode == 0
    base = git(project, "rev-parse", "main").strip()[:12]
    result = briefing(project, "ids")
    assert result.stdout == (
        f"published: 3 pages at {base} (the merge base of HEAD and main)\n"
        "new in this change: facts/acme-bulk-orders/\n"
        "redirected: facts/acme-orders/ -> acme-bulk-orders\n"
    )


def test_renaming_a_published_fact_without_redirect_is_refused_with_the_whole_fix(tmp_path):
    project = published_project(tmp_path)
    rename_fact(project)
    result = briefing(project, "check")
    base = git(project, "rev-parse", "main").strip()[:12]
    assert result.returncode == 1
    assert result.stderr == (
        "content/facts/acme-orders.yaml:1:1: error: facts/acme-orders/ is published (made by "
        f"content/facts/acme-orders.yaml at {base} (the merge base of HEAD and main)), but this change removes that "
        "file [published-page-removed]\n"
        "  readers' links to it would break: restore content/facts/acme-orders.yaml, or, if the record was renamed or "
        "merged, add to content/redirects.yaml:\n"
        "    redirects:\n"
        "      - from: facts/acme-orders/\n"
        "        to: <the id that replaced acme-orders>\n"
        '        changed: "<today, YYYY-MM-DD>"\n'
        "1 error in 1 file\n"
    )


def test_a_page_never_merged_can_be_renamed_freely(tmp_path):
    """A page only this branch made was never published: renaming it needs no redirect."""
    project = published_project(tmp_path)
    rename_fact(project, redirect=True)
    commit_all(project, "rename")
    (project / "content/facts/acme-bulk-orders.yaml").rename(project / "content/facts/acme-big-orders.yaml")
    for path in ("content/facts/acme-big-orders.yaml", "content/briefing.yaml", "content/redirects.yaml"):
        (project / path).write_text((project / path).read_text().replace("acme-bulk-orders", "acme-big-orders"))
    result = briefing(project, "check")
    assert (result.returncode, result.stderr) == (0, "")


def test_a_mistake_in_a_published_fact_gives_no_redirect_advice(tmp_path):
    """A schema or YAML error leaves the file, so its page, in place: only the mistake is reported."""
    project = published_project(tmp_path)
    fact = project / "content/facts/acme-orders.yaml"
    fact.write_text(FACT.replace("        ", "").replace("status: reported", "status: rumoured"))
    result = briefing(project, "check")
    assert result.returncode == 1
    assert "published-page-removed" not in result.stderr and "redirect" not in result.stderr
    assert "content/facts/acme-orders.yaml:3:9: error: " in result.stderr
    fact.write_text(FACT.replace("        ", "").replace('changed: "2026-05-01"', 'changed: "2026-05-01'))
    result = briefing(project, "check")
    assert "published-page-removed" not in result.stderr and "redirect" not in result.stderr
    assert "[yaml-syntax]" in result.stderr


def test_removing_a_published_redirect_is_refused(tmp_path):
    project = published_project(tmp_path, renamed=True)
    (project / "content/redirects.yaml").write_text("redirects: []\n")
    result = briefing(project, "check")
    base = git(project, "rev-parse", "main").strip()[:12]
    assert result.stderr == (
        "content/redirects.yaml:1:1: error: facts/acme-orders/ is published as a redirect (in content/redirects.yaml "
        f"at {base} (the merge base of HEAD and main)), but this change removes the redirect [published-page-removed]\n"
        "  readers' links to it would break: keep its entry in content/redirects.yaml\n"
        "1 error in 1 file\n"
    )


def test_a_named_base_that_git_cannot_find_is_an_error(tmp_path):
    project = published_project(tmp_path)
    result = briefing(project, "check", env={**os.environ, "BRIEFING_BASE": "origin/no-such-branch"})
    assert result.returncode == 1
    assert result.stderr == (
        "content/briefing.yaml:1:1: error: cannot tell which pages are published: BRIEFING_BASE is "
        "'origin/no-such-branch', but git finds no such commit with a merge base with HEAD [published-base-missing]\n"
        "  fetch the history (actions/checkout with fetch-depth: 0), or set BRIEFING_BASE to the published branch, "
        "e.g. origin/main\n"
        "1 error in 1 file\n"
    )


def test_a_redirect_keeps_the_old_link_working(tmp_path):
    project = published_project(tmp_path)
    rename_fact(project, redirect=True)
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = briefing(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site/facts/acme-orders/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../acme-bulk-orders/">' in page


def test_a_redirect_to_nothing_is_refused(tmp_path):
    project = make_project(tmp_path)
    (project / "content/redirects.yaml").write_text(
        'redirects:\n  - from: facts/old/\n    to: no-such-fact\n    changed: "2026-05-02"\n'
    )
    result = briefing(project, "check")
    assert (
        "content/redirects.yaml:3:9: error: the redirect goes to 'no-such-fact', which is no record [unknown-id]"
        in result.stderr
    )


def test_a_redirect_from_a_list_page_is_refused(tmp_path):
    """facts/index/ would be written over the first page of the facts list, and facts/pages/
    is the folder of its other pages."""
    project = make_project(tmp_path)
    (project / "content/redirects.yaml").write_text(
        'redirects:\n  - from: facts/index/\n    to: acme-orders\n    changed: "2026-05-02"\n'
        '  - from: entities/pages/\n    to: acme\n    changed: "2026-05-02"\n'
    )
    result = briefing(project, "check")
    assert result.returncode == 1
    assert (
        "content/redirects.yaml:2:11: error: facts/index/ is where a list's pages live, so it cannot redirect "
        "[redirect-shadows-page]"
    ) in result.stderr
    assert (
        "content/redirects.yaml:5:11: error: entities/pages/ is where a list's pages live, so it cannot redirect "
        "[redirect-shadows-page]"
    ) in result.stderr
