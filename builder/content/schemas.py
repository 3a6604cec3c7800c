"""JSON Schema validation of records, with messages an editor can act on.

The schemas in ``builder/schemas/`` are the contract (editors' YAML language server uses
them too). Each jsonschema error becomes one Problem at the value's position; a missing
key points at its parent, an unknown key at itself with the closest allowed name.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING

import jsonschema_rs
from rapidfuzz import process

from builder.core.paths import SCHEMA_DIR
from builder.content.load import Document
from builder.core.problems import Problem

if TYPE_CHECKING:  # jsonschema loads only to explain a record the fast validator refuses
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FOR_KIND = {
    "fact": "fact.schema.json",
    "entity": "entity.schema.json",
    "dispute": "dispute.schema.json",
    "briefing": "briefing.schema.json",
    "source": "source.schema.json",
    "source-text": "source-text.schema.json",
    "redirects": "redirects.schema.json",
}
TYPE_NAMES = {
    "string": "text", "array": "a list", "object": "a mapping (key: value lines)", "boolean": "true or false",
    "integer": "a whole number", "null": "null", "number": "a number",
}


@lru_cache(maxsize=None)
def _schema_files() -> dict[str, dict]:
    """Every schema file's contents by file name, read once (never changed by its readers)."""
    paths = sorted(SCHEMA_DIR.glob("*.schema.json"))
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in paths}


@lru_cache(maxsize=None)
def validator_for(kind: str) -> Draft202012Validator:
    """The validator of one record kind, with every schema file registered for $ref."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    files = _schema_files()
    registry = Registry().with_resources(
        (name, Resource.from_contents(contents, default_specification=DRAFT202012)) for name, contents in files.items()
    )
    return Draft202012Validator(files[SCHEMA_FOR_KIND[kind]], registry=registry)


@lru_cache(maxsize=None)
def fast_validator_for(kind: str) -> jsonschema_rs.Draft202012Validator:
    """A compiled validator of the same schema, with every ``$ref`` replaced by its target.

    jsonschema-rs (Rust) decides whether a record is valid about 50 times faster than
    jsonschema walks it; ``validator_for`` then explains only the few records it rejects, so
    every message still comes from jsonschema. Formats stay annotations, as in jsonschema.
    Inlining keeps the schema self-contained: no schema here refers to itself, has ``$id``,
    ``$anchor`` or dynamic references. Tests hold this validator to jsonschema's verdicts.
    """
    files = _schema_files()
    name = SCHEMA_FOR_KIND[kind]
    return jsonschema_rs.Draft202012Validator(_inline(files[name], name, files, ()), validate_formats=False)


def accepts(kind: str, data) -> bool:
    """True when the fast validator accepts ``data``; False when it rejects it or cannot read
    it (an integer beyond 64 bits, a lone surrogate), which sends the record to jsonschema:
    a False only costs time, so any failure of the fast validator is one."""
    try:
        return fast_validator_for(kind).is_valid(data)
    except Exception:  # noqa: BLE001 - jsonschema decides instead
        return False


def _inline(node, base: str, files: dict, seen: tuple):
    """``node`` (a part of schema file ``base``) with each $ref replaced by its target."""
    if isinstance(node, list):
        return [_inline(item, base, files, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" not in node:
        return {key: _inline(value, base, files, seen) for key, value in node.items()}
    file, _, pointer = node["$ref"].partition("#")
    file = file or base
    if (file, pointer) in seen:
        raise ValueError(f"{base}: $ref {node['$ref']} refers to itself; the schemas cannot be inlined")
    target = files[file]
    for part in pointer.split("/")[1:]:
        target = target[part.replace("~1", "/").replace("~0", "~")]
    resolved = _inline(target, file, files, seen + ((file, pointer),))
    siblings = {key: _inline(value, base, files, seen) for key, value in node.items() if key != "$ref"}
    # In draft 2020-12 a $ref applies beside its sibling keywords, as one allOf item does.
    return {"allOf": [resolved], **siblings} if siblings else resolved


def check_schema(document: Document) -> list[Problem]:
    """Every schema violation of one record, at its position."""
    if document.kind in SCHEMA_FOR_KIND and accepts(document.kind, document.data):
        return []
    validator = validator_for(document.kind)
    problems = []
    for error in validator.iter_errors(document.data):
        problems += _problems(document, error)
    return problems


def _got(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES["object" if isinstance(value, dict) else "array"]
    return repr(value)


def _name(path) -> str:
    if path and isinstance(path[-1], int) and len(path) > 1:
        return f"item {path[-1] + 1} of {path[-2]}"
    keys = [str(p) for p in path if isinstance(p, str)]
    return keys[-1] if keys else "this record"


def _problems(document: Document, error: ValidationError) -> list[Problem]:
    path = tuple(error.absolute_path)
    line, col = document.at(path)
    where = document.path
    field = _name(path)
    keyword = error.validator
    if keyword == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        what = _name(path) if path else "the record"
        return [
            Problem(
                where, line, col, "missing-field", f"{what} is missing the required field '{name}'",
                _describe(error.schema, name),
            )
            for name in missing
        ]
    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        out = []
        for key in extra:
            kline, kcol = document.at(path + (key,), key=True)
            guess = process.extractOne(key, allowed, score_cutoff=60) if allowed else None
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed fields: {', '.join(allowed)}"
            out.append(Problem(where, kline, kcol, "unknown-field", f"unknown field '{key}'", hint))
        return out
    if keyword == "enum":
        options = [str(o) for o in error.validator_value]
        if isinstance(error.instance, str):
            guess = process.extractOne(str(error.instance), options, score_cutoff=60)
        else:
            guess = None
        hint = (f"did you mean '{guess[0]}'? " if guess else "") + f"use one of: {', '.join(options)}"
        message = f"{field} is {_got(error.instance)}, which is not allowed"
        return [Problem(where, line, col, "bad-value", message, hint)]
    if keyword == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(TYPE_NAMES.get(t, t) for t in expected)
        hint = f"write {wanted}"
        if "boolean" in expected and isinstance(error.instance, str):
            hint = "write true or false (YAML words like yes, no, on and off are not booleans here)"
        elif "string" in expected and not isinstance(error.instance, (dict, list)):
            hint = f'put the value in double quotes: "{error.instance}"'
        message = f"{field} should be {wanted}, not {_got(error.instance)}"
        return [Problem(where, line, col, "wrong-type", message, hint)]
    if keyword == "pattern":
        return [_pattern_problem(where, line, col, field, error)]
    if keyword in ("minItems", "minLength"):
        what = "an empty list" if keyword == "minItems" else "empty"
        if keyword == "minItems":
            need = f"at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}"
        else:
            need = "some text"
        return [Problem(where, line, col, "empty-value", f"{field} is {what}", f"give it {need}")]
    if keyword == "uniqueItems":
        return [Problem(where, line, col, "repeated-item", f"{field} lists the same item twice", "remove the repeat")]
    if keyword == "dependentRequired":
        return [
            Problem(
                where, line, col, "missing-field", f"'{name}' needs '{needed}' beside it",
                _describe(error.schema, needed),
            )
            for name, needs in error.validator_value.items() if name in error.instance
            for needed in needs if needed not in error.instance
        ]
    if keyword == "anyOf" and field != "published":
        options = [" and ".join(sub.get("required", [])) for sub in error.validator_value]
        if all(options):
            if len(options) == 2:
                message = f"{field} needs '{options[0]}' or '{options[1]}'"
            else:
                message = f"{field} needs one of: {', '.join(options)}"
            hint = "a position must rest on facts or quoted evidence"
            return [Problem(where, line, col, "missing-field", message, hint)]
    if keyword == "anyOf":
        from jsonschema.exceptions import best_match

        return _problems(document, best_match(error.context)) if error.context else []
    return [Problem(where, line, col, "schema", f"{field}: {error.message}", "see the schema in builder/schemas/")]


@lru_cache(maxsize=None)
def _shared_definitions() -> dict:
    return json.loads((SCHEMA_DIR / "defs.schema.json").read_text(encoding="utf-8"))["$defs"]


def _describe(schema: dict, name: str) -> str:
    prop = schema.get("properties", {}).get(name, {})
    description = prop.get("description")
    if description is None and prop.get("$ref", "").startswith("defs.schema.json#/$defs/"):
        description = _shared_definitions()[prop["$ref"].rsplit("/", 1)[1]].get("description")
    return f"add '{name}:' ({description})" if description else f"add '{name}:'"


def _pattern_problem(where: str, line: int, col: int, field: str, error: ValidationError) -> Problem:
    value = error.instance
    pattern = error.validator_value
    if pattern.startswith("^[a-z0-9][a-z0-9-]"):
        if "/" in value or ".." in value or "\\" in value:
            return Problem(
                where, line, col, "bad-id", f"the id {value!r} could point outside its folder",
                "ids are lower-case letters, digits and hyphens only: no '/', '\\' or '..'",
            )
        return Problem(
            where, line, col, "bad-id", f"{value!r} is not a valid id",
            "use lower-case letters, digits and hyphens, e.g. 'huawei-ascend'",
        )
    if pattern.startswith("^[0-9]{4}-"):
        return Problem(
            where, line, col, "bad-date", f"{field} {value!r} is not a day like \"2026-04-05\"",
            'write the day as "YYYY-MM-DD", in quotes',
        )
    if pattern == "^https?://":
        return Problem(
            where, line, col, "bad-url", f"{field} {value!r} is not a web address",
            "start it with https:// or leave it null with a reason under unknown",
        )
    return Problem(
        where, line, col, "bad-value", f"{field} {value!r} does not have the expected form",
        "see the schema in builder/schemas/",
    )
