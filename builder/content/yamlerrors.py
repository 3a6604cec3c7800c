"""What a YAML syntax error means to an editor: where it really is and what to do.

PyYAML's own messages name the point where its parser gave up, which for an unclosed quote is
lines below the mistake, and say nothing of the fix. ``yamlstrict`` turns each error into a
Problem through these: a control character's position, a syntax error's line with a hint
matched on PyYAML's words, and a quote left open found where it opens.
"""

from __future__ import annotations

import re

import yaml

from builder.core.problems import Problem

SYNTAX_HINTS = (
    ("found character '\\t'", "indent with spaces, never tabs"),
    ("found unexpected end of stream", "close the quote that starts here, or remove it"),
    (
        "could not find expected ':'",
        "put ': ' after the key, or quote a value that contains ': ' or starts with a quote",
    ),
    ("mapping values are not allowed here", "quote the value: it contains ': ' (colon and space)"),
    ("found undefined alias", "remove the '*': aliases are not allowed"),
    ("expected <block end>, but found", "line this up with the keys above it (same indentation)"),
    ("while scanning a simple key", "quote the value, or put ': ' after the key"),
)


def reader_problem(text: str, file: str, error: yaml.reader.ReaderError) -> Problem:
    line = text.count("\n", 0, error.position) + 1
    col = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    return Problem(
        file, line, col, "yaml-character", f"the character U+{error.character:04X} is not allowed in YAML",
        "delete it: it is an invisible control character, usually pasted by accident",
    )


def syntax_problem(error: yaml.MarkedYAMLError, file: str) -> Problem:
    # An unclosed quote is found at the end of the file; point at where it opened instead.
    opened = error.context and "quoted scalar" in error.context and error.context_mark
    mark = error.context_mark if opened else (error.problem_mark or error.context_mark)
    what = " ".join(part for part in (error.context, error.problem) if part)
    hint = next((h for needle, h in SYNTAX_HINTS if needle in what), "check indentation and quotes on this line")
    return Problem(file, mark.line + 1, mark.column + 1, "yaml-syntax", f"not valid YAML: {what}", hint)


# A line that begins a key or a list item: text YAML would read as structure, not as a value.
STRUCTURE_LINE = re.compile(r"^[ ]*(?:- |-$|[A-Za-z_][\w-]*:(?: |$))")


def unclosed_quote(text: str, file: str) -> Problem | None:
    """A quote left open in mid-file, reported where it opens.

    A quoted value may run over several lines, so an unclosed quote reads on, swallowing the
    keys below it, until the next quote mark; the error comes lines later, at whatever then
    no longer fits. The culprit is a quoted value that spans lines and took in a line that
    starts a key or a list item."""
    tokens = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            tokens.append(token)
    except yaml.YAMLError:
        pass  # the tokens before the error are all we need
    lines = text.splitlines()
    for token in tokens:
        if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
            continue
        first, last = token.start_mark.line, token.end_mark.line
        if first != last and any(STRUCTURE_LINE.match(line) for line in lines[first + 1 : last + 1]):
            quote = token.style
            return Problem(
                file, first + 1, token.start_mark.column + 1, "yaml-syntax",
                f"not valid YAML: the quote ({quote}) that opens here is not closed on its line, so the value runs on "
                f"to the next {quote} on line {last + 1}, taking in the lines between",
                f"close the quote where the value ends on this line (add {quote})",
            )
    return None
