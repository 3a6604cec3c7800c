"""The build's own link check over finished HTML."""

from __future__ import annotations

from builder.linkcheck import check_site
from conftest import write_tree


def lines(problems):
    return [f"{p.file}:{p.line}:{p.col}: {p.code}: {p.message}" for p in problems]


def test_good_links_and_anchors_pass(tmp_path):
    write_tree(tmp_path, {
        "index.html": '<a href="facts/a/">a</a> <a href="facts/a/#q">q</a> <a href="https://example.org/">out</a> <img src="i.png">',
        "facts/a/index.html": '<p id="q">x</p><a href="../../">home</a><a href="#q">self</a>',
        "i.png": b"\x89PNG",
    })
    assert check_site(tmp_path) == []


def test_missing_page_anchor_other_host_and_absolute_link_are_reported(tmp_path):
    write_tree(tmp_path, {
        "index.html": '<a href="facts/b/">b</a>\n<a href="facts/a/#nope">n</a>\n<script src="https://cdn.example.com/x.js"></script>\n<a href="/facts/a/">abs</a>\n<link rel="stylesheet" href="https://fonts.example.com/css">',
        "facts/a/index.html": "<p id='q'>x</p>",
    })
    assert lines(check_site(tmp_path)) == [
        "site/index.html:1:1: broken-link: <a> links to 'facts/b/', but facts/b/index.html does not exist",
        "site/index.html:2:1: broken-anchor: <a> links to 'facts/a/#nope', but facts/a/index.html has no element with id 'nope'",
        "site/index.html:3:1: other-host: <script> loads 'https://cdn.example.com/x.js' from another host",
        "site/index.html:4:1: absolute-link: <a> links to the root-absolute '/facts/a/'",
        "site/index.html:5:1: other-host: <link> loads 'https://fonts.example.com/css' from another host",
    ]
