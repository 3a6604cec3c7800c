"""``python -m builder.synth <folder> <n> [--seed S]``: write a synthetic briefing project."""

import sys

from builder.synth.command import main

sys.exit(main())
