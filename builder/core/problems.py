"""Problems are values: found by every stage, sorted, and printed by one of two formatters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a 1-based file position."""

    file: str  # repo-relative, forward slashes
    line: int  # 1-based
    col: int  # 1-based
    code: str  # stable kebab-case name, e.g. "quote-not-found"
    message: str  # what is wrong, naming the id or value
    hint: str = ""  # how to fix it
    severity: str = "error"  # "error" | "warning" | "info"


def format_human(problem: Problem) -> str:
    """``file:line:col: error: message [code]`` with the hint indented below."""
    head = f"{problem.file}:{problem.line}:{problem.col}: {problem.severity}: {problem.message} [{problem.code}]"
    if not problem.hint:
        return head
    return head + "\n" + "\n".join("  " + line for line in problem.hint.splitlines())


def _escape_data(value: str) -> str:
    # actions/toolkit packages/core/src/command.ts escapeData
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    # actions/toolkit packages/core/src/command.ts escapeProperty
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    level = {"error": "error", "warning": "warning"}.get(problem.severity, "notice")
    fields = (("file", problem.file), ("line", problem.line), ("col", problem.col), ("title", problem.code))
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in fields)
    body = problem.message + (f"\n{problem.hint}" if problem.hint else "")
    return f"::{level} {props}::{_escape_data(body)}"


def summary(problems: list[Problem]) -> str:
    """One closing line: ``3 errors, 1 warning in 2 files``."""
    counts = Counter(p.severity for p in problems)
    files = len({p.file for p in problems})
    parts = []
    for severity in ("error", "warning", "info"):
        n = counts.get(severity, 0)
        if n:
            parts.append(f"{n} {severity}{'s' if n != 1 and severity != 'info' else ''}")
    return f"{', '.join(parts)} in {files} file{'s' if files != 1 else ''}"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error (warnings and info do not fail a build)."""
    return any(p.severity == "error" for p in problems)


def notes_count(problems: list[Problem]) -> str:
    """The info notes among ``problems`` counted by code, e.g. ``44 info notes (40 claim-uncovered,
    4 evidence-missing)``; "" when there are none."""
    codes = Counter(p.code for p in problems if p.severity == "info")
    total = sum(codes.values())
    if not total:
        return ""
    by_code = ", ".join(f"{n} {code}" for code, n in sorted(codes.items(), key=lambda item: (-item[1], item[0])))
    return f"{total} info note{'s' if total != 1 else ''} ({by_code})"
