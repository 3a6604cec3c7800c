"""Per-page render cache: a page is rendered again only when something it reads has changed.

What a page reads comes from two places, and both are recorded:

- its **context**, the values ``pages.py`` hands the template. The context is pickled into the
  page's key; a record in it (a document, a source text) is pickled as a reference to its id,
  and that id becomes a dependency; so is what that id's fingerprint covers (a fact's or a
  dispute's citations, a fact's origins). A record's data (a plain dict) is pickled by value.
  A value the pickler does not know how to write (a function, the renderer) fails the build
  rather than being skipped.
- what the template **looks up through the renderer**: link labels, tooltips, origins,
  citations, deep links. ``Renderer`` notes each record id it is asked about, including ids
  that do not exist (a link that would start resolving if the record were added).

A dependency's fingerprint hashes everything the renderer could read about that id; the index
keeps each id's fingerprint as of the last render. A page is reused only when its key (URL,
template, title, context, renderer code, templates, library versions, site URL) matches and
every dependency's fingerprint is unchanged. Its file in the docs folder must then be as the
last render left it: the same size, modification and change times (a file touched since, as a
copy or a clone leaves it, is read back and checked against the stored sha256), so a deleted or
edited page is rendered again, never trusted.

The index is JSON (never pickle, which a tampered cache could use to run code).
"""

from __future__ import annotations

import io
import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path

from builder.core.cache import CACHE_DIR, code_key, content_key
from builder.core.text import sha256_hex

# Libraries whose output lands in page text, besides the builder's code and templates.
RENDER_LIBRARIES = ("Jinja2", "MarkupSafe", "markdown-it-py", "mdurl", "PyYAML", "edtf")
FORMAT = "2"  # bump when the index layout changes


def digest(data: bytes) -> str:
    """A short hash for keys and fingerprints."""
    return sha256_hex(data)[:32]


def file_stat(path: Path | str) -> list[int] | None:
    """What says a file was not touched since: its size, modification and change times."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def _record(record_id: str) -> str:
    """What a record in a page context pickles as: its id (only ever pickled, never loaded)."""
    return record_id


class _ContextPickler(pickle.Pickler):
    """Pickles a page context, writing documents and source texts as references to their ids.

    Only instances the pickler does not write natively reach ``reducer_override``: plain
    dicts, lists and strings (a fact's data, say) are pickled by value, in C.
    """

    def __init__(self, file, refs: dict[int, str], found: set[str]):
        super().__init__(file, protocol=5)
        # No memo: an object met twice is written twice, so the bytes depend on values only,
        # never on which equal objects happen to be shared (memoised helpers share them).
        self.fast = True
        self.refs = refs
        self.found = found

    def reducer_override(self, obj):
        ref = self.refs.get(id(obj))
        if ref is not None:
            self.found.add(ref)
            return _record, (ref,)
        if callable(obj) and obj is not _record and not isinstance(obj, type):
            raise TypeError(
                f"a page context holds a function ({obj!r}): pass its result instead, "
                "so the page cache can see what the page reads"
            )
        return NotImplemented


def _unbound(record_id: str) -> str:
    raise RuntimeError("PageCache used before a Renderer was given it")


class PageCache:
    """The pages of the last render, their keys and dependencies; reuses what is unchanged."""

    def __init__(self, root: Path, docs: Path, site_url: str | None = None):
        self.docs = docs
        self._docs = str(docs)  # joined with a page's path as a string: thousands of pages a render
        self.folder = root / CACHE_DIR / "pages"
        templates = root / "templates"
        parts = [FORMAT, code_key(RENDER_LIBRARIES), site_url or ""]
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            parts += [path.relative_to(templates).as_posix(), path.read_bytes().hex()]
        self.code = content_key(parts)
        self.fingerprints: dict[str, str] = {}  # record id -> fingerprint at the last render
        self.fingerprint: Callable[[str], str] = _unbound  # record id -> fingerprint now: the renderer's
        self.old = self._read()
        self.new: dict[str, list] = {}
        self.rendered: list[str] = []  # docs paths rendered this run
        self.reused: list[str] = []  # docs paths read back from the docs folder
        self.written: list[str] = []  # docs paths rendered and written by the renderer, their file changed
        self._changed: set[str] | None = None

    def _read(self) -> dict:
        path = self.folder / "index.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("code") != self.code:
            return {}
        try:
            ids, prints = zip(*data["records"]) if data["records"] else ((), ())
            self.fingerprints = dict(zip(ids, prints))
            return {
                page: (key, sha, [ids[i] for i in deps], stat) for page, (key, sha, deps, stat) in data["pages"].items()
            }
        except (KeyError, TypeError, ValueError, IndexError):
            self.fingerprints = {}
            return {}  # a damaged index is ignored, never trusted

    def key(self, url: str, template: str, title: str, context: dict, refs: dict[int, str]) -> tuple[str, set[str]]:
        """The page's key and the record ids its context refers to."""
        found: set[str] = set()
        buffer = io.BytesIO()
        _ContextPickler(buffer, refs, found).dump((url, template, title, sorted(context.items())))
        return digest(buffer.getvalue()), found

    def changed(self) -> set[str]:
        """The records of the last render whose fingerprint differs now (worked out once: call
        it before forking, so workers inherit it)."""
        if self._changed is None:
            self._changed = {rid for rid, print_ in self.fingerprints.items() if self.fingerprint(rid) != print_}
        return self._changed

    def reuse(self, path: str, key: str) -> list | None:
        """The page's entry from the last render, if nothing it read has changed and its file
        in the docs folder still holds the text that render wrote.

        Nothing is recorded here (a forked worker may be asking): ``note`` records the page.
        """
        entry = self.old.get(path)
        if entry is None or entry[0] != key or not self.changed().isdisjoint(entry[2]):
            return None
        file = os.path.join(self._docs, path)
        stat = file_stat(file)
        if stat != entry[3]:  # touched since the last render: its bytes must say
            try:
                data = Path(file).read_bytes()
            except OSError:
                return None
            if sha256_hex(data) != entry[1]:
                return None
        return [*entry[:3], stat]

    @staticmethod
    def entry(key: str, deps: set[str], text: str) -> list:
        """The index entry of a page rendered now (its file's stat is taken once it is written)."""
        return [key, sha256_hex(text), sorted(deps), None]

    def note(self, path: str, entry: list, reused: bool, written: bool = False) -> None:
        """Record a page of this render, reused or rendered (and written), in render order."""
        self.new[path] = entry
        if reused:
            self.reused.append(path)
            return
        self.rendered.append(path)
        if written:
            self.written.append(path)
        if path in self.reused:  # a later page at the same path replaces the one read back
            self.reused.remove(path)

    def save(self) -> None:
        """Write the index of this render (atomically), for the next one."""
        ids = sorted({record_id for entry in self.new.values() for record_id in entry[2]})
        number = {record_id: n for n, record_id in enumerate(ids)}
        pages = {
            path: [key, sha, [number[d] for d in deps], stat or file_stat(os.path.join(self._docs, path))]
            for path, (key, sha, deps, stat) in sorted(self.new.items())
        }
        records = [[record_id, self.fingerprint(record_id)] for record_id in ids]
        self.folder.mkdir(parents=True, exist_ok=True)
        temp = self.folder / "index.json.tmp"
        index = {"code": self.code, "records": records, "pages": pages}
        temp.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temp, self.folder / "index.json")
