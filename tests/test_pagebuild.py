"""The preview builds the pages an edit changed through MkDocs' own page build, without its walk
of the whole site (``publish/pagebuild.py``): the site it leaves must be the one MkDocs' full
build gives, and anything it cannot do alone goes to MkDocs' dirty build.

MkDocs runs in this process, as `briefing serve` runs it: the plugin told the command is
`serve`, every build dirty, the live server's builder replaced by ``Preview.rebuild``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpers import copy_project, site_bytes

SERVE_URL = "http://127.0.0.1:8000/"
FACT = "content/facts/huawei-chip-bulk-orders.yaml"
QUOTED = "have reportedly placed massive orders"  # in one of its quotes
STATEMENT = "statement:"


class Served:
    """A project built as the preview builds it, and MkDocs' builds counted."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.mkdocs_builds = 0
        (project / "build" / "docs").mkdir(parents=True)  # as `briefing serve` makes it, for MkDocs' config
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=True)
        self.preview = config.plugins["briefing"].preview
        self.preview.say = lambda line: None
        build(config, serve_url=SERVE_URL, dirty=True)  # the first build: MkDocs' own

    def config(self):
        return load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site), strict=False)

    def mkdocs_build(self) -> None:
        self.mkdocs_builds += 1
        build(self.config(), serve_url=SERVE_URL, dirty=True)

    def rebuild(self) -> None:
        self.preview.rebuild(self.mkdocs_build)


@pytest.fixture
def served(tmp_path):
    served = Served(copy_project(tmp_path / "project"), tmp_path / "site")
    yield served
    # MkDocs keeps a plugin with on_startup for the whole process: later builds here are no preview.
    plugin = served.config().plugins["briefing"]
    plugin.preview = plugin.site = plugin.nav = None


def edit_statement(project: Path, words: str) -> None:
    path = project / FACT
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(STATEMENT))
    assert line.endswith('."'), line
    path.write_text(text.replace(line, f'{line[:-2]}, {words}."'), encoding="utf-8")


def test_an_edit_builds_only_its_pages_and_leaves_the_site_mkdocs_would(served, tmp_path):
    before = site_bytes(served.site)
    edit_statement(served.project, "said once more")
    served.rebuild()
    assert served.mkdocs_builds == 0  # MkDocs' walk of the whole site was not needed
    quick = site_bytes(served.site)
    changed = sorted(path for path in quick if before.get(path) != quick[path])
    assert "facts/huawei-chip-bulk-orders/index.html" in changed
    assert b"said once more." in quick["facts/huawei-chip-bulk-orders/index.html"]
    assert "404.html" not in changed and "sitemap.xml" not in changed
    # MkDocs' own build of every page, from the same docs, gives the same site.
    shutil.rmtree(served.site)
    build(served.config(), serve_url=SERVE_URL, dirty=False)
    assert site_bytes(served.site) == quick


def test_a_page_added_or_removed_goes_to_mkdocs_dirty_build(served):
    copy = served.project / "content/facts/huawei-chip-bulk-orders-again.yaml"
    text = (served.project / FACT).read_text(encoding="utf-8")
    copy.write_text(text.replace("id: huawei-chip-bulk-orders\n", f"id: {copy.stem}\n"), encoding="utf-8")
    served.rebuild()
    assert served.mkdocs_builds == 1
    assert (served.site / "facts/huawei-chip-bulk-orders-again/index.html").is_file()
    copy.unlink()
    served.rebuild()
    assert served.mkdocs_builds == 2
    assert not (served.site / "facts/huawei-chip-bulk-orders-again/index.html").exists()
    edit_statement(served.project, "said again")  # the next edit is quick again
    served.rebuild()
    assert served.mkdocs_builds == 2
    assert b"said again." in (served.site / "facts/huawei-chip-bulk-orders/index.html").read_bytes()


def test_a_render_that_fails_still_takes_out_the_pages_it_removed(served, monkeypatch):
    """A bug of ours that stops the render after it removed a page: the error is shown on every
    page, and the removed page's HTML goes, as it would after a render that completed."""
    import builder.publish.preview

    gone = "facts/huawei-chip-bulk-orders.md"

    def failing(root: Path, warm) -> None:
        (root / "build/docs" / gone).unlink()
        raise RuntimeError("a bug in the render")

    monkeypatch.setattr(builder.publish.preview, "prepare_preview", failing)
    edit_statement(served.project, "said in vain")
    served.rebuild()
    assert [problem.code for problem in served.preview.errors] == ["internal"]
    assert served.preview.removed == [gone]
    assert not (served.site / "facts/huawei-chip-bulk-orders/index.html").exists()


def test_errors_and_their_fix_go_to_mkdocs_dirty_build(served):
    path = served.project / FACT
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace(QUOTED, "have reportedly placed huge orders"), encoding="utf-8")
    served.rebuild()
    assert served.mkdocs_builds == 1 and served.preview.errors
    assert b"does not check" in (served.site / "entities/huawei/index.html").read_bytes()
    path.write_text(good, encoding="utf-8")
    served.rebuild()
    assert served.mkdocs_builds == 2 and not served.preview.errors
    assert b"does not check" not in (served.site / "entities/huawei/index.html").read_bytes()


def test_an_edit_of_mkdocs_yml_or_the_theme_goes_to_mkdocs_dirty_build(served):
    config = served.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: ", "site_name: Renamed - ", 1),
                      encoding="utf-8")
    served.rebuild()
    assert served.mkdocs_builds == 1
    assert b"Renamed - " in (served.site / "entities/huawei/index.html").read_bytes()  # every page, not the edited
    theme = served.project / "templates/theme/main.html"
    block = "{% block extrahead %}\n"
    theme.write_text(theme.read_text(encoding="utf-8").replace(block, block + "<!-- edited -->\n"), encoding="utf-8")
    served.rebuild()
    assert served.mkdocs_builds == 2
    assert b"<!-- edited -->" in (served.site / "entities/huawei/index.html").read_bytes()
