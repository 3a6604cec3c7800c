"""`briefing build`: deterministic bytes, a staged swap, and refusal without a partial site."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_built
from helpers import briefing, copy_project, noting_pids, site_bytes


def test_build_writes_a_site_with_every_page(built_first):
    project = built_first
    site = project / "site"
    facts = sorted(p.name for p in (project / "content/facts").glob("*.yaml"))
    for name in facts:
        assert (site / "facts" / name.removesuffix(".yaml") / "index.html").is_file()
    for record in (project / "content/sources").glob("*.meta.yaml"):
        assert (site / "sources" / record.name.removesuffix(".meta.yaml") / "index.html").is_file()
    assert not list(project.glob(".site-*")), "no staging folder is left behind"


def test_same_input_gives_the_same_bytes_under_other_clocks_and_hash_seeds(tmp_path):
    first = copy_project(tmp_path / "a")
    second = copy_project(tmp_path / "b")
    env = {**os.environ, "BRIEFING_SITE_URL": "https://example.org/briefing/"}
    assert briefing(first, "build", env={**env, "PYTHONHASHSEED": "1", "TZ": "UTC"}).returncode == 0
    time.sleep(1.1)  # a later wall clock for the second build
    result = briefing(second, "build", env={**env, "PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai"})
    assert result.returncode == 0, result.stderr
    one, two = site_bytes(first / "site"), site_bytes(second / "site")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []
    assert "pagefind/pagefind-entry.json" in one and any(k.startswith("pagefind/index/") for k in one)  # search too
    assert b"<lastmod>2026-04-30</lastmod>" in one["sitemap.xml"]


def test_mkdocs_refusal_leaves_the_previous_site_intact(built_first, tmp_path):
    project = copy_built(built_first, tmp_path / "project")
    before = site_bytes(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "  - Sources: sources/index.md", "  - Sources: sources/index.md\n  - Gone: no-such-page.md"
    ))
    result = briefing(project, "build")
    assert result.returncode == 1
    assert "MkDocs refused the site" in result.stderr
    assert "no-such-page.md" in result.stderr
    assert result.stderr.rstrip().endswith("build stopped: the new site failed its checks; the previous site was kept")
    assert site_bytes(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_broken_link_in_a_template_is_caught_and_the_site_kept(built_first, tmp_path):
    project = copy_built(built_first, tmp_path / "project")
    before = site_bytes(project / "site")
    home = project / "templates/home.html.j2"
    home.write_text(home.read_text() + '<p><a href="{{ r.link(\'facts/no-such-fact/\') }}">gone</a></p>\n')
    result = briefing(project, "build")
    assert result.returncode == 1
    assert "site/index.html:" in result.stderr
    assert (
        "error: <a> links to 'facts/no-such-fact/', but facts/no-such-fact/index.html does not exist [broken-link]"
        in result.stderr
    )
    assert site_bytes(project / "site") == before


def test_content_error_builds_nothing(tmp_path):
    project = copy_project(tmp_path)
    fact = next((project / "content/facts").glob("*.yaml"))
    fact.write_text(fact.read_text().replace("status: reported", "status: rumoured"))
    result = briefing(project, "build")
    assert result.returncode == 1
    assert "[bad-value]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
    assert not (project / "build" / "docs").exists()  # build/cache may hold check caches


def test_unchanged_rebuild_does_no_work_and_a_changed_seed_is_never_served_from_cache(built_first, tmp_path):
    project = copy_built(built_first, tmp_path / "project")
    assert briefing(project, "build").returncode == 0  # a build's key names its folder: this one builds
    before = site_bytes(project / "site")
    again = briefing(project, "build")
    assert again.returncode == 0
    assert again.stdout == "build: nothing changed since the last build; site/ is current\n"
    seed = project / "seeds/004_cedb8213a262d0b9.txt"
    seed.write_bytes(seed.read_bytes().replace(b"hundreds of thousands of units", b"tens of thousands of units"))
    result = briefing(project, "build")
    assert result.returncode == 1
    assert (
        "seeds/004_cedb8213a262d0b9.txt:1:1: error: this seed changed since "
        "content/sources/s004-cedb8213a262d0b9.yaml was made"
    ) in result.stderr
    assert site_bytes(project / "site") == before


def test_a_build_skips_the_claim_notes_and_a_later_check_still_gives_them(tmp_path, monkeypatch):
    """The build never shows info notes, so it does not compute them; `briefing check` after a
    build (its load-and-check cache warm, its notes not) gives what a fresh check gives."""
    import builder.claims.claims
    from builder.publish.pipeline import run_checks

    project = copy_project(tmp_path / "built")
    calls = []
    real = builder.claims.claims.claim_problems
    monkeypatch.setattr(builder.claims.claims, "claim_problems", lambda *a, **k: calls.append(1) or real(*a, **k))
    _, built, failed = run_checks(project, notes=False)
    assert not failed and calls == [] and not any(p.severity == "info" for p in built)
    _, checked, _ = run_checks(project, need_briefing=False)
    assert calls == [1]
    assert [p for p in checked if p.severity != "info"] == built and any(p.severity == "info" for p in checked)
    assert run_checks(copy_project(tmp_path / "fresh"), need_briefing=False)[1] == checked


def test_a_warm_check_imports_none_of_the_checks(tmp_path):
    """`briefing check` on an unchanged briefing answers from its caches: the check and claim
    modules are not even imported, which keeps it instant; a first check imports only them."""
    project = copy_project(tmp_path)
    script = (
        "import sys; from builder.cli import main; code = main(['--root', sys.argv[1], 'check']); "
        "print(sorted(m for m in ('builder.checks.check', 'builder.claims.claims', 'jinja2', 'jsonschema', 'sklearn') "
        "if m in sys.modules), code)"
    )
    first = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, cwd=ROOT)
    warm = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True, cwd=ROOT)
    # A first check of valid records loads neither the renderer (Jinja) nor jsonschema, which
    # only explains a record the fast validator refuses, nor scikit-learn, which tests alone use.
    assert first.stdout.splitlines()[-1] == "['builder.checks.check', 'builder.claims.claims'] 0", (
        first.stdout[-500:] + first.stderr[-2000:]
    )
    assert warm.stdout.splitlines()[-1] == "[] 0", warm.stdout[-500:] + warm.stderr[-2000:]


def test_check_results_are_reused_only_while_content_and_code_are_the_same(tmp_path, monkeypatch):
    """The check cache: a second check of the same bytes runs no check; any edit runs it again."""
    import builder.core.cache
    import builder.checks.check
    from builder.publish.pipeline import run_checks

    project = copy_project(tmp_path)
    _, first, failed = run_checks(project, need_briefing=False)
    assert not failed
    runs = []
    real = builder.checks.check.check
    monkeypatch.setattr(builder.checks.check, "check", lambda *a, **k: runs.append(1) or real(*a, **k))
    assert run_checks(project, need_briefing=False)[1] == first and runs == []
    fact = project / "content/facts/orders-tied-to-v4-launch.yaml"
    fact.write_text(fact.read_text().replace("status: reported", "status: confirmed", 1))
    _, problems, failed = run_checks(project, need_briefing=False)
    assert failed and runs == [1] and any(p.code == "status-too-firm" for p in problems)
    monkeypatch.setattr(builder.core.cache.code_key, "__defaults__", (("Jinja2",), None))  # as if a library changed
    run_checks(project, need_briefing=False)
    assert runs == [1, 1]


def test_a_template_error_names_the_template_line_in_one_process_and_in_workers(tmp_path, monkeypatch):
    """A field a template reads that no record has fails the build at the template's line,
    with no traceback, whether the page was rendered here or in a forked worker (whose
    traceback does not travel back with its exception)."""
    import builder.core.parallel
    import builder.publish.site
    from builder.publish.pipeline import run_checks

    project = copy_project(tmp_path / "cli")
    template = project / "templates/fact.html.j2"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, "<p>{{ fact.no_such_field.deeper }}</p>\n")  # line 3
    template.write_text("".join(lines), encoding="utf-8")
    result = briefing(project, "build")
    assert result.returncode == 1
    assert "templates/fact.html.j2:3:1: error: the page template failed:" in result.stderr
    assert "[template]" in result.stderr
    assert "Traceback" not in result.stderr

    for broken, expected in (
        ("<p>{{ fact.no_such_field.deeper }}</p>\n", "has no attribute 'no_such_field'"),
        ("<p>{% if %}</p>\n", "Expected an expression"),
    ):
        lines[2] = broken
        template.write_text("".join(lines), encoding="utf-8")
        found = {}
        for mode, workers, threshold in (("one", "1", 10**6), ("several", "2", 2)):
            with monkeypatch.context() as patch:
                patch.setenv("BRIEFING_WORKERS", workers)
                patch.setattr(builder.core.parallel, "MIN_ITEMS", threshold)
                briefing_, _, failed = run_checks(project)
                assert not failed
                found[mode] = [
                    (p.file, p.line, p.code, p.message) for p in builder.publish.site.publish(project, briefing_)
                ]
        assert found["one"] == found["several"], found
        ((file, line, code, message),) = found["one"]
        assert (file, line, code) == ("templates/fact.html.j2", 3, "template"), message
        assert expected in message and "\n" not in message, message


def test_pages_handed_to_mkdocs_as_html_give_the_bytes_its_markdown_would(tmp_path, monkeypatch):
    """The briefing plugin gives MkDocs each rendered page as the HTML it is, instead of
    letting Python-Markdown parse it twice to pass it through: every file of the site is the
    same as when MkDocs converts the pages itself."""
    from builder.publish.pipeline import run_checks
    from builder.publish.mkdocs_plugin import BriefingPlugin
    from builder.publish.site import run_mkdocs, write_docs

    project = copy_project(tmp_path / "project")
    found, problems, failed = run_checks(project, notes=False)
    assert not failed, problems
    write_docs(project, found)
    monkeypatch.setenv("BRIEFING_WORKERS", "1")  # every page built in this process, where they are counted
    handed = []
    real = BriefingPlugin.on_page_markdown
    monkeypatch.setattr(
        BriefingPlugin, "on_page_markdown", lambda self, markdown, **kw: handed.append(1) or real(self, markdown, **kw)
    )
    assert run_mkdocs(project, tmp_path / "handed", 1777507200) == []
    pages = len(handed)
    monkeypatch.setattr(BriefingPlugin, "on_page_markdown", lambda self, markdown, **kw: markdown)
    assert run_mkdocs(project, tmp_path / "converted", 1777507200) == []
    handed_site, converted_site = site_bytes(tmp_path / "handed"), site_bytes(tmp_path / "converted")
    assert pages > 50 and handed_site.keys() == converted_site.keys()
    assert [name for name in handed_site if handed_site[name] != converted_site[name]] == []


@pytest.fixture
def rendered(tmp_path, monkeypatch):
    """A copy of the first briefing rendered into build/docs, MkDocs' pages to be built by this
    process and a forked worker (each process that builds a page noted in ``pids``)."""
    import builder.core.parallel
    import builder.publish.pagebuild
    from builder.publish.pipeline import run_checks
    from builder.publish.site import write_docs

    project = copy_project(tmp_path / "project")
    found, problems, failed = run_checks(project, notes=False)
    assert not failed, problems
    write_docs(project, found)
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    monkeypatch.setattr(builder.core.parallel, "MIN_ITEMS", 2)
    noted = noting_pids(builder.publish.pagebuild._build_one, tmp_path / "pids")
    monkeypatch.setattr(builder.publish.pagebuild, "_build_one", noted)
    return project


def mkdocs_own_build(project, site, monkeypatch) -> list[str]:
    """MkDocs' own ``build`` of the project's docs (not strict): the warnings it logged."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from builder.publish.pagebuild import collected

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1777507200")
    monkeypatch.setenv("BRIEFING_PREPARED", "1")
    with collected() as said:
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False))
    return [message for message in said if "strict mode" not in message]


def test_mkdocs_pages_built_on_several_cores_equal_mkdocs_own_build(rendered, tmp_path, monkeypatch):
    """``pagebuild.build_site`` runs MkDocs' build with its pages read and built by forked
    workers and this process: every file equals MkDocs' own ``build``, a navigation entry
    without a title of its own included (it shows its page's title on every page)."""
    from builder.publish.site import run_mkdocs

    config = rendered / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - Facts: facts/index.md", "  - facts/index.md"))
    assert run_mkdocs(rendered, tmp_path / "ours", 1777507200) == []
    pids = set((tmp_path / "pids").read_text().split())
    assert str(os.getpid()) in pids and len(pids) >= 2
    assert mkdocs_own_build(rendered, tmp_path / "mkdocs", monkeypatch) == []
    ours, theirs = site_bytes(tmp_path / "ours"), site_bytes(tmp_path / "mkdocs")
    assert len(ours) > 50 and ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert b"\n    Facts\n" in ours["entities/index.html"]  # the nav names the facts page by its own title


def test_mkdocs_warnings_from_any_process_refuse_the_site_as_mkdocs_own_build_would(rendered, tmp_path, monkeypatch):
    """A page's warning logged in a worker, and a link to an anchor of a page another process
    built, refuse the site with MkDocs' own words, in its order."""
    from builder.publish.site import run_mkdocs

    # The pages are built in order, the workers from the front, this process from the back.
    notes = {"aa-notes": "[the plan](aa-plan.md) and [its end](zz-notes.md#nowhere)",
             "zz-notes": "[the plan](zz-plan.md) and [its start](aa-notes.md#nowhere-either)"}
    for name, links in notes.items():
        (rendered / f"build/docs/{name}.md").write_text(f"# Notes\n\nSee {links}.\n", encoding="utf-8")
    refused = run_mkdocs(rendered, tmp_path / "refused", 1777507200)
    assert {p.code for p in refused} == {"mkdocs"}
    said = [p.message.removeprefix("MkDocs refused the site: ") for p in refused]
    assert said == mkdocs_own_build(rendered, tmp_path / "mkdocs", monkeypatch), said
    assert len(said) == 4 and "aa-plan.md" in said[0] and "zz-plan.md" in said[1], said
    assert "'#nowhere'" in said[2] and "'#nowhere-either'" in said[3], said


def test_a_plugin_error_in_a_worker_is_reported_after_earlier_warnings(rendered, tmp_path, monkeypatch):
    """A worker's error reaches the report even when this process logged warnings before it."""
    from mkdocs.exceptions import PluginError

    from builder.publish.mkdocs_plugin import BriefingPlugin
    from builder.publish.site import run_mkdocs

    config = rendered / "mkdocs.yml"  # a warning in this process, before any page is built
    about = "  - About: about/index.md"
    config.write_text(config.read_text().replace(about, f"{about}\n  - Gone: gone.md"))
    (rendered / "build/docs/aa-notes.md").write_text("# Notes\n", encoding="utf-8")  # the worker starts at the front
    real = BriefingPlugin.on_page_content
    failed_in = tmp_path / "failed-in"

    def failing(self, html, *, page, config, files):
        if page.file.src_uri == "aa-notes.md":
            failed_in.write_text(str(os.getpid()))
            raise PluginError("the page could not be handed over")
        return real(self, html, page=page, config=config, files=files)

    monkeypatch.setattr(BriefingPlugin, "on_page_content", failing)
    refused = [p.message for p in run_mkdocs(rendered, tmp_path / "refused", 1777507200)]
    assert failed_in.read_text() != str(os.getpid())  # a worker's
    assert any("gone.md" in m for m in refused), refused
    assert any("the page could not be handed over" in m for m in refused), refused


def test_another_plugin_gets_mkdocs_own_build(rendered, tmp_path, monkeypatch):
    """A plugin besides ours may gather across pages in one process (search, tags, blog)."""
    from builder.publish.site import run_mkdocs

    config = rendered / "mkdocs.yml"
    config.write_text(config.read_text().replace("plugins:\n", "plugins:\n  - search\n", 1))
    assert run_mkdocs(rendered, tmp_path / "ours", 1777507200) == []
    assert not (tmp_path / "pids").exists()  # no page built by build_site's steps
    assert (tmp_path / "ours/search/search_index.json").is_file()
