"""Where the builder's own files are: its code (which cache keys hash) and its JSON Schemas."""

from __future__ import annotations

from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent  # the builder package, every stage's code beneath it
SCHEMA_DIR = BUILDER / "schemas"
