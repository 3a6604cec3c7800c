"""The build's own link check over finished HTML."""

from __future__ import annotations

from html.parser import HTMLParser

from builder.publish.linkcheck import check_site, position, scan
from conftest import write_tree


def lines(problems):
    return [f"{p.file}:{p.line}:{p.col}: {p.code}: {p.message}" for p in problems]


def test_good_links_and_anchors_pass(tmp_path):
    write_tree(tmp_path, {
        "index.html": '<a href="facts/a/">a</a> <a href="facts/a/#q">q</a> <a href="https://example.org/">out</a> '
                      '<img src="i.png">',
        "facts/a/index.html": '<p id="q">x</p><a href="../../">home</a><a href="#q">self</a>',
        "i.png": b"\x89PNG",
    })
    assert check_site(tmp_path) == []


def test_missing_page_anchor_other_host_and_absolute_link_are_reported(tmp_path):
    write_tree(tmp_path, {
        "index.html": '<a href="facts/b/">b</a>\n<a href="facts/a/#nope">n</a>\n'
                      '<script src="https://cdn.example.com/x.js"></script>\n<a href="/facts/a/">abs</a>\n'
                      '<link rel="stylesheet" href="https://fonts.example.com/css">',
        "facts/a/index.html": "<p id='q'>x</p>",
    })
    assert lines(check_site(tmp_path)) == [
        "site/index.html:1:1: broken-link: <a> links to 'facts/b/', but facts/b/index.html does not exist",
        "site/index.html:2:1: broken-anchor: <a> links to 'facts/a/#nope', but facts/a/index.html has no element with "
        "id 'nope'",
        "site/index.html:3:1: other-host: <script> loads 'https://cdn.example.com/x.js' from another host",
        "site/index.html:4:1: absolute-link: <a> links to the root-absolute '/facts/a/'",
        "site/index.html:5:1: other-host: <link> loads 'https://fonts.example.com/css' from another host",
    ]


class _Reference(HTMLParser):
    """html.parser's reading of a page: the reference the regex scanner is held to."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.urls = set(), []

    def handle_starttag(self, tag, attrs):
        values = {}
        for name, value in attrs:
            values.setdefault(name, value)
        line, col = self.getpos()
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        self.urls += [
            (line, col + 1, tag, values[attr]) for attr in ("href", "src", "data") if values.get(attr) is not None
        ]


def _both(html):
    reference = _Reference()
    reference.feed(html)
    reference.close()
    page = scan(html)
    found = [(*position(html, offset), tag, url) for offset, tag, url, _ in page.urls]
    return (page.ids, found), (reference.ids, reference.urls)


TRICKY = """<!doctype html>
<html><head><title>a <a href="no-title-link"> b</title>
<script>var s = '<a href="not-a-link">'; if (a < b && c > d) {}</script>
<style>a[href="x"] > b { }</style>
<SCRIPT>var t = '<a href="still-script">';</script><a href="after-upper-script">x</a>
<!-- <a href="commented-out"> -->
<link rel="stylesheet" href='a.css'><link rel=icon href=i.png>
</head><body>
<a href="x?a=1&amp;b=2" title="1 > 0" id=top>x</a>
<A HREF="UPPER/" ID="Up">y</A> <img
   src="multi-line.png" alt='it"s'>
<a name="old-anchor"></a><p id="">empty id</p>
<textarea><a href="in-textarea"></textarea>
<object data="o.svg"></object><a href="é&eacute;%20">é</a>
<span title="<a href='in-attribute'>">z</span>
</body></html>"""


def test_the_regex_scanner_reads_what_html_parser_reads():
    ours, reference = _both(TRICKY)
    assert ours == reference
    assert "not-a-link" not in str(ours) and "commented-out" not in str(ours) and "still-script" not in str(ours)
    assert "in-attribute" not in str(ours)  # a tag's attribute values are never read for tags
    assert "after-upper-script" in str(ours)


def test_the_regex_scanner_reads_the_real_site_as_html_parser_does(built_first):
    """Every page MkDocs Material and our templates make for the first briefing."""
    pages = sorted((built_first / "site").rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        ours, reference = _both(page.read_text(encoding="utf-8"))
        assert ours == reference, page
