"""Bundled sample corpus: the five seed documents (see sample/README.md for sources)."""
