"""render(): article text escaped, Markdown fields safe, every quote linked to its sentence."""

from __future__ import annotations

import posixpath
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.checks.check import check
from builder.content.load import load, read_content
from builder.web.jobs import render
from builder.core.urls import relative
from conftest import ROOT
from helpers import make_project


def rendered(root: Path) -> dict[str, str]:
    briefing, problems = load(read_content(root))
    assert problems == [] and [p for p in check(briefing) if p.severity == "error"] == []
    return render(briefing, templates=ROOT / "templates")


def test_relative_links_work_under_any_sub_path():
    assert relative("facts/a/", "sources/s1/#s-1") == "../../sources/s1/#s-1"
    assert relative("", "facts/a/") == "facts/a/"
    assert relative("facts/", "facts/a/") == "a/"
    assert relative("facts/a/", "") == "../../"


segments = st.lists(st.sampled_from(["facts", "a", "b", "sources", "coverage", "2"]), max_size=3)


@settings(deadline=None, max_examples=300)
@given(segments, segments, st.booleans(), st.sampled_from(["", "#s-1"]))
def test_relative_agrees_with_posixpath_relpath(page, target, folder, fragment):
    """The string-only version gives what posixpath.relpath gives for page URLs."""
    from_url = "/".join(page) + "/" if page else ""
    to_path = "/".join(target) + ("/" if target and folder else "")
    base = posixpath.dirname(from_url.rstrip("/") + "/x") if from_url else ""
    expected = posixpath.relpath(to_path or ".", base or ".")
    if (to_path.endswith("/") or not to_path) and not expected.endswith("/"):
        expected += "/"
    assert relative(from_url, to_path + fragment) == expected + fragment


def test_article_text_is_escaped_never_markdown(tmp_path):
    make_project(tmp_path)
    seed = tmp_path / "seeds/001_acme.txt"
    seed.write_text(
        seed.read_text() + "- a dash line <b>bold</b> & *stars* stay as written here.\n1. Numbered line stays.\n"
    )
    from builder.sources.records import normalize_tree
    import datetime as dt

    normalize_tree(tmp_path, today=dt.date(2026, 5, 1))
    page = rendered(tmp_path)["sources/s001-acme.md"]
    assert "- a dash line &lt;b&gt;bold&lt;/b&gt; &amp; *stars* stay as written here." in page
    assert "<b>bold</b>" not in page
    body = page.split("---\n", 2)[2]
    assert "\n\n" not in body.strip(), "one raw HTML block: no blank line for Markdown to re-enter"


def test_every_quote_links_to_its_highlighted_sentence(tmp_path):
    make_project(tmp_path)
    pages = rendered(tmp_path)
    record = (tmp_path / "content/sources/s001-acme.yaml").read_text()
    anchor = "s-" + record.split("text: Acme Corp")[0].rsplit("anchor: s-", 1)[1][:8]
    assert f'href="../../sources/s001-acme/#{anchor}"' in pages["facts/acme-orders.md"]
    assert f'<span id="{anchor}" class="sentence cited">' in pages["sources/s001-acme.md"]
    # What the sentence is quoted for is written beside it, not hidden in a tooltip.
    assert (
        f'<span id="{anchor}" class="sentence cited">Acme Corp has reportedly placed bulk orders totaling two hundred '
        'thousand units'
        ' of Chipco’s upcoming processors.</span> <span class="cited-by" data-pagefind-ignore>'
        '<span class="cited-for">quoted for</span> <a '
        'class="fact-link" href="../../facts/acme-orders/">'
        'Acme Corp placed bulk orders for two hundred thousand chips, it was reported.</a> <abbr class="status '
        'status-reported"'
    ) in pages["sources/s001-acme.md"]


def test_markdown_fields_cannot_inject_script(tmp_path):
    make_project(tmp_path, {"content/entities/acme.yaml": """\
        id: acme
        name: Acme Corp
        kind: company
        description: "A buyer [x](javascript:alert(1)) of chips."
        aliases: []
        changed: "2026-05-01"
        """})
    briefing, _ = load(read_content(tmp_path))  # check would refuse it; render must be safe anyway
    page = render(briefing, templates=ROOT / "templates")["entities/acme.md"]
    assert 'href="javascript:' not in page
    assert "[x](javascript:alert(1))" in page
