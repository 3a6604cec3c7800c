"""briefing: a static site generator for curated, sourced news briefings."""

__version__ = "0.1.0"
