"""Strict YAML: PyYAML's composer for nodes, our own tiny resolver for values.

What it refuses, each as a Problem at a 1-based line and column: syntax errors (tabs,
unclosed quotes), duplicate keys, anchors and aliases (no alias bombs), explicit tags, and
keys that are not plain strings. What it never does: turn ``no``/``on``/``yes`` into
booleans or ``2026-04-05`` into a date. Only ``true``/``false`` are booleans, only
``null``/``~``/empty are null, and only plain digit strings are numbers; everything else
is a string. Every value's position is found, keyed by its path (``("evidence", 0, "quote")``),
and read again from the text when a problem needs it (``Parsed``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from builder.content.yamlerrors import reader_problem, syntax_problem, unclosed_quote
from builder.core.problems import Problem

Path = tuple[Any, ...]
INT = re.compile(r"^-?(0|[1-9][0-9]*)$")
FLOAT = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]+$")
PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

try:
    from yaml.cyaml import CParser
except ImportError:  # PyYAML built without libyaml: the pure-Python parser reads every file
    CParser = None
HAS_LIBYAML = CParser is not None
NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE  # what the pure-Python reader refuses
# Where libyaml accepts what the pure-Python parser refuses (found by tests/test_fuzz.py):
# tabs, a block scalar header touching '#', a byte-order mark after the start, and the
# line breaks of YAML 1.1 beyond \n and \r (NEL, LS, PS), which shift positions.
LIBYAML_DIFFERS = re.compile("[|>][-+0-9]*#|(?<!^)\ufeff|[\x85\u2028\u2029]")


def _libyaml_differs(text: str) -> bool:
    """``LIBYAML_DIFFERS.search(text)``, skipped when a character every match needs is
    absent: the alternation costs more than the rest of the pre-checks together."""
    maybe = ("#" in text and ("|" in text or ">" in text)) or (
        not text.isascii() and any(c in text for c in "\ufeff\x85\u2028\u2029")
    )
    return maybe and LIBYAML_DIFFERS.search(text) is not None


SAFE_PLAIN = re.compile(r"[\w][\w .,/-]*")  # unquoted flow values both parsers read alike


class _Fallback(Exception):
    """libyaml placed a node where the pure-Python parser would not: let that one read the file."""


class _Abort(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


@dataclass
class Parsed:
    """A YAML document: its value and where each value and key stands (1-based).

    ``parse`` does not keep the tables of positions: they are read again from the text, once
    and only for a document with a problem to place. Kept for every document, they were about
    a third of a loaded briefing's memory, in every process that holds it.
    """

    data: Any = None
    values: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)
    libyaml: bool = field(default=False, repr=False, compare=False)
    source: tuple[str, str] | None = field(default=None, repr=False, compare=False)  # (text, file) to read again

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Where the value (or its key) at ``path`` stands; the nearest parent's if absent."""
        if self.source is not None:
            again = _read(*self.source)[0]
            self.values, self.keys, self.source = again.values, again.keys, None
        table = self.keys if key else self.values
        while path not in table and path:
            path = path[:-1]
        return table.get(path, self.values.get((), (1, 1)))


_TAG_OF = {
    ScalarNode: "tag:yaml.org,2002:str", SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map",
}


def _resolve(self, kind, value, implicit) -> str:
    """Every untagged node gets its kind's plain tag: ``_scalar`` decides what a value is,
    so PyYAML's implicit resolvers (bool, int, float, timestamp, merge, value: one regular
    expression per scalar) would only cost time, and ``=`` or ``<<`` as a value would take
    a tag no editor wrote."""
    return _TAG_OF[kind]


if HAS_LIBYAML:

    class _CLoader(CParser, yaml.resolver.BaseResolver):
        """libyaml's parser and composer with ``_resolve``: nothing is constructed."""

        resolve = _resolve

        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.resolver.BaseResolver.__init__(self)


class _Loader(yaml.SafeLoader):
    """SafeLoader whose composer refuses anchors and aliases before expanding anything."""

    resolve = _resolve

    def __init__(self, stream, file: str):
        super().__init__(stream)
        self.file = file

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise _Abort(Problem(
                self.file, mark.line + 1, mark.column + 1, "yaml-alias",
                "anchors and aliases ('&name', '*name') are not allowed",
                "write the value out in full where it is needed",
            ))
        return super().compose_node(parent, index)


def parse(text: str, file: str) -> tuple[Parsed, list[Problem]]:
    """Parse one YAML document strictly; problems instead of exceptions.

    libyaml (PyYAML's C parser, when installed) reads the file first: it is about 15 times
    faster. Whenever it stops at anything (a syntax error, an anchor, a character YAML
    refuses), the file is read again by the pure-Python parser, whose messages and
    positions are the ones editors see, so the answer never depends on which parser ran.
    """
    parsed, problems = _read(text, file)
    if parsed.values:  # the same text gives the same tables: Parsed.position reads them again
        parsed.values, parsed.keys, parsed.source = {}, {}, (text, file)
    return parsed, problems


def _read(text: str, file: str) -> tuple[Parsed, list[Problem]]:
    return _parse_c(text, file) or _parse_python(text, file)


def _parse_python(text: str, file: str) -> tuple[Parsed, list[Problem]]:
    try:
        loader = _Loader(text, file)
    except yaml.reader.ReaderError as error:
        return Parsed(), [reader_problem(text, file, error)]
    try:
        node = loader.get_single_node()
    except yaml.reader.ReaderError as error:
        return Parsed(), [reader_problem(text, file, error)]
    except _Abort as abort:
        return Parsed(), [abort.problem]
    except yaml.MarkedYAMLError as error:
        return Parsed(), [unclosed_quote(text, file) or syntax_problem(error, file)]
    except yaml.YAMLError as error:
        return Parsed(), [Problem(file, 1, 1, "yaml-syntax", f"not valid YAML: {error}", "check the file's structure")]
    finally:
        loader.dispose()
    return _parsed(node, file)


def _parse_c(text: str, file: str) -> tuple[Parsed, list[Problem]] | None:
    """libyaml's reading of a well-formed file, or None where the pure-Python path must speak."""
    if not HAS_LIBYAML or "\t" in text or NON_PRINTABLE.search(text) or _libyaml_differs(text):
        return None
    try:
        if "&" in text or "*" in text:  # an anchor or alias needs one of them; refuse before composing
            for event in yaml.parse(text, Loader=_CLoader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    return None
        node = yaml.compose(text, Loader=_CLoader)
    except yaml.YAMLError:
        return None
    try:
        return _parsed(node, file, libyaml=True)
    except _Fallback:
        return None


def _parsed(node: Node | None, file: str, *, libyaml: bool = False) -> tuple[Parsed, list[Problem]]:
    parsed, problems = Parsed(libyaml=libyaml), []
    if node is not None:
        parsed.data = _value(node, (), parsed, problems, file)
    return parsed, problems


def _at(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _value(node: Node, path: Path, parsed: Parsed, problems: list[Problem], file: str) -> Any:
    parsed.values[path] = _at(node)
    if node.tag not in PLAIN_TAGS:
        if parsed.libyaml:
            raise _Fallback  # libyaml reads malformed tags the pure-Python parser refuses
        line, col = _at(node)
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        problems.append(Problem(
            file, line, col, "yaml-tag", f"the tag '{tag}' is not allowed", "remove the tag and write a plain value"
        ))
        # Then read the value as if it carried no tag: the tag is refused, never obeyed.
    if isinstance(node, ScalarNode):
        if parsed.libyaml and not node.value and not node.style:
            raise _Fallback  # an empty value: the two parsers place it differently
        return _scalar(node)
    if parsed.libyaml and getattr(node, "flow_style", False) and not _plain_words_only(node):
        raise _Fallback  # in [a, b] and {a: b} libyaml accepts plain scalars PyYAML refuses
    if isinstance(node, SequenceNode):
        return [_child(item, path + (i,), parsed, problems, file) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, col = _at(key_node)
            if not isinstance(key_node, ScalarNode) or key_node.tag not in PLAIN_TAGS or key_node.value == "<<":
                if parsed.libyaml:
                    raise _Fallback
                problems.append(Problem(
                    file, line, col, "yaml-key", "a key must be a plain name",
                    "write the key as a single word followed by ': '",
                ))
                continue
            key = key_node.value
            if key in result:
                first = parsed.keys[path + (key,)]
                problems.append(Problem(
                    file, line, col, "duplicate-key",
                    f"the key '{key}' appears twice in this mapping (first at line {first[0]})",
                    "keep one of the two and delete the other",
                ))
                continue
            parsed.keys[path + (key,)] = (line, col)
            result[key] = _child(value_node, path + (key,), parsed, problems, file)
        return result
    return None


def _child(node: Node, path: Path, parsed: Parsed, problems: list[Problem], file: str) -> Any:
    """``_value`` of a child node, with the common case (a plainly tagged, non-empty
    scalar) done here: most nodes are such scalars, and a call less each adds up."""
    if node.__class__ is ScalarNode and node.tag in PLAIN_TAGS and (node.style or node.value):
        mark = node.start_mark
        parsed.values[path] = (mark.line + 1, mark.column + 1)
        return node.value if node.style else _scalar(node)
    return _value(node, path, parsed, problems, file)


def _plain_words_only(node: Node) -> bool:
    """True if every unquoted scalar under ``node`` is words, spaces, dots, hyphens or slashes."""
    if isinstance(node, ScalarNode):
        return bool(node.style) or SAFE_PLAIN.fullmatch(node.value) is not None
    children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
    return all(_plain_words_only(child) for child in children)


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted, literal or folded: always a string (plain is None, or "" in libyaml)
        return value
    if value in ("", "~", "null"):
        return None
    if value in ("true", "false"):
        return value == "true"
    if INT.match(value):
        return int(value)
    if FLOAT.match(value):
        return float(value)
    return value
