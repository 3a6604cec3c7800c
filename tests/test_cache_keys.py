"""Caches are never wrong after the code moves: every cache keyed on the builder's code
misses when any stage package changes, and the caches keyed on a few modules list every
module their result depends on."""

from __future__ import annotations

import ast
import shutil

import builder.core.cache as cache
import builder.publish.site as site
from builder.claims.extract import EXTRACT_CODE
from builder.core.paths import BUILDER
from builder.sources.records import RECORD_CODE
from builder.web.pagecache import RENDER_LIBRARIES

PACKAGES = ("core", "sources", "content", "checks", "claims", "web", "publish", "synth")
PLUMBING = {"core/cache.py", "core/paths.py", "core/problems.py", "core/parallel.py", "content/published.py"}


def test_the_stage_packages_are_the_ones_listed():
    found = {d.name for d in BUILDER.iterdir() if (d / "__init__.py").is_file()}
    assert found == set(PACKAGES)


def test_an_edit_to_any_package_misses_every_cache_keyed_on_the_code(tmp_path, monkeypatch):
    """The check and claim-note caches (``code_key()``), the page cache (``code_key`` with the
    render libraries) and the build stamp (``site.build_key``) all change when one module of
    any package changes."""
    copy = tmp_path / "builder"
    shutil.copytree(BUILDER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "BUILDER", copy)
    monkeypatch.setattr(site, "BUILDER", copy)
    project = tmp_path / "project"
    project.mkdir()

    def keys() -> dict[str, str]:
        return {"check": cache.code_key(), "pages": cache.code_key(RENDER_LIBRARIES), "build": site.build_key(project)}

    before = keys()
    for package in PACKAGES:
        module = sorted((copy / package).glob("*.py"))[-1]
        module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
        after = keys()
        unchanged = [name for name in before if after[name] == before[name]]
        assert not unchanged, f"editing {package}/{module.name} left {unchanged} unchanged"
        before = after


def _imports(rel: str, seen: set[str]) -> set[str]:
    """``rel`` and every builder module it imports, to the end, as paths under builder/."""
    if rel in seen:
        return seen
    seen.add(rel)
    for node in ast.walk(ast.parse((BUILDER / rel).read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("builder."):
            parts = node.module.split(".")[1:]
            targets = ["/".join(parts) + ".py"] + ["/".join([*parts, alias.name]) + ".py" for alias in node.names]
            for target in targets:
                if (BUILDER / target).is_file():
                    _imports(target, seen)
    return seen


def test_the_extraction_cache_lists_every_module_an_extraction_depends_on():
    assert _imports("claims/extract.py", set()) - PLUMBING <= set(EXTRACT_CODE)


def test_the_record_cache_lists_every_module_normalizing_depends_on():
    needed = _imports("sources/normalize.py", set()) | _imports("sources/recordfile.py", set()) | {"sources/records.py"}
    assert needed - PLUMBING <= set(RECORD_CODE)


def test_a_listed_module_that_moved_is_noticed():
    for rel in (*EXTRACT_CODE, *RECORD_CODE):
        assert (BUILDER / rel).is_file(), f"{rel} is listed in a cache key but does not exist"
