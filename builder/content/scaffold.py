"""`briefing new fact|entity|dispute <id>`: a commented file that passes the schema.

Every value an editor must still write starts with ``TODO`` (ids: ``todo-``); `briefing check` reports each
one as ``unfinished`` until it is replaced, so a scaffold can never be published as is.
"""

from __future__ import annotations

import datetime as dt
import re

ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
FOLDERS = {"fact": "facts", "entity": "entities", "dispute": "disputes"}

TEMPLATES = {
    "fact": """\
# yaml-language-server: $schema=../../builder/schemas/fact.schema.json
# A sourced statement. CONTRIBUTING.md explains every field, the status rule and dates.
id: {id}
# What the sources say, in the briefing's words. Link entities with [[entity-id]].
statement: "TODO: the claim in the briefing's words; its numbers must stand in a quote below"
# confirmed | reported | speculative | disputed | refuted
status: reported
evidence:
  # One item for EVERY source that states it. Copy the quote from the source record's text.
  - source: todo-source-id
    quote: "TODO: at least five words copied exactly from the source"
    hedge: []  # hedging words of the quoted sentence, e.g. [reportedly]
    via: []  # who the article credits, nearest first: - entity: reuters / basis: stated
# when: "2026-04"  # EDTF, quoted; needs when_basis (phrase, relative_to, derivation)
changed: "{today}"
""",
    "entity": """\
# yaml-language-server: $schema=../../builder/schemas/entity.schema.json
id: {id}
name: "TODO: the name as the sources write it"
# organisation | company | person | product | model | chip | outlet | government | place | other
kind: other
description: "TODO: one line the sources support"
aliases: []  # - name: 华为 / lang: zh-Hans / basis: editor  (basis: source if a source uses it)
changed: "{today}"
""",
    "dispute": """\
# yaml-language-server: $schema=../../builder/schemas/dispute.schema.json
id: {id}
question: "TODO: the question the sources disagree on"
state: open  # open | settled
positions:
  # Each position rests on facts (ids) or quoted evidence (as in a fact), or both.
  - claim: "TODO: what one side says"
    status: reported
    facts: [todo-fact-id]
  - claim: "TODO: what the other side says"
    status: reported
    facts: [todo-fact-id]
note: "TODO: what can and cannot be concluded"
changed: "{today}"
""",
}


class ScaffoldError(Exception):
    """Why a scaffold was not written."""


def scaffold(kind: str, record_id: str, *, today: dt.date) -> tuple[str, str]:
    """(repo-relative path, text) of a new record; raises ScaffoldError for a bad id."""
    if not ID.match(record_id):
        raise ScaffoldError(
            f"'{record_id}' is not a valid id: use lower-case letters, digits and hyphens, e.g. 'huawei-ascend'"
        )
    return f"content/{FOLDERS[kind]}/{record_id}.yaml", TEMPLATES[kind].format(id=record_id, today=today.isoformat())
