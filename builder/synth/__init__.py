"""A deterministic synthetic briefing of any size, for benchmarks and scale tests.

``generate(root, n)`` writes a complete project folder: ``seeds/*.txt`` (n articles with a
headline, byline, site chrome, captions, highlights, paragraphs, hedged and attributed
sentences, footers), the source records made by the real normaliser
(``builder.sources.records.normalize_tree``) from those seeds, editor metadata with reasons for
every null, about n/3 entities with aliases (some in other scripts), about 5 facts per
source whose quotes are copied from the normalized records, disputes, ``briefing.yaml``,
and ``mkdocs.yml`` and ``templates/`` copied from this repository.

Everything comes from one ``random.Random`` seeded with ``(n, seed)``: the same arguments
give the same bytes. Facts are written only after normalization, from the records'
sentences, and their hedge lists, statuses and dates are derived with the same functions
``briefing check`` uses (``quotes.locate``, ``hedges.evidence_scope``, ``lexicon.ceiling``,
``lexicon.phrase_precision``), so the project passes ``briefing check --strict``.

Command line: ``python -m builder.synth <folder> <n> [--seed S]`` (``__main__.py``) (the folder must be
empty or absent).
"""

from builder.synth.command import main
from builder.synth.project import generate

__all__ = ["generate", "main"]
