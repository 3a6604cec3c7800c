"""Published pages keep working: the manifest, redirects and the check that guards them."""

from __future__ import annotations

import shutil

from conftest import ROOT
from helpers import FILES, briefing, make_project

FACT = FILES["content/facts/acme-orders.yaml"]


def publish_then_rename(project):
    """List the pages as published, then rename the fact acme-orders to acme-bulk-orders."""
    briefing(project, "ids", "--update")
    (project / "content/facts/acme-orders.yaml").unlink()
    (project / "content/facts/acme-bulk-orders.yaml").write_text(FACT.replace("id: acme-orders", "id: acme-bulk-orders").replace("        ", ""))
    brief = project / "content/briefing.yaml"
    brief.write_text(brief.read_text().replace("acme-orders", "acme-bulk-orders"))


def test_ids_update_lists_every_record_page_and_never_removes(tmp_path):
    project = make_project(tmp_path)
    result = briefing(project, "ids", "--update")
    assert result.stdout == "wrote content/published-pages.txt\n"
    listed = (project / "content/published-pages.txt").read_text().splitlines()
    assert [l for l in listed if not l.startswith("#")] == ["entities/acme/", "facts/acme-orders/", "sources/s001-acme/"]
    assert briefing(project, "check").returncode == 0


def test_renaming_a_published_fact_without_redirect_is_refused(tmp_path):
    project = make_project(tmp_path)
    publish_then_rename(project)
    result = briefing(project, "check")
    assert result.returncode == 1
    assert "content/published-pages.txt:4:1: error: facts/acme-orders/ was published, but no record makes it any more [published-page-removed]\n" in result.stderr
    assert "add to content/redirects.yaml an entry `- from: facts/acme-orders/` with `to: <the id that replaced acme-orders>`" in result.stderr


def test_a_redirect_keeps_the_old_link_working(tmp_path):
    project = make_project(tmp_path)
    publish_then_rename(project)
    (project / "content/redirects.yaml").write_text('redirects:\n  - from: facts/acme-orders/\n    to: acme-bulk-orders\n    changed: "2026-05-02"\n')
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = briefing(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site/facts/acme-orders/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../acme-bulk-orders/">' in page


def test_a_redirect_to_nothing_is_refused(tmp_path):
    project = make_project(tmp_path)
    (project / "content/redirects.yaml").write_text('redirects:\n  - from: facts/old/\n    to: no-such-fact\n    changed: "2026-05-02"\n')
    result = briefing(project, "check")
    assert "content/redirects.yaml:3:9: error: the redirect goes to 'no-such-fact', which is no record [unknown-id]" in result.stderr


def test_a_redirect_from_a_list_page_is_refused(tmp_path):
    """facts/index/ would be written over the first page of the facts list, and facts/pages/
    is the folder of its other pages."""
    project = make_project(tmp_path)
    (project / "content/redirects.yaml").write_text('redirects:\n  - from: facts/index/\n    to: acme-orders\n    changed: "2026-05-02"\n  - from: entities/pages/\n    to: acme\n    changed: "2026-05-02"\n')
    result = briefing(project, "check")
    assert result.returncode == 1
    assert "content/redirects.yaml:2:11: error: facts/index/ is where a list's pages live, so it cannot redirect [redirect-shadows-page]" in result.stderr
    assert "content/redirects.yaml:5:11: error: entities/pages/ is where a list's pages live, so it cannot redirect [redirect-shadows-page]" in result.stderr
